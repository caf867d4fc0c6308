"""Référentiels API on a site: versions, refusals naming the row with
nothing stored, the corps and grades vocabularies following the version in
force, and the statute mapping (every holder, all or nothing)."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
import pytest
from sirhp.content.careers import collective
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import defaults
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

TODAY = REFERENCE_DATE  # 2026-11-01


def vocabulary(name):
    return getUtility(IVocabularyFactory, name=name)(None)


@pytest.fixture
def manager(portal):
    login(portal, "hrmanager.pn")
    yield portal
    logout()


def stored():
    return api.portal.get_registry_record(referentials.RECORD, default=None)


def test_no_version_stored_means_the_shipped_tables(portal):
    assert stored() in (None, "")
    assert [v["effective"] for v in referentials.versions()] == ["2021-01-01"]
    assert referentials.tables(at=TODAY) == defaults.tables()


def test_add_version_then_tables_at(portal):
    tables = defaults.tables()
    tables["corps"]["officiers"]["age_limit"] = 63
    referentials.add_version(effective="2027-01-01", tables=tables, today=TODAY)
    assert [v["effective"] for v in referentials.versions()] == [
        "2021-01-01",
        "2027-01-01",
    ]
    assert (
        referentials.tables(at=date(2026, 12, 31))["corps"]["officiers"]["age_limit"]
        == 62
    )
    assert (
        referentials.tables(at=date(2027, 1, 1))["corps"]["officiers"]["age_limit"]
        == 63
    )
    # échelon numbers read back as JSON keys; the lookups take both
    grade = referentials.tables(at=date(2027, 1, 1))["grades"]["caporal"]
    assert grade["echelons"]["5"] is None


def test_refusal_names_the_row_and_stores_nothing(portal):
    tables = defaults.tables()
    tables["grades"]["caporal"]["corps"] = "gendarmes"
    with pytest.raises(referentials.ReferentialError) as refused:
        referentials.add_version(effective="2027-01-01", tables=tables, today=TODAY)
    assert refused.value.field == "grades:caporal"
    assert refused.value.text() == (
        "Grade « caporal » : le corps « gendarmes » n'existe pas."
    )
    assert stored() in (None, "")


def test_versions_in_force_never_change(portal):
    referentials.add_version(
        effective="2026-06-01", tables=defaults.tables(), today=date(2026, 5, 1)
    )
    for effective in ("2026-06-01", "2026-01-01"):
        with pytest.raises(referentials.ReferentialError) as refused:
            referentials.add_version(
                effective=effective, tables=defaults.tables(), today=TODAY
            )
        assert "01/06/2026" in refused.value.text()
    with pytest.raises(referentials.ReferentialError):
        referentials.add_version(
            effective="demain", tables=defaults.tables(), today=TODAY
        )
    assert len(referentials.versions()) == 2


def test_vocabularies_follow_the_version_in_force(portal):
    tables = defaults.tables()
    tables["grades"]["caporal"]["label"] = "Caporal de police"
    tables["corps"]["appui"]["label"] = "Personnel d'appui"
    referentials.add_version(
        effective="2021-01-02", tables=tables, today=date(2021, 1, 1)
    )
    grades = vocabulary("sirhp.content.grades")
    assert grades.getTerm("caporal").title == "Caporal de police"
    assert grades.getTermByToken("caporal").value == "caporal"
    assert (
        vocabulary("sirhp.content.corps").getTerm("appui").title == "Personnel d'appui"
    )
    codes = [term.value for term in grades]
    assert codes.index("agent") < codes.index("caporal") < codes.index("sergent")


def test_old_registry_codes_keep_their_label(portal):
    lines = api.portal.get_registry_record("sirhp.grades")
    api.portal.set_registry_record(
        "sirhp.grades", lines + ["brigadier|Brigadier|sous-officiers"]
    )
    assert vocabulary("sirhp.content.grades").getTerm("brigadier").title == "Brigadier"


def holders(grade):
    return [
        b.getObject()
        for b in api.content.find(
            portal_type="PersonnelFile", review_state="validated", grade=grade
        )
    ]


def test_statute_mapping_files_a_reclassement_in_every_holder(manager, testdata):
    portal = manager
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    old = file.grade
    expected = len(holders(old))
    assert expected >= 1
    new = next(code for code in defaults.GRADES if code != old)
    count = referentials.apply_mapping(
        mapping={old: new}, effective="2027-01-01", reference="Décret 2026-100"
    )
    assert count == expected
    events = [
        o
        for o in file.objectValues()
        if o.portal_type == "CareerEvent" and o.event_type == "reclassement"
    ]
    assert len(events) == 1
    assert events[0].resulting_grade == new
    assert events[0].event_date == date(2027, 1, 1)
    assert events[0].reference == "Décret 2026-100"
    assert file.grade == old  # career acts do not drive the file yet


def test_statute_mapping_is_all_or_nothing(manager, testdata, monkeypatch):
    portal = manager
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    old = file.grade
    created = []
    real_add = collective.add_quietly  # acts are filed on the bulk path

    def create_then_fail(*args, **kw):
        if created:
            raise ValueError("boom")
        created.append(real_add(*args, **kw))
        return created[-1]

    other = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    mapping = {old: "agent" if old != "agent" else "caporal"}
    if other.grade != old:
        mapping[other.grade] = "sergent" if other.grade != "sergent" else "caporal"
    monkeypatch.setattr(collective, "add_quietly", create_then_fail)
    with pytest.raises(referentials.ReferentialError):
        referentials.apply_mapping(
            mapping=mapping, effective="2027-01-01", reference=""
        )
    assert created  # one act was filed, then rolled back
    for f in (file, other):
        assert not [
            o
            for o in f.objectValues()
            if o.portal_type == "CareerEvent" and o.event_type == "reclassement"
        ]


def test_statute_mapping_refuses_unknown_grades(manager):
    with pytest.raises(referentials.ReferentialError) as refused:
        referentials.apply_mapping(
            mapping={"caporal": "brigadier"}, effective="2027-01-01", reference=""
        )
    assert "brigadier" in refused.value.text()
    with pytest.raises(referentials.ReferentialError):
        referentials.apply_mapping(
            mapping={"inconnu": "caporal"}, effective="2027-01-01", reference=""
        )
    with pytest.raises(referentials.ReferentialError):
        referentials.apply_mapping(mapping={}, effective="2027-01-01", reference="")


def test_statute_mapping_preview_counts_holders_and_stores_nothing(manager, testdata):
    portal = manager
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    old = file.grade
    new = next(code for code in defaults.GRADES if code != old)
    other = next(code for code in defaults.GRADES if code not in (old, new))
    counts = referentials.preview_mapping(
        mapping={old: new, other: new}, effective="2027-01-01"
    )
    assert counts == {old: len(holders(old)), other: len(holders(other))}
    assert counts[old] >= 1
    assert not [
        o
        for o in file.objectValues()
        if o.portal_type == "CareerEvent" and o.event_type == "reclassement"
    ]
    with pytest.raises(referentials.ReferentialError):
        referentials.preview_mapping(mapping={old: "brigadier"}, effective="2027-01-01")
    with pytest.raises(referentials.ReferentialError):
        referentials.preview_mapping(mapping=None, effective="2027-01-01")


def test_statute_mapping_files_the_decision_scan_in_every_moved_file(manager, testdata):
    portal = manager
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    old = file.grade
    new = next(code for code in defaults.GRADES if code != old)
    count = referentials.apply_mapping(
        mapping={old: new},
        effective="2027-01-01",
        reference="Décret 2026-101",
        scan=(tiny_pdf(["Décret 2026-101"]), "decret.pdf"),
    )
    assert count >= 1
    scans = [
        o
        for o in file.objectValues()
        if o.portal_type == "ScannedDocument"
        and o.document_type == referentials.MAPPING_DOCUMENT_TYPE
        and o.file.filename == "decret.pdf"
    ]
    assert len(scans) == 1
