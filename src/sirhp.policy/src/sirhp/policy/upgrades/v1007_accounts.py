"""Upgrade: password reset, user directory, sessions (penetration test findings).

Brings an existing site to the state of a new one:

- the profile's ``rolemap.xml`` ("Allow sendto" for administrators only) and
  ``actions.xml`` (no "Contact" site action) are imported again;
- password reset links are valid 24 hours, and every link asked for before
  stops working (it may have been built from a forged host: whoever holds
  it could choose the password);
- plone.session signs each user's cookie with a secret of his or her own,
  plone.restapi keeps the tokens it issues: logout, a password change and a
  disabled account end their sessions. Tokens issued before are not kept:
  REST clients log in again;
- the sessions of accounts already disabled (archived files) end.

Re-runnable: a second run changes nothing (but for links asked in between).
"""

from plone import api
from sirhp.policy import logger
from sirhp.policy.login import links
from sirhp.policy.login import sessions
from sirhp.policy.login.accounts import DISABLED
from zope.annotation.interfaces import IAnnotations

PROFILE = "profile-sirhp.policy:default"
IMPORT_STEPS = ("rolemap", "actions")


def upgrade(context):
    portal = api.portal.get()
    for step in IMPORT_STEPS:
        context.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    links.configure_reset_tool(portal)
    tool = portal.portal_password_reset
    pending = len(tool._requests)
    if pending:
        tool._requests.clear()
        tool._p_changed = True
    sessions.configure(portal)
    disabled = list(IAnnotations(portal).get(DISABLED) or ())
    for user_id in disabled:
        sessions.revoke(user_id)
    logger.info(
        "1007 (accounts) applied: %d pending reset link(s) "
        "dropped, sessions of %d disabled account(s) ended",
        pending,
        len(disabled),
    )
