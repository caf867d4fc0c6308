"""Checks run before a transition; a refusal raises WorkflowException.

plone.restapi answers a WorkflowException with HTTP 400 and its message;
the transition form shows it as an error. Nothing is changed.
"""

from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.policy import _
from sirhp.policy.base.i18n import french
from sirhp.policy.workflow.guards import is_own_submission

MAX_COMMENT = 2000  # characters; the transition form says the same

COMMENT_TOO_LONG = _(
    "error_comment_too_long",
    default="Commentaire trop long (2000 caractères au plus).",
)


def check_comment(obj, event):
    """Any SIRHP transition, any channel (form, REST, script): the comment
    is text of reasonable length (it is kept in the history forever)."""
    if event.transition is None:
        return
    comment = (event.kwargs or {}).get("comment", "") or ""
    if not isinstance(comment, str):
        raise WorkflowException(
            french(
                _("error_comment_type", default="Le commentaire doit être un texte.")
            )
        )
    if len(comment) > MAX_COMMENT:
        raise WorkflowException(french(COMMENT_TOO_LONG))


def before_transition(obj, event):
    if event.transition is None:
        return  # initial state on creation
    transition = event.transition.id
    comment = (event.kwargs or {}).get("comment", "") or ""
    if transition == "reject" and not comment.strip():
        raise WorkflowException(
            french(
                _(
                    "error_reject_comment",
                    default="Un motif est obligatoire pour rejeter.",
                )
            )
        )
    if transition == "validate" and is_own_submission(obj):
        # The guard already hides it; this stops any direct call too.
        raise WorkflowException(french(OWN_SUBMISSION))


OWN_SUBMISSION = _(
    "error_own_submission",
    default="Vous ne pouvez pas valider ce que vous avez vous-même soumis.",
)
