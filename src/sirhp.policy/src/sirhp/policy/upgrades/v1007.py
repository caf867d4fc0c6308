"""Upgrade to 1007: what the external penetration test found, closed.

Three parts, each re-runnable and logged, in this order:

- ``v1007_management``: the rolemap (Zope management screens, WebDAV/FTP,
  ownership, undo, aliases, revert... for administrators only), then the
  properties and marker interfaces creators could add through those screens;
- ``v1007_accounts``: rolemap and actions again (mailing pages to anyone,
  the contact action), reset links valid 24 hours (pending ones dropped: some
  may point to a forged host), revocable sessions (per-user keyrings, stored
  tokens: REST clients log in again), sessions of disabled accounts ended;
- ``v1007_changes``: versioning turned back on where it was switched off,
  change-request attachments checked and stored as PDFs (refused ones
  removed, logged with their SHA-256), pending requests proposing a field
  their requester may not write rejected with a reason.

Take a backup first (docs/operations.md).
"""

from sirhp.policy import logger
from sirhp.policy.upgrades import v1007_accounts
from sirhp.policy.upgrades import v1007_changes
from sirhp.policy.upgrades import v1007_management


def upgrade(setup_tool):
    v1007_management.upgrade(setup_tool)
    v1007_accounts.upgrade(setup_tool)
    v1007_changes.upgrade(setup_tool)
    logger.info("sirhp.policy upgraded to 1007 (penetration test findings closed)")
