"""Login hardening (issue 5, section 1): throttling and lockout per account
and per client address, audit of login failures, password policy.

- ``interfaces``: the registry settings (``sirhp.security.*``);
- ``throttle``: failures and locks in the audit SQLite file (shared by every
  Zope process of the host, no ZODB write);
- ``plugins``: two PAS plugins, the login guard (first authentication
  plugin: refuses a locked account or address by clearing the credentials)
  and the password policy (validation plugin);
- ``subscribers``: the outcome of each login attempt (journal, counters),
  ``@login`` refused with 401 while locked, logout.
"""
