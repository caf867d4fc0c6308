"""Why a transition cannot be fired here, and who validates a restricted
document: the same French sentences (i18n) on the transition page and over
REST (``@workflow``)."""

from plone import api
from sirhp.content.base.errors import SirhpError
from sirhp.content.changes.api import approval_refusal
from sirhp.content.content.records import parent_file
from sirhp.content.domain.four_eyes import ADMINISTRATOR
from sirhp.content.domain.four_eyes import restricted_validator
from sirhp.content.interfaces import IChangeRequest
from sirhp.content.interfaces import IPersonnelRecord
from sirhp.policy import _
from sirhp.policy.documents.security import agency_hr_managers
from sirhp.policy.documents.security import is_restricted_record
from sirhp.policy.training.workflow import close_refusal
from sirhp.policy.workflow.guards import is_own_submission
from sirhp.policy.workflow.guards import last_actor
from sirhp.policy.workflow.handlers import OWN_SUBMISSION
from zope.globalrequest import getRequest
from zope.i18n import translate

ADMINISTRATOR_VALIDATES = _(
    "notice_restricted_administrator_validates",
    default="Aucun autre gestionnaire RH dans l'agence : un administrateur du "
    "site validera cette pièce.",
)
OTHER_HR_MANAGER_VALIDATES = _(
    "notice_restricted_hr_validates",
    default="Un autre gestionnaire RH de l'agence validera cette pièce.",
)
OTHER_HR_MANAGER_MUST = _(
    "error_restricted_other_hr_validates",
    default="Pièce à accès restreint : c'est à un autre gestionnaire RH de "
    "l'agence de la valider.",
)
FILE_FIRST = _(
    "error_validate_file_first",
    default="Validation impossible : le dossier de cette pièce doit d'abord "
    "être validé.",
)
VALIDATE_REFUSED = _(
    "error_validate_refused",
    default="Validation impossible : vous n'avez pas le droit de valider ici.",
)


class TransitionRefused(SirhpError):
    """A transition the user may not fire here (REST: 400 and the reason,
    typed as plone.restapi's own refusals)."""

    type = "WorkflowException"


def refusal(obj, transition, request):
    """Why the current user cannot fire ``transition`` on ``obj`` now, in
    the request's language; None when it is offered."""
    workflow = api.portal.get_tool("portal_workflow")
    if transition in {t["id"] for t in workflow.getTransitionsFor(obj)}:
        return None
    if transition == "approve" and IChangeRequest.providedBy(obj):
        # A field the approver may not write (already in the user's language)
        reason = approval_refusal(obj)
        if reason:
            return reason
    reason = close_refusal(obj, transition)
    if reason:
        return translate(reason, context=request)
    return " ".join(
        translate(message, context=request) for message in _reasons(obj, transition)
    )


def check_transition(obj, transition, request):
    """``TransitionRefused`` with the reason when ``transition`` is not
    offered to the current user on ``obj``."""
    reason = refusal(obj, transition, request)
    if reason:
        raise TransitionRefused(reason)


def who_validates(obj, submitter):
    """For a restricted document: who will validate what ``submitter``
    submitted (a message), else None."""
    if not is_restricted_record(obj):
        return None
    if restricted_validator(submitter, agency_hr_managers(obj)) == ADMINISTRATOR:
        return ADMINISTRATOR_VALIDATES
    return OTHER_HR_MANAGER_VALIDATES


def submission_notice(obj, request):
    """After a submission: the dead end announced (the agency has no other
    HR manager to validate a restricted document), else None."""
    message = who_validates(obj, api.user.get_current().getId())
    if message is not ADMINISTRATOR_VALIDATES:
        return None
    return translate(message, context=request)


def _reasons(obj, transition):
    state = api.content.get_state(obj, default=None)
    if transition != "validate" or state != "pending":
        return [
            _(
                "error_transition_refused",
                default="L'action « ${transition} » n'est pas possible sur cet "
                "élément (état « ${state} ») ou vous n'en avez pas le droit.",
                mapping={"transition": transition, "state": _state_title(obj, state)},
            )
        ]
    if is_own_submission(obj):
        notice = who_validates(obj, last_actor(obj, "submit"))
        return [OWN_SUBMISSION] + ([notice] if notice else [])
    if IPersonnelRecord.providedBy(obj):
        file = parent_file(obj)
        if file is None or api.content.get_state(file) != "validated":
            return [FILE_FIRST]
    if (
        is_restricted_record(obj)
        and who_validates(obj, last_actor(obj, "submit")) is OTHER_HR_MANAGER_VALIDATES
        and api.user.get_current().getId() not in agency_hr_managers(obj)
    ):
        return [OTHER_HR_MANAGER_MUST]
    return [VALIDATE_REFUSED]


def _state_title(obj, state):
    """The state as the user reads it (its title, in the user's language)."""
    if not state:
        return ""
    workflow = api.portal.get_tool("portal_workflow")
    title = workflow.getTitleForStateOnType(state, obj.portal_type) or state
    return translate(title, domain="plone", context=getRequest())
