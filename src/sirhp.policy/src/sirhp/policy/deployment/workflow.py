"""The deployment list workflow (sirhp_deployment_list_workflow): its guard
(transitions are journaled by the site's generic handler). The guard
expression of the workflow XML names this module
(``python:modules['sirhp.policy.deployment.workflow'].may_activate_list(here)``);
the rule is ``sirhp.content.deployment.lists``'.
"""

from AccessControl import ModuleSecurityInfo
from sirhp.content.deployment import lists

security = ModuleSecurityInfo("sirhp.policy.deployment.workflow")

security.declarePublic("may_activate_list")


def may_activate_list(obj):
    """Members and right dates (``lists.may_activate``)."""
    return lists.may_activate(obj)
