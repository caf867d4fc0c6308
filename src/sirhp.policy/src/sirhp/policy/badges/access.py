"""Access table of badges (``sirhp_badge_workflow``) and print batches
(``sirhp_batch_workflow``).

The agency's records staff and the auditors see every badge; the officer
concerned and the unit's commanders see it once a card exists (printed).
Clerks and HR managers print, hand over and mark expired; reviewers, clerks
and HR managers revoke (lost, stolen...); nobody but an administrator
corrects a printed card. The other agency, another officer, another unit's
commander and anonymous users see nothing. A print batch is the read-only
record of a print run. Notation: ``sirhp.policy.base.access``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import CLERKS
from sirhp.policy.base.access import COMMANDER
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import REVIEWERS
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table

BADGE_STATES = ("requested", "printed", "issued", "expired", "revoked")
# who sees a card once printed
CARD_SEERS = STAFF | OFFICER | COMMANDER
# who prints, hands over and marks expired
OPERATORS = CLERKS | HR | ADMIN
# who revokes (lost, stolen...)
REVOKERS = OPERATORS | REVIEWERS


def _badge_state(view, edit=ADMIN, **transitions):
    return {
        "view": view,
        "edit": edit,
        "delete": ADMIN,
        "sharing": ADMIN,
        "search": view,
        **transitions,
    }


BADGE = Table(
    key="badge",
    portal_type="Badge",
    label=("Carte professionnelle", "Police badge"),
    states=BADGE_STATES,
    operations=(
        "view",
        "edit",
        "delete",
        "sharing",
        "search",
        "print",
        "issue",
        "revoke",
        "expire",
    ),
    # administrators may correct a card in every state
    rules=rows(
        requested=_badge_state(STAFF, edit=OPERATORS, print=OPERATORS, revoke=REVOKERS),
        printed=_badge_state(CARD_SEERS, issue=OPERATORS, revoke=REVOKERS),
        issued=_badge_state(CARD_SEERS, expire=OPERATORS, revoke=REVOKERS),
        expired=_badge_state(CARD_SEERS),
        revoked=_badge_state(CARD_SEERS),
    ),
    note=(
        "Cartes du dossier validé de l'agent A.",
        "Badges of officer A's validated file.",
    ),
)

BATCH = Table(
    key="batch",
    portal_type="BadgePrintBatch",
    label=("Lot d'impression de cartes", "Badge print batch"),
    states=("recorded",),
    operations=("view", "download", "edit", "delete", "sharing", "search"),
    rules=rows(
        recorded={
            "view": STAFF,
            "download": STAFF,
            "sharing": ADMIN,
            "search": STAFF,
        }
    ),
    note=(
        "Trace d'une impression (PDF des cartes) : lecture seule pour tous, "
        "administrateurs du site compris.",
        "Record of a print run (the cards' PDF): read-only for everybody, "
        "site administrators included.",
    ),
)
