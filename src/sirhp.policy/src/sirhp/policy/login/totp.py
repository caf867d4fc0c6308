"""TOTP second factor (RFC 6238, pyotp) for staff accounts.

- Optional for every account (``@@totp``: enrol with an authenticator app);
  REQUIRED for reviewers and HR managers when the site enables
  ``sirhp.security.totp_required``.
- Here: secrets and codes (a code is used once: the last time step is
  remembered), who must give one, and the administrator's reset
  (``Plone Site Setup: Users and Groups``: ``@@totp-reinitialiser`` or
  ``scripts/totp_reset.py``; the journal records who, whom and why).
- ``totp_store``: the records, in the site's annotations;
  ``recovery_codes``: single-use codes accepted instead of a TOTP code
  after the password; ``totp_gate``: the code asked once per login session
  before any page, and by ``@login`` (field ``otp``); ``totp_views``: the
  pages. Disabling, regenerating codes and ``@@totp`` itself ask for a real
  TOTP code.
"""

import hmac
from persistent.mapping import PersistentMapping
from plone import api
import pyotp
from sirhp.content.base.agencies import agency_ids
from sirhp.policy import config
from sirhp.policy.audit import journal
from sirhp.policy.audit.api import log_event
from sirhp.policy.login import recovery_codes
from sirhp.policy.login import totp_store
import time

SETTING = "sirhp.security.totp_required"
ISSUER = "SIRHP"
REQUIRED_SUFFIXES = ("reviewers", "hr")  # agency groups: RecordsReviewer, HRManager
TOTP = "totp"
RECOVERY = "recovery"


# --- secrets and codes ------------------------------------------------------------


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(secret, login):
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=ISSUER)


def _matching_step(secret, code, now=None):
    """The time step ``code`` belongs to (±1 step of drift), or None."""
    code = (code or "").strip().replace(" ", "") if isinstance(code, str) else ""
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    step = int(now) // totp.interval
    for candidate in (step, step - 1, step + 1):
        if hmac.compare_digest(totp.at(candidate * totp.interval), code):
            return candidate
    return None


def enrol(user_id, secret, code):
    """Store ``secret`` for the user if ``code`` proves the app has it."""
    step = _matching_step(secret, code)
    if step is None:
        return False
    totp_store.store(create=True)[user_id] = PersistentMapping(
        {"secret": secret, "last_step": step, "enrolled": time.time()}
    )
    return True


def check_code(user_id, code):
    """True for a right code not used before (the step is then remembered)."""
    record = totp_store.record(user_id)
    if record is None:
        return False
    step = _matching_step(record["secret"], code)
    if step is None or step <= record.get("last_step", -1):
        return False
    record["last_step"] = step
    return True


def check_second_factor(user_id, code):
    """``TOTP``, ``RECOVERY`` (that code is now used up) or None (refused)."""
    if check_code(user_id, code):
        return TOTP
    if recovery_codes.use_recovery_code(user_id, code):
        return RECOVERY
    return None


# --- administrator reset --------------------------------------------------------


def reset(user_id, reason, request=None, actor=None, channel="web"):
    """Remove ``user_id``'s enrolment and recovery codes, journal who and why.

    ``actor`` names who did it when no user is logged in (the console).
    Returns False (and changes nothing) when the user had no second factor.
    The user's open sessions stop passing the gate (the session mark is bound
    to the enrolment); a user for whom TOTP is required enrols again.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a reason is required")
    if not totp_store.is_enrolled(user_id):
        return False
    totp_store.remove(user_id)
    log_event(
        journal.TOTP_RESET,
        request=request,
        user_id=actor,
        reason=reason,
        detail={"target": user_id, "channel": channel},
        raise_errors=True,
    )
    return True


# --- who must give a code -------------------------------------------------------


def required_by_role(user):
    """Reviewers and HR managers (agency groups), when the site asks for it."""
    if not api.portal.get_registry_record(SETTING, default=False):
        return False
    try:
        groups = {group.getId() for group in api.group.get_groups(user=user)}
    except Exception:  # e.g. the Zope root's admin: no site groups
        return False
    return any(
        config.agency_group_id(agency_id, suffix) in groups
        for agency_id in agency_ids()
        for suffix in REQUIRED_SUFFIXES
    )


def must_use(user):
    if user is None:
        return False
    return totp_store.is_enrolled(user.getId()) or required_by_role(user)
