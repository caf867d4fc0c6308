"""The staff finder in process (``deployment.api.search``): filters,
availability on a day (leave, suspension, inactive), certificates valid on
the day, scope per persona, facet counts against an independent count, the
French refusals. Explicit dates only."""

from collections import Counter
from datetime import date
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.deployment import api as deployment
from sirhp.content.deployment import rules
from sirhp.content.leave import api as leave_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.careers.test_discipline import _validated_act
from tests.clock import clock_on
from tests.training.helpers import closed_session

TODAY = REFERENCE_DATE


def _search(portal, user, **form):
    login(portal, user)
    return deployment.search(
        agency=portal["police-nationale"], form=form, today=TODAY, journal=False
    )


def _matricules(found):
    return sorted(item["matricule"] for item in found["items"])


def test_hr_manager_finds_validated_files(portal, testdata, known):
    found = _search(portal, "hrmanager.pn")
    assert _matricules(found) == sorted(
        testdata.FILES[n] for n in ("pn_validated", "pn_validated2")
    )
    assert found["items_total"] == 2


def test_filters(portal, testdata, known):
    a, b = testdata.FILES["pn_validated"], testdata.FILES["pn_validated2"]
    assert _matricules(_search(portal, "hrmanager.pn", language="ff")) == [b]
    assert _matricules(_search(portal, "hrmanager.pn", licence="B")) == [a]
    assert _matricules(_search(portal, "hrmanager.pn", sex="F")) == [b]
    level = _search(
        portal, "hrmanager.pn", skill="police-judiciaire", skill_level_min="2"
    )
    assert _matricules(level) == [a]
    # B's skill has no level: level 1
    level1 = _search(
        portal, "hrmanager.pn", skill="police-judiciaire", skill_level_min="1"
    )
    assert _matricules(level1) == sorted([a, b])
    # A is 36 on the day, B 56
    assert _matricules(_search(portal, "hrmanager.pn", age_min="30", age_max="40")) == [
        a
    ]
    assert _matricules(_search(portal, "hrmanager.pn", age_min="56")) == [b]
    assert _matricules(_search(portal, "hrmanager.pn", age_band="55+")) == [b]


def test_facet_counts_equal_an_independent_count(portal, testdata, known):
    found = _search(portal, "hrmanager.pn")
    files = list(known.values())
    expected = {
        "skill": Counter(s for f in files for s in f.skills),
        "language": Counter(s for f in files for s in f.languages),
        "licence": Counter(s for f in files for s in f.driving_licences),
        "sex": Counter(f.sex for f in files),
        "grade": Counter(f.grade for f in files),
        "unit": Counter(f.unit.to_object.UID() for f in files),
        "region": Counter(f.unit.to_object.region for f in files),
        "age_band": Counter(rules.age_band(f.birth_date, TODAY) for f in files),
    }
    for name, counts in expected.items():
        got = {facet["value"]: facet["count"] for facet in found["facets"][name]}
        assert got == dict(counts), name
    titles = {f["value"]: f["title"] for f in found["facets"]["language"]}
    assert titles["bm"] == "Bambara"


def test_approved_leave_makes_unavailable_on_its_days(portal, testdata, known):
    file = known["pn_validated"]
    login(portal, "clerk.pn")
    leave = leave_api.request_leave(
        file=file,
        leave_type="annual",
        start=date(2026, 11, 9),
        end=date(2026, 11, 13),
        reason="Congé annuel",
        today=TODAY,
    )
    a, b = testdata.FILES["pn_validated"], testdata.FILES["pn_validated2"]
    # requested only: still available
    assert _matricules(
        _search(portal, "hrmanager.pn", available_on="2026-11-09")
    ) == sorted([a, b])
    login(portal, "commander.pn")
    api.content.transition(obj=leave, transition="approve")
    for day, expected in (
        ("2026-11-08", [a, b]),
        ("2026-11-09", [b]),
        ("2026-11-13", [b]),
        ("2026-11-14", [a, b]),
    ):
        found = _search(portal, "hrmanager.pn", available_on=day)
        assert _matricules(found) == sorted(expected), day


def test_suspension_makes_unavailable_for_its_period(portal, testdata, known):
    with clock_on(TODAY):  # the act applies to the file from its date only
        _validated_act(
            known["pn_validated2"],
            event_type="sanction",
            sanction="mise-a-pied",
            event_date=date(2026, 12, 1),
            end_date=date(2026, 12, 15),
            reference="DEC-DISC-0002",
        )
    b = testdata.FILES["pn_validated2"]
    assert b in _matricules(_search(portal, "hrmanager.pn", available_on="2026-11-30"))
    assert b not in _matricules(
        _search(portal, "hrmanager.pn", available_on="2026-12-01")
    )
    assert b not in _matricules(
        _search(portal, "hrmanager.pn", available_on="2026-12-15")
    )
    assert b in _matricules(_search(portal, "hrmanager.pn", available_on="2026-12-16"))
    # without a day: no availability filter
    assert b in _matricules(_search(portal, "hrmanager.pn"))


@pytest.mark.parametrize("status", ["detached", "suspended", "retired"])
def test_out_of_activity_is_not_available(portal, testdata, known, status):
    file = known["pn_validated2"]
    with api.env.adopt_roles(["Manager"]):
        file.status = status
        file.reindexObject()
    b = testdata.FILES["pn_validated2"]
    assert b not in _matricules(
        _search(portal, "hrmanager.pn", available_on="2026-11-09")
    )
    assert b in _matricules(_search(portal, "hrmanager.pn"))


def test_certificate_valid_on_the_day(portal, testdata, known):
    closed_session(portal, testdata)  # A passed OPJ on 2026-10-16, 3 years
    a = testdata.FILES["pn_validated"]
    assert _matricules(_search(portal, "hrmanager.pn", certificate="OPJ")) == [a]
    found = _search(
        portal, "hrmanager.pn", certificate="OPJ", available_on="2029-10-15"
    )
    assert _matricules(found) == [a]
    found = _search(
        portal, "hrmanager.pn", certificate="OPJ", available_on="2029-10-16"
    )
    assert _matricules(found) == []
    facets = _search(portal, "hrmanager.pn")["facets"]["certificate"]
    assert [(f["value"], f["count"]) for f in facets] == [("OPJ", 1)]
    # before the session ended: not yet
    assert (
        _matricules(
            _search(
                portal, "hrmanager.pn", certificate="OPJ", available_on="2026-10-15"
            )
        )
        == []
    )


@pytest.mark.parametrize(
    "user, names",
    [
        ("commander.pn", ["pn_validated"]),
        ("commander2.pn", ["pn_validated2"]),
        ("hrmanager.ocs", []),
        ("clerk.ocs", []),
    ],
)
def test_scope(portal, testdata, known, user, names):
    found = _search(portal, user)
    assert _matricules(found) == sorted(testdata.FILES[n] for n in names)
    total = sum(f["count"] for f in found["facets"]["sex"])
    assert total == len(names)  # facets count only what the user sees


@pytest.mark.parametrize(
    "form, message",
    [
        ({"language": "klingon"}, "Valeur inconnue pour « language » : « klingon »."),
        (
            {"available_on": "09/11/2026"},
            "Date invalide pour « available_on » : « 09/11/2026 » (attendu AAAA-MM-JJ).",
        ),
        ({"unit": "not-a-unit"}, "Valeur inconnue pour « unit » : « not-a-unit »."),
        ({"skill_level_min": "5"}, "Le niveau de compétence va de 1 à 3 : « 5 »."),
    ],
)
def test_french_refusals(portal, known, form, message):
    with pytest.raises(deployment.DeploymentError) as refused:
        _search(portal, "hrmanager.pn", **form)
    assert refused.value.text() == message
