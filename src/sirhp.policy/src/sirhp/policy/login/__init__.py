"""Login hardening and accounts: throttling and lockout per account and per
client address, audit of login failures, password policy, second factor,
revocable sessions, password reset, officer accounts.

- ``interfaces``: the registry settings (``sirhp.security.*``);
- ``throttle``: failures and locks in the audit SQLite file (shared by every
  Zope process of the host, no ZODB write);
- ``plugins``: two PAS plugins, the login guard (first authentication
  plugin: refuses a locked account or address by clearing the credentials)
  and the password policy (validation plugin); ``setup``: their install;
- ``subscribers``: the outcome of each login attempt (journal, counters),
  ``@login`` refused with 401 while locked, logout;
- ``totp``, ``totp_store``, ``recovery_codes``, ``totp_gate``,
  ``totp_views``: the second factor;
- ``links`` (reset links from the public address), ``sessions`` (revoked on
  logout, password change, archive), ``accounts`` (officer accounts follow
  their file), ``reset`` (the forgotten-password pages) and ``views`` (the
  records office sends a reset link), in that order: each imports only
  those before it;
- ``services``: ``@logout``, ``@login-renew``, ``@users`` (reset-password).
"""
