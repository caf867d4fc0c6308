"""Discipline and awards: sanction acts are restricted disciplinary data.

In process: the rules (sanction required, mise à pied end date,
rétrogradation to a lower grade), who sees a validated sanction act (View,
the disciplinary field, the catalog), the suspension of a mise à pied for
its period. Over HTTP: the same refusals in the form and REST (400, French
``message``), the act's page and JSON (consultation reason, journal),
``@career``, ``@search``.
"""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
import pytest
import requests
from sirhp.content.careers import api as careers
from sirhp.content.careers import rules
from sirhp.content.content.field_access import may_read_field
from sirhp.content.permissions import ReadDisciplinary
from sirhp.content.referentials import api as referentials
from sirhp.policy.base.access import PERSONAS
from tests.security.access import login_of
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import last_id
import transaction

JSON = {"Accept": "application/json"}
REASON = {"X-SIRHP-Reason": "enquete"}
# who sees a validated sanction act of officer A's file
SANCTION_READERS = {"hrmanager.pn", "auditor", "siteadmin", "officer"}
MISE_A_PIED = {
    "event_type": "sanction",
    "sanction": "mise-a-pied",
    "event_date": date(2025, 3, 1),
    "end_date": date(2025, 3, 31),
    "reference": "DEC-DISC-0001",
}


def _file(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def _validated_act(file, **values):
    """An act filed as restricted records are: created and submitted by the
    agency's HR manager, validated by an administrator (four eyes; the
    agency has one HR manager)."""
    with api.env.adopt_user(username="hrmanager.pn"):
        act = api.content.create(
            container=file, type="CareerEvent", id="acte", safe_id=True, **values
        )
        api.content.transition(act, transition="submit")
    with api.env.adopt_user(username="siteadmin"):
        api.content.transition(act, transition="validate", comment="Conforme.")
    return act


# --- rules (pure) -------------------------------------------------------------


def test_a_mise_a_pied_suspends_for_its_period_only():
    act = {"type": "sanction", "sanction": "mise-a-pied", "date": date(2025, 3, 1)}
    act["end_date"] = date(2025, 3, 31)
    assert rules.effective_values(act)["status"] == "suspended"
    given = {**act, "status": "active"}
    assert rules.effective_values(given)["status"] == "active"
    blame = {"type": "sanction", "sanction": "blame", "date": date(2025, 3, 1)}
    assert "status" not in rules.effective_values(blame)
    start = {"status": "active"}
    assert rules.situation_at([act], date(2025, 3, 15), start)["status"] == (
        "suspended"
    )
    assert rules.situation_at([act], date(2025, 4, 1), start)["status"] == "active"


@pytest.mark.parametrize(
    "act, problem",
    [
        ({"type": "sanction"}, "sanction_required"),
        ({"type": "decoration", "decoration": " "}, "decoration_required"),
        ({"type": "sanction", "sanction": "mise-a-pied"}, "end_date_required"),
        ({"type": "sanction", "sanction": "retrogradation"}, "demotion_grade"),
        ({"type": "sanction", "sanction": "blame"}, None),
        ({"type": "decoration", "decoration": "Médaille d'honneur"}, None),
        ({"type": "training"}, None),
    ],
)
def test_act_problems(act, problem):
    assert rules.act_problem(act) == problem


def test_demotion_needs_a_lower_grade_of_the_same_corps():
    grades = {
        "a1": {"corps": "a", "order": 1},
        "a2": {"corps": "a", "order": 2},
        "b1": {"corps": "b", "order": 1},
    }
    assert rules.is_lower_grade(grades, "a1", "a2")
    assert not rules.is_lower_grade(grades, "a2", "a1")
    assert not rules.is_lower_grade(grades, "b1", "a2")
    assert not rules.is_lower_grade(grades, None, "a2")


# --- the API (what the form's invariant and REST call) -------------------------


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"event_type": "sanction"}, "sanction", "Indiquez la sanction prononcée."),
        (
            {"event_type": "decoration"},
            "decoration",
            "Indiquez la décoration ou distinction décernée.",
        ),
        (
            {"event_type": "sanction", "sanction": "mise-a-pied"},
            "end_date",
            "Une mise à pied doit indiquer sa date de fin.",
        ),
    ],
)
def test_check_act_refuses_in_french(portal, testdata, values, field, message):
    values = {"event_date": date(2025, 3, 1), **values}
    with pytest.raises(careers.CareerError) as refused:
        careers.check_act(values=values, context=_file(portal, testdata))
    assert refused.value.field == field
    assert refused.value.text() == message


def test_check_act_demotion_against_the_grade_held(portal, testdata):
    file = _file(portal, testdata)
    login(portal, "hrmanager.pn")
    day = date(2025, 3, 1)
    held = careers.situation(file=file, at=date(2025, 2, 28))["grade"]
    grades = referentials.tables(at=day)["grades"]
    corps, order = grades[held]["corps"], grades[held]["order"]
    same_corps = {c: g["order"] for c, g in grades.items() if g["corps"] == corps}
    lower = [c for c, o in same_corps.items() if o < order]
    higher = [c for c, o in same_corps.items() if o > order]
    other = next(c for c, g in grades.items() if g["corps"] != corps)
    demotion = {"event_type": "sanction", "sanction": "retrogradation"}
    demotion["event_date"] = day
    if lower:
        careers.check_act(
            values={**demotion, "resulting_grade": lower[0]}, context=file
        )
    for grade in [held, other, None] + higher[:1]:
        with pytest.raises(careers.CareerError) as refused:
            careers.check_act(
                values={**demotion, "resulting_grade": grade}, context=file
            )
        assert refused.value.field == "resulting_grade"
        assert "grade inférieur" in refused.value.text()


# --- who sees a sanction act (in process) ----------------------------------------


@pytest.fixture
def sanction(portal, testdata):
    return _validated_act(_file(portal, testdata), **MISE_A_PIED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_sanction_visibility(portal, sanction, persona):
    user = login_of("event", persona, "validated")
    if user is None:
        logout()
    else:
        login(portal, user)
    allowed = persona in SANCTION_READERS
    assert api.user.has_permission("View", obj=sanction) is allowed
    assert may_read_field(sanction, "sanction") is allowed
    assert may_read_field(sanction, "scan") is allowed
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog(UID=sanction.UID())) == int(allowed)
    found = careers.acts(file=sanction.aq_parent) if allowed else []
    assert any(act["@id"] == sanction.absolute_url() for act in found) is allowed


def test_decoration_is_seen_by_who_sees_the_file(portal, testdata):
    act = _validated_act(
        _file(portal, testdata),
        event_type="decoration",
        event_date=date(2025, 6, 1),
        decoration="Médaille du mérite national",
    )
    for user in ("clerk.pn", "commander.pn", testdata.FILES["pn_validated"]):
        login(portal, user)
        assert api.user.has_permission("View", obj=act), user
    login(portal, "clerk.ocs")
    assert not api.user.has_permission("View", obj=act)


def test_sanction_not_inherited_by_agency_roles(sanction):
    assert sanction.__ac_local_roles_block__
    roles = dict(sanction.get_local_roles())
    assert "HRManager" in {r for rs in roles.values() for r in rs}


def test_read_disciplinary_granted_on_the_site(portal):
    roles = {
        r["name"] for r in portal.rolesOfPermission(ReadDisciplinary) if r["selected"]
    }
    assert {"Manager", "Site Administrator", "HRManager", "Auditor", "Officer"} <= (
        roles
    )
    assert "RecordsClerk" not in roles


def test_mise_a_pied_suspends_in_the_situation(portal, sanction):
    login(portal, "hrmanager.pn")
    file = sanction.aq_parent
    assert careers.situation(file=file, at=date(2025, 3, 15))["status"] == "suspended"
    assert careers.situation(file=file, at=date(2025, 4, 1))["status"] != "suspended"


# --- over HTTP ---------------------------------------------------------------------


def _functional_sanction(functional, testdata):
    portal = functional["portal"]
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        act = _validated_act(_file(portal, testdata), **MISE_A_PIED)
    transaction.commit()
    return act.absolute_url(), f"{_file(portal, testdata).absolute_url()}"


def _auth(testdata, persona):
    user = login_of("event", persona, "validated")
    return (user, testdata.PASSWORD) if user else None


@pytest.mark.parametrize(
    "values, message",
    [
        ({"event_type": "sanction"}, "Indiquez la sanction prononcée."),
        (
            {"event_type": "sanction", "sanction": "mise-a-pied"},
            "Une mise à pied doit indiquer sa date de fin.",
        ),
        (
            {"event_type": "sanction", "sanction": "retrogradation"},
            "Une rétrogradation doit indiquer un grade inférieur",
        ),
    ],
)
def test_rest_refuses_in_french(functional, testdata, values, message):
    file_url = (
        functional["portal"].absolute_url() + "/" + testdata.path_of("pn_validated")
    )
    response = requests.post(
        file_url,
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers=JSON,
        json={"@type": "CareerEvent", "event_date": "2025-03-01", **values},
        timeout=30,
    )
    assert response.status_code == 400, response.text
    assert message in response.json()["message"]


def test_add_form_refuses_in_french(functional, testdata):
    file_url = (
        functional["portal"].absolute_url() + "/" + testdata.path_of("pn_validated")
    )
    session = requests.Session()
    session.auth = ("hrmanager.pn", testdata.PASSWORD)
    response = session.post(
        f"{file_url}/++add++CareerEvent",
        data={
            "form.widgets.event_type:list": "sanction",
            "form.widgets.event_date": "2025-03-01",
            "form.buttons.save": "Enregistrer",
        },
        timeout=30,
    )
    assert "Indiquez la sanction prononcée." in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_rest_and_page_visibility(functional, testdata, persona):
    act_url, file_url = _functional_sanction(functional, testdata)
    auth = _auth(testdata, persona)
    allowed = persona in SANCTION_READERS
    answer = requests.get(act_url, auth=auth, headers={**JSON, **REASON}, timeout=30)
    assert (answer.status_code == 200) is allowed
    assert ("DEC-DISC-0001" in answer.text) is allowed
    page = requests.get(act_url, auth=auth, allow_redirects=False, timeout=30)
    assert (page.status_code == 200) is allowed
    career = requests.get(f"{file_url}/@career", auth=auth, headers=JSON, timeout=30)
    # the career lists the act (and its effect) to its readers; the decision
    # itself (nature, reference) only on the act, with a reason
    assert (act_url in career.text) is allowed
    assert "mise-a-pied" not in career.text
    assert "DEC-DISC-0001" not in career.text
    search = requests.get(
        functional["portal"].absolute_url() + "/@search",
        params={"portal_type": "CareerEvent", "event_type": "sanction"},
        auth=auth,
        headers=JSON,
        timeout=30,
    )
    assert (act_url in search.text) is allowed


def test_consultation_needs_a_reason_and_is_journaled(functional, testdata):
    act_url, file_url = _functional_sanction(functional, testdata)
    hr = ("hrmanager.pn", testdata.PASSWORD)
    start = last_id()
    without = requests.get(act_url, auth=hr, headers=JSON, timeout=30).json()
    assert "sanction" not in without and "reference" not in without
    assert events_since(start, action="view_sensitive") == []
    page = requests.get(act_url, auth=hr, timeout=30).text
    assert "DEC-DISC-0001" not in page and "motif de consultation" in page
    given = requests.get(act_url, auth=hr, headers={**JSON, **REASON}, timeout=30)
    assert given.json()["sanction"]["token"] == "mise-a-pied"
    (shown,) = events_since(start, action="view_sensitive")
    assert shown["user_id"] == "hrmanager.pn" and shown["reason"] == "enquete"
    assert shown["detail"].startswith("acte disciplinaire")
    # the officer reads his own without a reason (journaled as "interesse")
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    own = requests.get(act_url, auth=officer, headers=JSON, timeout=30).json()
    assert own["reference"] == "DEC-DISC-0001"
    assert events_since(start, action="view_sensitive")[-1]["reason"] == "interesse"


def test_career_at_shows_the_suspension(functional, testdata):
    _act_url, file_url = _functional_sanction(functional, testdata)
    hr = ("hrmanager.pn", testdata.PASSWORD)
    during = requests.get(
        f"{file_url}/@career", params={"at": "2025-03-15"}, auth=hr, headers=JSON
    ).json()
    assert during["current"]["status"] == "suspended"
    after = requests.get(
        f"{file_url}/@career", params={"at": "2025-04-01"}, auth=hr, headers=JSON
    ).json()
    assert after["current"]["status"] != "suspended"
