"""The recruitment workflow (sirhp_recruitment_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.recruitment.workflow'].may_publish_results(here)``);
the rules are ``sirhp.content.recruitment.api``'s: a campaign opens only
with valid settings; who proposed the results never publishes them (four
eyes). Every transition is journaled.
"""

from AccessControl import ModuleSecurityInfo
from sirhp.content.recruitment import api as recruitment

security = ModuleSecurityInfo("sirhp.policy.recruitment.workflow")

security.declarePublic("may_open_campaign")


def may_open_campaign(obj):
    """The campaign's stages and quotas hold."""
    return recruitment.may_open(obj)


security.declarePublic("may_publish_results")


def may_publish_results(obj):
    """Four eyes: who proposed the results never publishes them."""
    return recruitment.may_publish(obj)


def after_recruitment_transition(campaign, event):
    """propose_results: the proposer remembered and the ranking stored (the
    one published); reopen: the stored ranking forgotten; every transition
    journaled."""
    if event.transition is None:
        return
    if event.transition.id == "propose_results":
        recruitment.record_proposer(campaign)
    elif event.transition.id == "reopen":
        recruitment.forget_results(campaign)
    recruitment.journal_transition(campaign, event.transition.id)
