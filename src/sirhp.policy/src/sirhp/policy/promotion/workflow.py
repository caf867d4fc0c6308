"""The promotion workflow (sirhp_promotion_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.promotion.workflow'].may_decide_table(here)``);
every rule is ``sirhp.content.promotion.api``'s:

- submit: the ranking is built;
- decide: every candidate decided, reasons for departures, posts, and
  never by who built or submitted the table (four eyes);
- publish: never by who decided (four eyes); publishing files the acts.
"""

from AccessControl import ModuleSecurityInfo
from datetime import date
from sirhp.content.promotion import api as promotion_api

security = ModuleSecurityInfo("sirhp.policy.promotion.workflow")

security.declarePublic("may_submit_table")


def may_submit_table(obj):
    """The ranking is built."""
    return promotion_api.may_submit(obj)


security.declarePublic("may_decide_table")


def may_decide_table(obj):
    """Decisions complete and valid; not by who built or submitted."""
    return promotion_api.may_decide(obj)


security.declarePublic("may_publish_table")


def may_publish_table(obj):
    """Four eyes: who decided never publishes."""
    return promotion_api.may_publish(obj)


def after_promotion_transition(table, event):
    """decide: the decision's day and the effective date; publish: the
    promotion acts (a retracted table keeps its decisions until rebuilt)."""
    if event.transition is None:
        return
    if event.transition.id == "decide":
        promotion_api.mark_decided(table=table, today=date.today())
    elif event.transition.id == "publish":
        promotion_api.publish(table=table)
