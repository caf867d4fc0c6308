"""Change requests: validated content stays as it is until a third person
approves; approval = one new version naming the request."""

from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.changes import api as changes


def _file(portal, testdata, name="pn_validated"):
    return portal.unrestrictedTraverse(testdata.path_of(name))


def _history_length(obj):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        history = repository.getHistoryMetadata(obj)
        return history.getLength(countPurged=False) if history else 0


def _propose(portal, file, user="clerk.pn", target=None, **values):
    login(portal, user)
    return changes.propose(
        target=target or file,
        changes=values,
        justification="Acte de naissance n° 123 du centre de Kati",
    )


def _forget_roles(request):
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(request)
    for key in [k for k in annotations if str(k).startswith("borg.localrole")]:
        del annotations[key]


def test_nobody_edits_validated_content_in_place(portal, testdata):
    file = _file(portal, testdata)
    for user in (
        "clerk.pn",
        "hrmanager.pn",
        "reviewer.pn",
        testdata.FILES["pn_validated"],
    ):
        assert not api.user.has_permission(
            "Modify portal content", username=user, obj=file
        )
    for user in ("clerk.pn", "hrmanager.pn", testdata.FILES["pn_validated"]):
        assert api.user.has_permission(
            "sirhp: Add ChangeRequest", username=user, obj=file
        )
    for user in (
        "reviewer.pn",
        "clerk.ocs",
        "commander.pn",
        "auditor",
        testdata.FILES["pn_validated2"],
    ):
        assert not api.user.has_permission(
            "sirhp: Add ChangeRequest", username=user, obj=file
        )


def test_request_leaves_file_unchanged_until_approval(portal, testdata):
    file = _file(portal, testdata)
    before = file.birth_place
    versions = _history_length(file)
    request = _propose(portal, file, birth_place="Kati")
    assert api.content.get_state(request) == "pending"
    assert file.birth_place == before
    assert request.proposed == {"birth_place": "Kati"}
    assert request.current == {"birth_place": before}
    login(portal, "reviewer.pn")
    api.content.transition(obj=request, transition="approve")
    assert file.birth_place == "Kati"
    assert _history_length(file) == versions + 1
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        history = repository.getHistoryMetadata(file)
        meta = history.retrieve(history.getLength(countPurged=False) - 1)["metadata"]
    comment = meta["sys_metadata"]["comment"]
    assert (
        request.getId() in comment
        and "clerk.pn" in comment
        and "reviewer.pn" in comment
    )
    assert api.content.get_state(request) == "approved"


def test_self_approval_refused(portal, testdata):
    file = _file(portal, testdata)
    request = _propose(portal, file, user="clerkreviewer.pn", birth_place="Kati")
    workflow = api.portal.get_tool("portal_workflow")
    assert "approve" not in {t["id"] for t in workflow.getTransitionsFor(request)}
    with pytest.raises(WorkflowException):
        workflow.doActionFor(request, "approve")
    assert file.birth_place != "Kati"


def test_reject_needs_reason_and_changes_nothing(portal, testdata):
    file = _file(portal, testdata)
    before = file.birth_place
    versions = _history_length(file)
    request = _propose(portal, file, birth_place="Kati")
    login(portal, "reviewer.pn")
    workflow = api.portal.get_tool("portal_workflow")
    with pytest.raises(WorkflowException, match="motif"):
        workflow.doActionFor(request, "reject")
    workflow.doActionFor(request, "reject", comment="Pièce illisible")
    assert api.content.get_state(request) == "rejected"
    assert file.birth_place == before
    assert _history_length(file) == versions


def test_stale_request_refused_then_rebased(portal, testdata):
    file = _file(portal, testdata)
    first = _propose(portal, file, birth_place="Kati")
    second = _propose(portal, file, birth_place="Koulikoro")
    login(portal, "reviewer.pn")
    api.content.transition(obj=first, transition="approve")
    workflow = api.portal.get_tool("portal_workflow")
    with pytest.raises(WorkflowException, match="modifié depuis cette demande"):
        workflow.doActionFor(second, "approve")
    assert file.birth_place == "Kati"
    changes.rebase(second)
    workflow.doActionFor(second, "approve")
    assert file.birth_place == "Koulikoro"


def test_concurrent_requests_on_one_field_flagged(portal, testdata):
    file = _file(portal, testdata)
    first = _propose(portal, file, birth_place="Kati")
    second = _propose(
        portal,
        file,
        user="hrmanager.pn",
        birth_place="Koulikoro",
        phone="+223 76 00 00 00",
    )
    other = _propose(portal, file, user="hrmanager.pn", phone="+223 66 00 00 00")
    flagged = changes.conflicts(first)
    assert [c["request"].getId() for c in flagged] == [second.getId()]
    assert flagged[0]["fields"] == ["birth_place"]
    assert {c["request"].getId() for c in changes.conflicts(other)} == {second.getId()}


@pytest.mark.parametrize(
    "values, message",
    [
        ({}, "au moins un champ"),
        ({"nonsense": 1}, "inconnu"),
        ({"matricule": "123456A"}, "non modifiable"),
        ({"birth_date": "2030-01-01"}, "naissance"),
        ({"sex": "X"}, "Sexe"),
        ({"last_name": ""}, "obligatoire"),
        ({"birth_place": "x" * 500}, "Lieu de naissance"),
    ],
)
def test_bad_requests_refused(portal, testdata, values, message):
    file = _file(portal, testdata)
    login(portal, "clerk.pn")
    with pytest.raises(changes.ChangeError, match=message):
        changes.propose(target=file, changes=values, justification="justification")
    assert not [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]


def test_same_value_refused(portal, testdata):
    file = _file(portal, testdata)
    login(portal, "clerk.pn")
    with pytest.raises(changes.ChangeError, match="identiques"):
        changes.propose(
            target=file, changes={"last_name": file.last_name}, justification="x"
        )


def test_request_on_a_record(portal, testdata):
    file = _file(portal, testdata)
    event = next(o for o in file.objectValues() if o.portal_type == "CareerEvent")
    request = _propose(portal, file, target=event, reference="Décision 42/DGPN")
    assert request.__parent__ is file or request.aq_parent.getId() == file.getId()
    login(portal, "reviewer.pn")
    api.content.transition(obj=request, transition="approve")
    assert event.reference == "Décision 42/DGPN"


def test_officer_requests_and_sees_only_own(portal, testdata):
    file = _file(portal, testdata)
    officer = testdata.FILES["pn_validated"]
    clerk_request = _propose(portal, file, phone="+223 70 00 00 00")
    own = _propose(portal, file, user=officer, birth_place="Kati")
    _forget_roles(portal.REQUEST)
    assert api.user.has_permission("View", username=officer, obj=own)
    assert not api.user.has_permission("View", username=officer, obj=clerk_request)
    assert not api.user.has_permission(
        "View", username=testdata.FILES["pn_validated2"], obj=own
    )
    assert not api.user.has_permission("View", username="clerk.ocs", obj=own)
    assert api.user.has_permission("View", username="auditor", obj=own)


def test_draft_is_edited_directly_not_by_request(portal, testdata):
    file = _file(portal, testdata, "pn_draft")
    login(portal, "clerk.pn")
    with pytest.raises(changes.ChangeError, match="brouillon"):
        changes.propose(target=file, changes={"birth_place": "Kati"}, justification="x")
