"""Validated career acts write the file (careers.apply): every act type of
the vocabulary, from its date of effect; acts not validated change nothing;
an archived act stops counting; each write is journaled. Explicit dates."""

from datetime import date
from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.careers import api as careers
from sirhp.content.careers.apply import apply_acts
from sirhp.content.careers.rules import is_disciplinary
from sirhp.content.changes import api as changes
from sirhp.content.changes import rules as changes_rules
from sirhp.content.vocabularies.fixed import EVENT_TYPES
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.changes.test_change_security import _form_fields
from tests.security.audit_helpers import pending
import transaction
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

# An act dated on the reference date: past on any day the tests run.
PAST = REFERENCE_DATE
OTHER_UNIT = "police-nationale/dr-kayes/commissariat-kayes"


def _grade_of_other_corps(file):
    if file.corps == "commissaires":
        return "officier-1", "officiers"
    return "commissaire-principal", "commissaires"


def act_values(event_type, file, portal):
    """What an act of ``event_type`` sets (resulting_* fields)."""
    grade, _corps = _grade_of_other_corps(file)
    unit = portal.unrestrictedTraverse(OTHER_UNIT)
    relation = RelationValue(getUtility(IIntIds).getId(unit))
    return {
        "recruitment": {"resulting_status": "active", "resulting_position": "Élève"},
        "appointment": {"resulting_position": "Chef de brigade"},
        "tenure": {"resulting_echelon": 2},
        "promotion": {"resulting_grade": grade, "resulting_echelon": 1},
        "reclassement": {"resulting_grade": grade, "resulting_echelon": 3},
        "assignment": {"resulting_unit": relation, "resulting_position": "Adjoint"},
        "transfer": {"resulting_unit": relation},
        "detachment": {"resulting_status": "detached"},
        "availability": {"resulting_status": "available"},
        "reinstatement": {"resulting_status": "active", "resulting_position": "OPJ"},
        "suspension": {"resulting_status": "suspended"},
        "sanction": {"resulting_echelon": 1},
        "decoration": {},
        "training": {},
        "leave": {},
        "retirement": {"resulting_status": "retired"},
        "resignation": {"resulting_status": "resigned"},
        "dismissal": {"resulting_status": "dismissed"},
        "death": {"resulting_status": "deceased"},
    }[event_type]


def expected_on_file(values, day, file):
    """The file's fields an act with ``values`` dated ``day`` sets."""
    result = {}
    for name, value in values.items():
        field = name.replace("resulting_", "")
        result[field] = value.to_object.UID() if field == "unit" else value
        if field in ("grade", "echelon"):
            result[f"{field}_date"] = day
    if "grade" in result:
        result["corps"] = _grade_of_other_corps(file)[1]
    return result


def on_file(file):
    return careers.stored(file=file)


@pytest.fixture
def file(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def file_act(file, state="validated", act_id=None, **values):
    """An act filed by a clerk, submitted, validated by a reviewer; a
    disciplinary act (restricted) by the HR manager, validated by the site
    administrator (the agency has one HR manager)."""
    disciplinary = is_disciplinary(values["event_type"])
    filer, validator = (
        ("hrmanager.pn", "siteadmin") if disciplinary else ("clerk.pn", "reviewer.pn")
    )
    login(file.aq_parent.aq_parent, filer)
    act = api.content.create(
        container=file,
        type="CareerEvent",
        id=act_id or f"acte-{values['event_type']}-{values['event_date']}",
        **values,
    )
    if state in ("pending", "validated"):
        api.content.transition(act, transition="submit")
    if state == "validated":
        login(file.aq_parent.aq_parent, validator)
        api.content.transition(act, transition="validate", comment="Conforme.")
    return act


TYPES = [code for code, _label in EVENT_TYPES]


@pytest.mark.parametrize("event_type", TYPES)
def test_a_past_act_is_applied_at_validation(portal, file, event_type):
    values = act_values(event_type, file, portal)
    before = on_file(file)
    expected = expected_on_file(values, PAST, file)
    file_act(file, event_type=event_type, event_date=PAST, reference="A-1", **values)
    after = on_file(file)
    for name, value in expected.items():
        assert after[name] == value, name
    untouched = set(before) - set(expected) - {"unit_title"}
    assert {n: after[n] for n in untouched} == {n: before[n] for n in untouched}
    # the catalog follows
    brain = api.content.find(UID=file.UID(), unrestricted=True)[0]
    assert brain.grade == file.grade
    assert brain.personnel_status == file.status
    assert brain.unit == after["unit"]


@pytest.mark.parametrize("event_type", TYPES)
def test_an_act_on_its_date(portal, file, event_type):
    """An act dated in the future is not applied at validation; the live
    situation (``@career?at=``) is right before the job; the job applies it
    on its date."""
    day = date(2099, 3, 1)
    values = act_values(event_type, file, portal)
    before = on_file(file)
    expected = expected_on_file(values, day, file)
    file_act(file, event_type=event_type, event_date=day, **values)
    assert on_file(file) == before
    # who reads every act (disciplinary ones included)
    login(portal, "hrmanager.pn")
    live = careers.career(file=file, at=day)["current"]
    for name, value in expected.items():
        if name != "corps":
            assert live[name] == value, name
    eve = careers.career(file=file, at=date(2099, 2, 28))["current"]
    assert eve["status"] == before["status"] and eve["grade"] == before["grade"]
    changed = apply_acts(file=file, today=day)
    assert set(changed) == {n for n, v in expected.items() if before[n] != v}
    after = on_file(file)
    for name, value in expected.items():
        assert after[name] == value, name
    assert apply_acts(file=file, today=day) == []  # nothing left to write


def test_an_act_not_validated_changes_nothing(portal, file):
    before = on_file(file)
    for state in ("draft", "pending"):
        file_act(
            file,
            state=state,
            act_id=f"acte-{state}",
            event_type="suspension",
            event_date=PAST,
            resulting_status="suspended",
        )
    assert on_file(file) == before
    assert apply_acts(file=file, today=PAST) == []


def test_archiving_an_act_re_derives(portal, file):
    before = on_file(file)
    act = file_act(
        file,
        event_type="appointment",
        event_date=PAST,
        resulting_position="Commissaire adjoint",
        resulting_echelon=5,
    )
    assert file.position == "Commissaire adjoint" and file.echelon == 5
    login(portal, "hrmanager.pn")
    api.content.transition(act, transition="archive", comment="Acte retiré.")
    after = on_file(file)
    assert after["position"] == before["position"]
    assert after["echelon"] == before["echelon"]
    assert after["echelon_date"] == before["echelon_date"]


def test_the_write_is_journaled(portal, file):
    file_act(
        file,
        event_type="appointment",
        event_date=PAST,
        reference="ARR-2026-77",
        resulting_position="Chef du service des passeports",
    )
    # queued: written with the act, at the commit
    events = pending("careers.applied", matricule=file.matricule)
    assert events, "no journal line"
    assert events[0]["detail"] == "position ; acte : ARR-2026-77"
    assert events[0]["user_id"] == "reviewer.pn"  # the validator's act


def test_a_clerk_cannot_reach_apply(portal, file):
    """No view nor endpoint applies acts: only validation (a second person)
    and the daily job do."""
    login(portal, "clerk.pn")
    for name in ("@@apply-acts", "@apply-acts", "@@careers-apply", "apply_acts"):
        assert file.restrictedTraverse(name, None) is None


# Editing directly is replaced by filing the act: change requests refuse, on
# a validated file, the fields acts set.

SET_BY_ACTS = {
    "grade": "officier-1",
    "grade_date": "2020-01-01",
    "echelon": 9,
    "echelon_date": "2020-01-01",
    "status": "suspended",
    "position": "Chef du bureau des plaintes",
    "corps": "officiers",
}


@pytest.mark.parametrize("name", sorted(SET_BY_ACTS) + ["unit"])
def test_a_request_on_a_field_acts_set_is_refused(portal, file, name):
    value = SET_BY_ACTS.get(name)
    if name == "unit":
        value = portal.unrestrictedTraverse(OTHER_UNIT).UID()
    login(portal, "clerk.pn")
    with pytest.raises(changes.ChangeError) as refused:
        changes.propose(
            target=file, changes={name: value}, justification="Arrêté n° 12"
        )
    assert "Déposez un acte de carrière" in refused.value.text()
    assert not file.objectIds("ChangeRequest")


def test_a_request_on_the_act_is_still_possible(portal, file):
    act = file_act(
        file, event_type="appointment", event_date=PAST, resulting_position="Adjoint"
    )
    login(portal, "clerk.pn")
    request = changes.propose(
        target=act, changes={"reference": "ARR-2026-12"}, justification="Coquille"
    )
    assert request.proposed == {"reference": "ARR-2026-12"}


def test_the_officer_is_not_offered_the_fields_acts_set(portal, file, testdata):
    login(portal, testdata.FILES["pn_validated"])
    offered = {f["name"] for f in changes.report_fields(file) if f["title"] is None}
    assert offered and not offered & set(changes_rules.SET_BY_ACTS)


def test_refused_over_rest_and_in_the_form(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    auth = ("clerk.pn", testdata.PASSWORD)
    response = requests.patch(
        url,
        json={"grade": "officier-1", "justification": "Arrêté n° 12"},
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400, response.text[:300]
    assert "Déposez un acte de carrière" in response.json()["message"]
    session = requests.Session()
    session.auth = auth
    form = session.get(f"{url}/edit", timeout=30)
    data = _form_fields(form.text, form_id="form")
    data["form.buttons.save"] = "Enregistrer"
    data["form.widgets.position"] = "Chef de la brigade des mineurs"
    data["form.widgets.sirhp_justification"] = "Arrêté d'affectation n° 77"
    page = session.post(f"{url}/edit", data=data, timeout=30)
    assert page.status_code == 200
    assert "Déposez un acte de carrière" in page.text
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert not file.objectIds("ChangeRequest")


def test_a_corrected_act_re_derives(portal, file):
    """An approved change request on a validated act rewrites the file."""
    act = file_act(file, event_type="promotion", event_date=PAST, resulting_echelon=4)
    assert file.echelon == 4
    login(portal, "clerk.pn")
    request = changes.propose(
        target=act, changes={"resulting_echelon": 6}, justification="Coquille"
    )
    login(portal, "reviewer.pn")
    api.content.transition(request, transition="approve", comment="Conforme")
    assert act.resulting_echelon == 6
    assert file.echelon == 6
