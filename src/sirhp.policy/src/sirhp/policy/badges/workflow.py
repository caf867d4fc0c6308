"""The badge workflow (sirhp_badge_workflow): guards, transition handlers and
the automatic revocations.

- ``may_<transition>`` guards, named by the guard expressions of
  ``profiles/default/workflows/sirhp_badge_workflow/definition.xml``, on top
  of the permission guard of each transition;
- revoke needs a reason from the revocation vocabulary (REST ``@workflow``
  and the transition form pass it as ``revocation_reason``);
- printing sets the issue and expiry dates when they are empty;
- a new badge request revokes the active card of the same file (reissue);
- a departure (status retired, dismissed, deceased, resigned) or the
  archiving of the file revokes its active card.

The automatic revocations are consequences of an action the user was
allowed to do (request a badge, change a status, archive): they run with the
Manager role, as the system, and are named as such in the badge's history.
"""

from AccessControl import ModuleSecurityInfo
from datetime import date
import logging
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content.badges import api as badges
from sirhp.content.badges import rules
from sirhp.content.badges.content import assign_badge_numbers
from sirhp.content.content.records import parent_file
from sirhp.content.vocabularies.fixed import DEPARTED_STATUSES
from sirhp.policy import _
from sirhp.policy.base.i18n import french
from zExceptions import BadRequest

logger = logging.getLogger("sirhp.policy.badges")
security = ModuleSecurityInfo("sirhp.policy.badges.workflow")

REASON_REQUIRED = _(
    "error_revocation_reason",
    default="Choisissez un motif de révocation (perte, vol, départ, remplacement, "
    "détérioration, autre).",
)


# --- Guards -------------------------------------------------------------------


security.declarePublic("may_print_badge")


def may_print_badge(obj):
    """Only the card of a validated file is printed (the data it shows)."""
    file = parent_file(obj)
    return file is not None and api.content.get_state(file) == "validated"


security.declarePublic("may_issue_badge")


def may_issue_badge(obj):
    return True


security.declarePublic("may_expire_badge")


def may_expire_badge(obj):
    """Only once the validity is over."""
    expiry = getattr(obj, "expiry_date", None)
    return expiry is not None and expiry < date.today()


security.declarePublic("may_revoke_badge")


def may_revoke_badge(obj):
    return True


# --- Transition handlers ------------------------------------------------------


def before_badge_transition(badge, event):
    if event.transition is None:
        return
    if event.transition.id == "revoke":
        reason = (event.kwargs or {}).get("revocation_reason")
        if reason not in rules.REVOCATION_REASONS:
            raise WorkflowException(french(REASON_REQUIRED))


def after_badge_transition(badge, event):
    if event.transition is None:
        return
    transition = event.transition.id
    if transition == "revoke":
        badge.revocation_reason = (event.kwargs or {}).get("revocation_reason")
    elif transition == "print":
        if badge.issue_date is None:
            badge.issue_date = date.today()
        if badge.expiry_date is None:
            years = badges.badge_setting("validity_years")
            badge.expiry_date = rules.expiry_for(badge.issue_date, years)
    badge.reindexObject()


# --- Automatic revocations and expiry -------------------------------------------


def revoke_as_system(badge, reason, comment):
    """Revoke ``badge`` as a consequence of another allowed action."""
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=badge,
            transition="revoke",
            comment=comment,
            revocation_reason=reason,
        )
    logger.info("Badge %s revoked (%s) by the system", badge.card_number, reason)


def badge_requested(badge, event):
    """A new request: the file must be current; its active card is replaced."""
    file = parent_file(badge)
    if file is None:
        return
    if not badge.card_number:  # subscriber order: numbers first
        assign_badge_numbers(badge, event)
    if getattr(file, "status", None) in DEPARTED_STATUSES:
        raise BadRequest(
            french(
                _(
                    "error_badge_departed",
                    default="Pas de carte professionnelle pour un agent qui a "
                    "quitté le service.",
                )
            )
        )
    for previous in badges.active_badges(file=file, exclude=badge):
        revoke_as_system(
            previous,
            "reissue",
            f"Remplacée par la carte {badge.card_number}",
        )


def revoke_on_departure(file, event):
    """A file whose agent left the service keeps no valid card."""
    if getattr(file, "status", None) not in DEPARTED_STATUSES:
        return
    for badge in badges.active_badges(file=file):
        revoke_as_system(
            badge, "departure", "Révocation automatique : départ du service"
        )


def revoke_on_archive(file, event):
    if event.transition is None or event.transition.id != "archive":
        return
    for badge in badges.active_badges(file=file):
        revoke_as_system(badge, "departure", "Révocation automatique : dossier archivé")


def expire_overdue(today=None):
    """Mark ``expired`` every issued or printed card past its expiry date.

    Run daily (``sirhp.policy.daily``, or scripts/expire_badges.py alone). The public page already
    answers "expired" for such cards; this keeps the workflow state, the
    listings and the badge history in line. Returns the card numbers.
    """
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    expired = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Badge", review_state=["printed", "issued"]
    ):
        # expiry_date is catalog metadata: only overdue badges are loaded
        if brain.expiry_date is None or brain.expiry_date >= today:
            continue
        badge = brain._unrestrictedGetObject()
        with api.env.adopt_roles(["Manager"]):
            if api.content.get_state(badge) == "printed":
                api.content.transition(obj=badge, transition="issue")
            api.content.transition(
                obj=badge, transition="expire", comment="Expiration automatique"
            )
        expired.append(badge.card_number)
    return expired
