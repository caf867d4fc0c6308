"""Field permissions in change requests: a field is proposed and approved only
by someone who may write it, and what a request shows of its values follows
the reader's read permission (medical fields: the consultation reason too).

Channels: ``propose`` (every channel calls it), REST ``PATCH`` (202),
``POST @change-requests``, the officer's *Mon dossier*; representations: the
diff (page and ``@change-diff``), the request's JSON, the file's
``@change-requests``, the review queue, the decision mail.
"""

from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
import requests
from sirhp.content.changes import api as changes
import transaction

PLANTED_NOTES = "Souffle cardiaque PLANTE-7Q4"
PLANTED_BLOOD = "B-"
PROPOSED_NOTES = "Allergie pénicilline PROPOSE-9K2"
JSON = {"Accept": "application/json"}


def _file(portal, testdata, name="pn_validated"):
    return portal.unrestrictedTraverse(testdata.path_of(name))


def _forget_roles(request):
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(request)
    for key in [k for k in annotations if str(k).startswith("borg.localrole")]:
        del annotations[key]


def _as(portal, user):
    _forget_roles(portal.REQUEST)
    login(portal, user)


def _plant(file):
    file.blood_group = PLANTED_BLOOD
    file.medical_notes = PLANTED_NOTES


def _second_hr_manager():
    if api.user.get(username="hrmanager2.pn") is None:
        api.user.create(
            username="hrmanager2.pn", email="hr2@example.ml", password="secret-test-1"
        )
        api.group.add_user(groupname="police-nationale-hr", username="hrmanager2.pn")
    return "hrmanager2.pn"


def _medical_request(portal, file):
    """A pending request of hrmanager.pn changing the medical notes."""
    _plant(file)
    _as(portal, "hrmanager.pn")
    return changes.propose(
        target=file,
        changes={"medical_notes": PROPOSED_NOTES},
        justification="Certificat du médecin-chef",
    )


def _reason(portal, code=None):
    """The consultation reason carried by the (test) request."""
    if code is None:
        portal.REQUEST.environ.pop("HTTP_X_SIRHP_REASON", None)
    else:
        portal.REQUEST.environ["HTTP_X_SIRHP_REASON"] = code


# --- who may propose ---------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"medical_notes": "Aucune"},
        {"blood_group": "O+"},
        {"birth_place": "Kati", "medical_notes": "Aucune"},
    ],
)
def test_clerk_may_not_propose_medical_fields(portal, testdata, values):
    file = _file(portal, testdata)
    _plant(file)
    _as(portal, "clerk.pn")
    with pytest.raises(changes.ChangeForbidden, match="Observations|Groupe"):
        changes.propose(target=file, changes=values, justification="Certificat médical")
    assert not [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]
    assert file.medical_notes == PLANTED_NOTES


def test_officer_may_not_propose_own_medical_fields(portal, testdata):
    """The officer reads his or her medical fields but does not write them
    (``sirhp: Field: write sensitive``: HR managers): a wrong blood group is
    reported to HR, who propose the correction."""
    from sirhp.policy.changes.mon_dossier import MonDossier

    file = _file(portal, testdata)
    officer = testdata.FILES["pn_validated"]
    _as(portal, officer)
    with pytest.raises(changes.ChangeForbidden):
        changes.propose(
            target=file, changes={"blood_group": "O+"}, justification="Carte de donneur"
        )
    view = MonDossier(portal, portal.REQUEST)
    view.file = file
    offered = {value.split("|")[1] for value, _label in view.report_choices()}
    assert "birth_place" in offered
    assert not offered & {"blood_group", "medical_notes"}


@pytest.mark.parametrize("user, offered", [("clerk.pn", False), ("hrmanager.pn", True)])
def test_edit_form_offers_only_writable_fields(portal, testdata, user, offered):
    """The browser form that proposes on validated content shows the medical
    fields only to who may write them (saving calls propose, which
    checks again)."""
    file = _file(portal, testdata)
    _as(portal, user)
    portal.REQUEST["AUTHENTICATED_USER"] = api.user.get_current()  # autoform
    form = file.restrictedTraverse("@@edit")
    form.update()
    names = set(form.widgets.keys())
    for group in form.groups:
        names |= set(group.widgets.keys())
    assert "birth_place" in names
    assert ("medical_notes" in names) is offered
    assert ("blood_group" in names) is offered


def test_hr_manager_proposes_medical_fields(portal, testdata):
    file = _file(portal, testdata)
    request = _medical_request(portal, file)
    assert request.proposed == {"medical_notes": PROPOSED_NOTES}
    assert file.medical_notes == PLANTED_NOTES


# --- who may approve ---------------------------------------------------------


def test_reviewer_without_write_permission_cannot_approve(portal, testdata):
    file = _file(portal, testdata)
    request = _medical_request(portal, file)
    _as(portal, "reviewer.pn")
    workflow = api.portal.get_tool("portal_workflow")
    assert "reject" in {t["id"] for t in workflow.getTransitionsFor(request)}
    assert "approve" not in {t["id"] for t in workflow.getTransitionsFor(request)}
    with pytest.raises(WorkflowException):
        workflow.doActionFor(request, "approve")
    assert "Observations médicales" in changes.approval_refusal(request)
    page = request.restrictedTraverse("@@view")()
    assert 'id="change-approval-blocked"' in page
    assert "Seule une personne habilitée à modifier" in page
    assert file.medical_notes == PLANTED_NOTES
    assert api.content.get_state(request) == "pending"


def test_apply_refuses_a_field_the_approver_may_not_write(portal, testdata):
    """Even called directly (not through the guard), approval writes nothing
    the approver may not write."""
    file = _file(portal, testdata)
    request = _medical_request(portal, file)
    _as(portal, "reviewer.pn")
    with pytest.raises(changes.ChangeForbidden):
        changes.apply(request, approver_id="reviewer.pn")
    assert file.medical_notes == PLANTED_NOTES


def test_another_hr_manager_approves(portal, testdata):
    file = _file(portal, testdata)
    with api.env.adopt_roles(["Manager"]):
        second = _second_hr_manager()
    request = _medical_request(portal, file)
    _as(portal, second)
    assert changes.approval_refusal(request) is None
    api.content.transition(obj=request, transition="approve")
    assert file.medical_notes == PROPOSED_NOTES


# --- what a request shows ----------------------------------------------------


@pytest.mark.parametrize("user", ["clerk.pn", "reviewer.pn"])
def test_values_hidden_from_who_may_not_read(portal, testdata, user):
    file = _file(portal, testdata)
    request = _medical_request(portal, file)
    _reason(portal, "controle")  # a reason does not replace the permission
    _as(portal, user)
    assert api.user.has_permission("View", obj=request)
    rows = changes.diff(request)
    assert [row["field"] for row in rows] == ["medical_notes"]
    assert rows[0]["hidden"] is True
    assert rows[0]["current"] == rows[0]["proposed"] == "masqué"
    assert rows[0]["current_json"] is rows[0]["proposed_json"] is None
    assert set(changes.masked_fields(request)) == {"medical_notes"}
    page = request.restrictedTraverse("@@view")()
    for text in (PLANTED_NOTES, PROPOSED_NOTES):
        assert text not in str(rows) and text not in page
    assert "masqué" in page


def test_values_need_a_reason_then_are_journaled(portal, testdata):
    from sirhp.policy.audit.journal import get_journal
    from sirhp.policy.audit.journal import VIEW_SENSITIVE

    file = _file(portal, testdata)
    with api.env.adopt_roles(["Manager"]):
        second = _second_hr_manager()
    request = _medical_request(portal, file)
    _as(portal, second)
    _reason(portal)
    row = changes.diff(request)[0]
    assert row["hidden"] and "motif" in row["current"]
    assert PROPOSED_NOTES not in str(row)
    before = get_journal().count(action=VIEW_SENSITIVE, user_id=second)
    _reason(portal, "aptitude")
    row = changes.diff(request)[0]
    assert not row["hidden"]
    assert row["proposed_json"] == PROPOSED_NOTES
    assert row["current_json"] == PLANTED_NOTES
    assert get_journal().count(action=VIEW_SENSITIVE, user_id=second) == before + 1


def test_request_json_and_listing_hide_values(portal, testdata):
    from plone.restapi.interfaces import ISerializeToJson
    from sirhp.content.changes.serializer import summary as _summary
    from sirhp.content.interfaces import ISirhpContentLayer
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides

    file = _file(portal, testdata)
    request = _medical_request(portal, file)
    alsoProvides(portal.REQUEST, ISirhpContentLayer)
    _reason(portal, "controle")
    _as(portal, "clerk.pn")
    data = getMultiAdapter((request, portal.REQUEST), ISerializeToJson)()
    assert data["proposed"] == {"medical_notes": None}
    assert data["current"] == {"medical_notes": None}
    assert data["hidden_fields"] == ["medical_notes"]
    summary = _summary(request)
    assert summary["changes"] == {"medical_notes": None}
    assert summary["hidden_fields"] == ["medical_notes"]
    for text in (PLANTED_NOTES, PROPOSED_NOTES):
        assert text not in repr(data) and text not in repr(summary)


def test_queue_and_mail_never_carry_values(portal, testdata):
    from sirhp.content.changes.api import review_queue
    from sirhp.policy.notifications import notify_decision

    file = _file(portal, testdata)
    with api.env.adopt_roles(["Manager"]):
        second = _second_hr_manager()
    request = _medical_request(portal, file)
    _as(portal, "reviewer.pn")
    queue = review_queue(portal_type="ChangeRequest")
    assert request.absolute_url() in [item["@id"] for item in queue]
    assert PROPOSED_NOTES not in repr(
        [{k: v for k, v in i.items() if k != "brain"} for i in queue]
    )
    _as(portal, second)
    api.content.transition(obj=request, transition="approve")
    assert file.medical_notes == PROPOSED_NOTES
    mails = [str(notify_decision(request, t)) for t in ("approve", "reject")]
    assert all("Bonjour" in mail for mail in mails)
    for text in (PLANTED_NOTES, PROPOSED_NOTES):
        assert not any(text in mail for mail in mails)


# --- over HTTP: PATCH 202, POST @change-requests, @change-diff, page ---------


def _auth(testdata, user):
    return (user, testdata.PASSWORD)


def test_http_channels(functional, testdata):
    portal = functional["portal"]
    file = _file(portal, testdata)
    _plant(file)
    transaction.commit()
    url = file.absolute_url()
    clerk = _auth(testdata, "clerk.pn")
    patch = requests.patch(
        url,
        json={"medical_notes": "Aucune", "justification": "Certificat"},
        auth=clerk,
        headers=JSON,
        timeout=30,
    )
    assert patch.status_code == 403, patch.text
    assert "Observations médicales" in patch.json()["message"]
    post = requests.post(
        f"{url}/@change-requests",
        json={
            "changes": {"medical_notes": "Aucune", "blood_group": "O+"},
            "justification": "Certificat",
        },
        auth=clerk,
        headers=JSON,
        timeout=30,
    )
    assert post.status_code == 403, post.text
    assert post.json()["error"]["type"] == "Forbidden"
    officer = testdata.FILES["pn_validated"]
    own = requests.post(
        f"{url}/@change-requests",
        json={"changes": {"blood_group": "O+"}, "justification": "Carte"},
        auth=_auth(testdata, officer),
        headers=JSON,
        timeout=30,
    )
    assert own.status_code == 403, own.text
    transaction.begin()
    assert not [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]
    # an HR manager's request: 202, then what each reader gets
    made = requests.patch(
        url,
        json={"medical_notes": PROPOSED_NOTES, "justification": "Certificat"},
        auth=_auth(testdata, "hrmanager.pn"),
        headers=JSON,
        timeout=30,
    )
    assert made.status_code == 202, made.text
    request_url = made.headers["Location"]
    for user in ("clerk.pn", "reviewer.pn"):
        auth = _auth(testdata, user)
        for target, headers in (
            (request_url, JSON),
            (f"{request_url}/@change-diff", JSON),
            (request_url, {}),
            (f"{url}/@change-requests", JSON),
        ):
            headers = {**headers, "X-SIRHP-Reason": "controle"}
            response = requests.get(target, auth=auth, headers=headers, timeout=30)
            assert response.status_code == 200, (user, target, response.status_code)
            for text in (PLANTED_NOTES, PROPOSED_NOTES):
                assert text not in response.text, (user, target)
    diff = requests.get(
        f"{request_url}/@change-diff",
        auth=_auth(testdata, "reviewer.pn"),
        headers=JSON,
        timeout=30,
    ).json()
    assert diff["fields"][0]["hidden"] is True
    approve = requests.post(
        f"{request_url}/@workflow/approve",
        json={"comment": "ok"},
        auth=_auth(testdata, "reviewer.pn"),
        headers=JSON,
        timeout=30,
    )
    assert approve.status_code == 400
    assert "Observations médicales" in approve.json()["error"]["message"]
    transaction.begin()
    assert file.medical_notes == PLANTED_NOTES
