"""Access table of leave requests (``sirhp_leave_workflow``).

A leave request is seen by the agency's staff, auditors, the officer and
the unit's commanders; its scan (it may be medical) by HR managers,
auditors and the officer only. The unit's commander or an HR manager
decides, never the requester nor the officer; the requester (or the
officer) cancels before the first day. Nobody edits or deletes it.
Notation: ``sirhp.policy.base.access``; listed in ``sirhp.policy.access``
(``tests/security`` asks every cell; ``tests/leave/test_leave_access.py``
also checks that nobody cancels from the first day).
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import AUTHOR
from sirhp.policy.base.access import COMMANDER
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table

LEAVE_STATES = ("requested", "approved", "rejected", "cancelled")
LEAVE_OPERATIONS = (
    "view",
    "attachment",
    "edit",
    "delete",
    "approve",
    "reject",
    "cancel",
)
READERS = STAFF | COMMANDER | OFFICER
SCAN_READERS = HR | AUDITOR | OFFICER
DECIDERS = HR | COMMANDER | ADMIN
REQUESTERS = AUTHOR | OFFICER

_read = {"view": READERS, "attachment": SCAN_READERS}

LEAVE = Table(
    key="leave",
    portal_type="LeaveRequest",
    label=("Demande de congé", "Leave request"),
    states=LEAVE_STATES,
    operations=LEAVE_OPERATIONS,
    rules=rows(
        requested={
            **_read,
            "approve": DECIDERS,
            "reject": DECIDERS,
            "cancel": REQUESTERS,
        },
        approved={**_read, "cancel": REQUESTERS},
        rejected=_read,
        cancelled=_read,
    ),
    note=(
        "Demandée par clerk.pn pour l'agent A (dossier validé, commissariat "
        "du 1er arrondissement), avant son premier jour ; annuler n'est plus "
        "possible à partir du premier jour.",
        "Requested by clerk.pn for officer A (validated file, 1st district "
        "police station), before its first day; cancelling is refused from "
        "the first day on.",
    ),
)
