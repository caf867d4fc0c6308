"""The training workflow (sirhp_training_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.training.workflow'].may_close_training(here)``):

- record: every participant has a result;
- close: never by someone who entered results or recorded them (four
  eyes); closing files the training acts (``sirhp.content.training.api``).
"""

from AccessControl import ModuleSecurityInfo
from datetime import date
from plone import api
from sirhp.content.interfaces import ITrainingSession
from sirhp.content.training import api as training_api
from sirhp.policy import _

security = ModuleSecurityInfo("sirhp.policy.training.workflow")

CLOSE_BY_ANOTHER = _(
    "error_training_close_by_another",
    default="Vous avez saisi ou enregistré les résultats de cette session : "
    "une autre personne doit la clore.",
)

security.declarePublic("may_record_training")


def may_record_training(obj):
    """Every participant has a result."""
    return training_api.complete(obj)


security.declarePublic("may_close_training")


def may_close_training(obj):
    """Four eyes: whoever entered or recorded the results never closes."""
    return training_api.may_close(obj)


def after_training_transition(session, event):
    """record: remember who recorded; close: file the training acts."""
    if event.transition is None:
        return
    if event.transition.id == "record":
        training_api.remember_recorder(session, api.user.get_current().getId())
    elif event.transition.id == "close":
        training_api.close(session=session, today=date.today())


def close_refusal(obj, transition):
    """The four-eyes reason ``close`` is not offered on a recorded session
    to whoever entered its results, else None."""
    if (
        transition == "close"
        and ITrainingSession.providedBy(obj)
        and api.content.get_state(obj, default=None) == "results_recorded"
        and not training_api.may_close(obj)
    ):
        return CLOSE_BY_ANOTHER
    return None
