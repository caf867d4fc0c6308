"""Upgrade to 1005: shares made by hand removed (issue 5).

Until 1004 the sharing page (``@@sharing``, ``@sharing``) was open to the
Owner and Editor of a file: a clerk could delegate a role on a personnel file
to anyone, e.g. to a clerk of the other agency. 1004 closed the page; here
every local role SIRHP did not grant itself is removed from the SIRHP
content (``sirhp.policy.hardening.shares``: agencies' groups, the officer's
matricule, the unit commanders, restricted documents, Owner of the creator),
inheritance blocked by hand is restored, and the security of what changed is
reindexed. One log line per principal removed, then a total. Re-runnable.
"""

from sirhp.policy import logger
from sirhp.policy.hardening.shares import clean_all_shares
from sirhp.policy.hardening.shares import ShareChange


def _log(change: ShareChange):
    for principal, roles in change.removed.items():
        logger.info(
            "1005 : partage manuel retiré / hand share removed: %s, %s, %s",
            change.path,
            principal,
            ", ".join(roles),
        )
    for principal, roles in change.restored.items():
        logger.info(
            "1005 : rôle SIRHP rétabli / SIRHP role restored: %s, %s, %s",
            change.path,
            principal,
            ", ".join(roles),
        )
    if change.inheritance:
        logger.info(
            "1005 : héritage des rôles %s / local role inheritance %s: %s",
            "rétabli" if change.inheritance == "unblocked" else "bloqué",
            change.inheritance,
            change.path,
        )


def upgrade(context):
    changes = clean_all_shares(log=_log)
    shares = sum(len(c.removed) for c in changes)
    logger.info(
        "sirhp.policy upgraded to 1005: %s partage(s) manuel(s) retiré(s) sur %s "
        "objet(s) modifié(s) / %s hand share(s) removed, %s object(s) changed",
        shares,
        len(changes),
        shares,
        len(changes),
    )
    return changes
