"""A generated career as content: its acts as CareerEvents and its leave
requests, with their past transitions (the Zope side of ``careers``).

A career is about ten acts: each added object would notify its file as
modified, and a modified file reindexes all its children and updates its
local roles (quadratic in the number of acts). They are added with their own
events only (``sirhp.content.base.bulk.add_quietly``); the caller notifies the file once, at the end.
"""

from datetime import timedelta
from sirhp.content.base.bulk import add_quietly
from sirhp.policy.setuphandlers.demo.history import hr_manager_of
from sirhp.policy.setuphandlers.demo.history import LEAVE_WORKFLOW
from sirhp.policy.setuphandlers.demo.history import record_history
from sirhp.policy.setuphandlers.demo.history import steps_to
from z3c.relationfield import RelationValue

SIGNERS = {"recruitment": "MSPC", "transfer": "DGPN", "promotion": "DGPN"}


def create_acts(file, acts, index, state, clerk, reviewer, when, rng, intids):
    """One CareerEvent per act, in ``state`` (an act marked pending waits
    for a reviewer when the others are validated)."""
    for number, act in enumerate(acts, start=1):
        unit = act.get("unit")
        signer = SIGNERS.get(act["type"], "DGPN")
        record = add_quietly(
            file,
            "CareerEvent",
            event_type=act["type"],
            event_date=act["date"],
            end_date=act.get("end_date"),
            reference=f"Décision n°{act['date'].year}-{index % 9000 + 100}-{number}/{signer}",
            details=act["details"],
            resulting_grade=act.get("grade"),
            resulting_echelon=act.get("echelon"),
            resulting_unit=RelationValue(intids.getId(unit)) if unit else None,
            resulting_status=act.get("status"),
            resulting_position=act.get("position"),
            sanction=act.get("sanction"),
            decoration=act.get("decoration"),
        )
        target = "pending" if act["pending"] and state == "validated" else state
        record_history(record, when, steps_to(target, clerk, reviewer, when, rng))


def create_leaves(file, leaves, clerk):
    """The leave requests ``(type, start, end, state)`` of ``file``, requested
    two weeks before they start; approved ones by the agency's HR manager."""
    for leave_type, start, end, state in leaves:
        asked = start - timedelta(days=14)
        leave = add_quietly(
            file,
            "LeaveRequest",
            leave_type=leave_type,
            start=start,
            end=end,
            reason="Congé annuel (données de démonstration).",
            requested_on=asked,
        )
        steps = []
        if state == "approved":
            approver = hr_manager_of(clerk)
            steps = [("approve", approver, "approved", "", asked + timedelta(days=2))]
        record_history(leave, asked, steps, workflow=LEAVE_WORKFLOW)
