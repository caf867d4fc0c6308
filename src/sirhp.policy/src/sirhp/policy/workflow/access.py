"""The rows of SIRHP's record workflow (``sirhp_record_workflow``), shared
by the access tables of files, documents and career events. Notation:
``sirhp.policy.base.access``. Pure Python, no Zope import.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUTHOR
from sirhp.policy.base.access import COMMANDER
from sirhp.policy.base.access import EDITORS
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import PROPOSERS
from sirhp.policy.base.access import REVIEW
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF

RECORD_STATES = ("draft", "pending", "validated", "archived")
RECORD_OPERATIONS = (
    "view",
    "download",
    "edit",
    "propose",
    "delete",
    "history",
    "sharing",
    "search",
    "submit",
    "validate",
    "reject",
    "archive",
)


def record_rules(
    *, readers, editors, validators, rejecters, archivers, deleters, proposers
):
    """The rows of a record of ``sirhp_record_workflow`` inside a file.

    ``readers`` see it in every state, the officer and the unit's commander
    once validated; administrators alone edit or delete it after the draft.
    """
    validated_readers = readers | OFFICER | COMMANDER
    return rows(
        draft={
            "view": readers,
            "download": readers,
            "edit": editors,
            "delete": deleters,
            "history": readers,
            "sharing": ADMIN,
            "search": readers,
            "submit": editors,
        },
        pending={
            "view": readers,
            "download": readers,
            "edit": ADMIN,
            "delete": ADMIN,
            "history": readers,
            "sharing": ADMIN,
            "search": readers,
            "validate": validators,
            "reject": rejecters,
        },
        validated={
            "view": validated_readers,
            "download": validated_readers,
            "edit": ADMIN,
            "propose": proposers,
            "delete": ADMIN,
            "history": readers,
            "sharing": ADMIN,
            "search": validated_readers,
            "archive": archivers,
        },
        archived={
            "view": readers,
            "download": readers,
            "edit": ADMIN,
            "delete": ADMIN,
            "history": readers,
            "sharing": ADMIN,
            "search": readers,
        },
    )


# An ordinary record (diploma, career event): created by clerk.pn, submitted
# by clerkreviewer.pn, validated by reviewer.pn.
ORDINARY_RECORD_RULES = record_rules(
    readers=STAFF,
    editors=EDITORS,
    validators=REVIEW - {"clerkreviewer.pn"},  # the submitter
    rejecters=REVIEW,  # sending one's own submission back is allowed
    archivers=HR | ADMIN,
    deleters=AUTHOR | HR | ADMIN,
    proposers=PROPOSERS,
)
ORDINARY_RECORD_NOTE = (
    "Pièce ordinaire (diplôme) du dossier validé de l'agent A, créée par "
    "clerk.pn, soumise par clerkreviewer.pn.",
    "Ordinary document (diploma) of officer A's validated file, created "
    "by clerk.pn, submitted by clerkreviewer.pn.",
)
