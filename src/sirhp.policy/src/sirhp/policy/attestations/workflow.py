"""The attestation workflow (sirhp_attestation_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.attestations.workflow'].may_issue_attestation(here)``):

- prepare: ``sirhp: Prepare attestations`` (clerks, HR managers), never
  the holder of the document;
- issue: ``sirhp: Issue attestations`` (HR managers) and four eyes
  (``sirhp.content.attestations.api.may_issue``: never the requester nor
  the holder; with the agency's setting, never who prepared it);
- refuse, revoke: ``sirhp: Issue attestations``, never the holder; a reason
  is required (before the transition: ``api.check_reason``);
- after issue: the number, the issuer and the date (``api.record_issue``);
  after revoke or refuse: who, when and why (``api.record_end``).
"""

from AccessControl import ModuleSecurityInfo
from datetime import date
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content.attestations import api as attestation_api
from sirhp.content.content.records import parent_file
from sirhp.policy.base.i18n import french

security = ModuleSecurityInfo("sirhp.policy.attestations.workflow")
ENDS = ("revoke", "refuse")


def _not_holder(obj):
    file = parent_file(obj)
    user_id = api.user.get_current().getId()
    return file is None or user_id != file.matricule


security.declarePublic("may_prepare_attestation")


def may_prepare_attestation(obj):
    return _not_holder(obj)


security.declarePublic("may_issue_attestation")


def may_issue_attestation(obj):
    """Four eyes (``attestation_api.may_issue``)."""
    return attestation_api.may_issue(obj)


security.declarePublic("may_refuse_attestation")


def may_refuse_attestation(obj):
    return _not_holder(obj)


security.declarePublic("may_revoke_attestation")


def may_revoke_attestation(obj):
    return _not_holder(obj)


def _comment(event):
    return ((event.kwargs or {}).get("comment") or "").strip()


def before_attestation_transition(obj, event):
    """Revoke and refuse need a reason."""
    if event.transition is None or event.transition.id not in ENDS:
        return
    try:
        attestation_api.check_reason(_comment(event))
    except attestation_api.AttestationError as error:
        raise WorkflowException(french(error.message)) from None


def after_attestation_transition(obj, event):
    """Issue numbers and dates the document; revoke and refuse record why."""
    if event.transition is None:
        return
    # the API passes its ``today``; a transition fired elsewhere: the clock
    today = (event.kwargs or {}).get("today") or date.today()
    if event.transition.id == "issue":
        attestation_api.record_issue(obj, today=today)
    elif event.transition.id in ENDS:
        attestation_api.record_end(
            obj, transition=event.transition.id, reason=_comment(event), today=today
        )
