"""Access table of change requests (``sirhp_change_workflow``).

A request is seen by the agency's staff, the auditors and its requester; a
reviewer or HR manager decides, never on their own request; the requester
withdraws it. Nobody edits or deletes a request, not even an administrator:
it is itself a record of the history (so no "history" operation). Notation:
``sirhp.policy.base.access``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import REVIEW
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table

CHANGE_STATES = ("pending", "approved", "rejected", "withdrawn")
CHANGE_OPERATIONS = (
    "view",
    "edit",
    "delete",
    "sharing",
    "search",
    "approve",
    "reject",
    "withdraw",
)
STAFF_REQUESTER = frozenset({"clerkreviewer.pn"})


def change_rules(readers, requester):
    """The rows of a request asked by ``requester``, read by ``readers``."""
    read = {"view": readers, "sharing": ADMIN, "search": readers}
    return rows(
        pending={
            **read,
            "approve": REVIEW - requester,
            "reject": REVIEW - requester,
            "withdraw": requester,
        },
        approved=read,
        rejected=read,
        withdrawn=read,
    )


CHANGE_REQUEST = Table(
    key="change",
    portal_type="ChangeRequest",
    label=("Demande de modification (agent RH)", "Change request (staff)"),
    states=CHANGE_STATES,
    operations=CHANGE_OPERATIONS,
    rules=change_rules(STAFF, STAFF_REQUESTER),
    note=(
        "Demandée par clerkreviewer.pn (qui ne peut pas l'approuver) sur le "
        "dossier validé de l'agent A ; une demande n'est jamais modifiée ni "
        "supprimée, pas même par un administrateur du site.",
        "Requested by clerkreviewer.pn (who may not approve it) on officer "
        "A's validated file; a request is never edited nor deleted, not even "
        "by a site administrator.",
    ),
)

OFFICER_REQUEST = Table(
    key="officer_request",
    portal_type="ChangeRequest",
    label=("Signalement de l'agent", "Officer's correction request"),
    states=CHANGE_STATES,
    operations=CHANGE_OPERATIONS,
    rules=change_rules(STAFF | OFFICER, OFFICER),
    note=(
        "« Signaler une inexactitude » de l'agent A sur son propre dossier.",
        "\u201cReport an inaccuracy\u201d by officer A on his own file.",
    ),
)
