"""Change requests moved into their domain, on a site made before: the FTI
named the old class module, the workflow's guards the old guard module, and
stored requests name the old module in their pickles."""

from Acquisition import aq_base
import importlib
import pickle
from plone import api
from plone.app.testing import login
from Products.CMFCore.Expression import Expression
from sirhp.content.changes import api as changes
from sirhp.content.changes.content import ChangeRequest
from sirhp.content.changes.content import IChangeRequestSchema
from sirhp.content.upgrades.v1006 import upgrade as upgrade_content
from sirhp.policy.upgrades.v1008 import guard_expressions
from sirhp.policy.upgrades.v1008 import upgrade as upgrade_policy
from ZODB.broken import Broken
from ZODB.broken import find_global

OLD_MODULE = "sirhp.content.content.change_request"
NEW_MODULE = "sirhp.content.changes.content"
OLD_GUARDS = "sirhp.policy.workflow.guards"
NEW_GUARDS = "sirhp.policy.changes.workflow"


def test_fti_names_the_new_class(portal):
    fti = api.portal.get_tool("portal_types").getTypeInfo("ChangeRequest")
    fti.manage_changeProperties(
        klass=f"{OLD_MODULE}.ChangeRequest", schema=f"{OLD_MODULE}.IChangeRequestSchema"
    )
    assert upgrade_content(portal.portal_setup)["ChangeRequest"] == {
        "klass": f"{NEW_MODULE}.ChangeRequest",
        "schema": f"{NEW_MODULE}.IChangeRequestSchema",
    }
    assert fti.klass == f"{NEW_MODULE}.ChangeRequest"
    assert fti.schema == f"{NEW_MODULE}.IChangeRequestSchema"
    assert fti.lookupSchema() is IChangeRequestSchema
    assert upgrade_content(portal.portal_setup) == {}  # re-runnable


def test_requests_stored_under_the_old_path_still_load(portal, testdata):
    assert importlib.import_module(OLD_MODULE) is importlib.import_module(NEW_MODULE)
    assert find_global(OLD_MODULE, "ChangeRequest") is ChangeRequest
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    change = changes.propose(
        target=file, changes={"birth_place": "Kati"}, justification="Acte de naissance"
    )
    assert type(aq_base(change)) is ChangeRequest
    # the pickle of a request as stored before the move
    old = pickle.dumps(aq_base(change), protocol=2).replace(
        NEW_MODULE.encode(), OLD_MODULE.encode()
    )
    assert OLD_MODULE.encode() in old
    loaded = pickle.loads(old)
    assert type(loaded) is ChangeRequest and not isinstance(loaded, Broken)
    assert loaded.proposed == {"birth_place": "Kati"}
    assert loaded.target_uid == file.UID()


def test_guards_name_the_new_module(portal, testdata):
    workflow = api.portal.get_tool("portal_workflow")["sirhp_change_workflow"]
    for transition_id in ("approve", "reject", "withdraw"):
        guard = workflow.transitions[transition_id].getGuard()
        old = guard.getExprText().replace(NEW_GUARDS, OLD_GUARDS)
        guard.expr = Expression(old)
    assert all(
        OLD_GUARDS in text
        for text in guard_expressions("sirhp_change_workflow").values()
    )

    expressions = upgrade_policy(portal.portal_setup)["sirhp_change_workflow"]

    assert expressions == {
        "approve": f"python:modules['{NEW_GUARDS}'].may_approve_change(here)",
        "reject": f"python:modules['{NEW_GUARDS}'].may_reject_change(here)",
        "withdraw": f"python:modules['{NEW_GUARDS}'].may_withdraw_change(here)",
    }
    assert upgrade_policy(portal.portal_setup)["sirhp_change_workflow"] == expressions
    # the guards run: a reviewer may decide, the requester only withdraw
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    change = changes.propose(
        target=file, changes={"birth_place": "Kati"}, justification="Acte de naissance"
    )
    tool = api.portal.get_tool("portal_workflow")
    assert {t["id"] for t in tool.getTransitionsFor(change)} == {"withdraw"}
    login(portal, "reviewer.pn")
    assert {t["id"] for t in tool.getTransitionsFor(change)} == {"approve", "reject"}
