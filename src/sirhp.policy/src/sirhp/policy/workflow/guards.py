"""Workflow guards, called from the guard expressions of the workflow XML.

Each ``may_<transition>(obj)`` returns True when the current user may fire
the transition on ``obj``, on top of the permission guard of the XML.
"""

from AccessControl import ModuleSecurityInfo
from plone import api
from sirhp.content.content.records import parent_file
from sirhp.content.domain.four_eyes import may_validate_restricted
from sirhp.content.interfaces import IPersonnelRecord
from sirhp.content.worklists import api as worklists
from sirhp.policy.documents.security import agency_hr_managers
from sirhp.policy.documents.security import is_restricted_record

security = ModuleSecurityInfo("sirhp.policy.workflow.guards")


def last_actor(obj, action):
    """Id of the user who last fired ``action`` on ``obj`` (or None)."""
    return worklists.last_actor(obj, action)


def is_own_submission(obj, user_id=None):
    """Four eyes: did this user submit what is now waiting for validation?"""
    user_id = user_id or api.user.get_current().getId()
    return last_actor(obj, "submit") == user_id


security.declarePublic("may_submit")


def may_submit(obj):
    return True


security.declarePublic("may_validate")


def may_validate(obj):
    """Not one's own submission; a record only once its file is validated;
    a restricted document by another HR manager of the agency, or failing
    one by an administrator."""
    if is_own_submission(obj):
        return False
    if IPersonnelRecord.providedBy(obj):
        file = parent_file(obj)
        if file is None or api.content.get_state(file) != "validated":
            return False
    if is_restricted_record(obj) and not may_validate_restricted(
        api.user.get_current().getId(),
        last_actor(obj, "submit"),
        agency_hr_managers(obj),
    ):
        return False
    return True


security.declarePublic("may_reject")


def may_reject(obj):
    return True


security.declarePublic("may_archive")


def may_archive(obj):
    return True
