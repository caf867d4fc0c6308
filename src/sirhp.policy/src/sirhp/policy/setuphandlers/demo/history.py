"""The past of a generated record: its creation date and the transitions
that led to its state, written as an import would."""

from DateTime import DateTime
from datetime import timedelta
from plone import api
from sirhp.policy.setuphandlers.demo.careers import REFERENCE_DATE

WORKFLOW = "sirhp_record_workflow"
LEAVE_WORKFLOW = "sirhp_leave_workflow"


def record_history(obj, created, steps, workflow=WORKFLOW):
    """Date the creation ``created``, write past transitions (as an import
    would) and apply the permissions.

    The creation entry and date are the run's clock until rewritten here: a
    draft's ``state_since`` would move with the calendar.
    """
    wftool = api.portal.get_tool("portal_workflow")
    definition = wftool[workflow]
    when = DateTime(created.isoformat())
    obj.creation_date = when
    entries = obj.workflow_history.get(workflow, ())
    if entries:
        obj.workflow_history[workflow] = (
            {**entries[0], "time": when},
            *entries[1:],
        )
    for action, actor, state, comment, when in steps:
        wftool.setStatusOf(
            workflow,
            obj,
            {
                "action": action,
                "actor": actor,
                "review_state": state,
                "comments": comment,
                "time": DateTime(when.isoformat()),
            },
        )
    definition.updateRoleMappingsFor(obj)


def hr_manager_of(login):
    """The demo HR manager of the agency of a demo login (``*.pn``, ``*.ocs``)."""
    return f"hrmanager.{login.rsplit('.', 1)[1]}"


def recently(when):
    """The day a record still waiting (pending, or a draft sent back) was
    submitted: within the month before the reference date, never before it
    was entered (``when``); drawn from ``when``, not from the generator, so
    the rest of the data stays the same."""
    return max(when, REFERENCE_DATE - timedelta(days=2 + when.toordinal() % 28))


def steps_to(target, clerk, reviewer, when, rng):
    """The transitions that lead to ``target``; a record still waiting was
    submitted lately (``recently``), the others when entered."""
    day = timedelta(days=1)
    if target == "draft":
        if rng.random() < 0.3:
            sent = recently(when)
            return [
                ("submit", clerk, "pending", "", sent),
                (
                    "reject",
                    reviewer,
                    "draft",
                    "Pièce d'état civil illisible, à rescanner.",
                    sent + day,
                ),
            ]
        return []
    if target == "pending":
        return [("submit", clerk, "pending", "", recently(when))]
    steps = [("submit", clerk, "pending", "", when)]
    steps.append(
        ("validate", reviewer, "validated", "Conforme aux pièces.", when + day)
    )
    if target == "archived":
        steps.append(
            (
                "archive",
                hr_manager_of(reviewer),
                "archived",
                "Départ de l'agent.",
                when + 2 * day,
            )
        )
    return steps


def pick_state(rng):
    roll = rng.random()
    if roll < 0.70:
        return "validated"
    if roll < 0.80:
        return "pending"
    if roll < 0.90:
        return "draft"
    return "archived"
