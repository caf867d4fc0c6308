"""Hardened edges of the portal.

- Security headers on every response of the SIRHP site (``headers``).
- The REST API is closed to anonymous users, but for the public endpoints
  listed in ``PUBLIC_API_ENDPOINTS`` (``api_access``); malformed REST input
  answered 400 (``rest_input``, ``services/search`` for ``@search``);
  oversized bodies 413 (``body_size``).
- Hidden records answer like missing ones (``hidden``); errors as what they
  are (``errors``); no user directory (``directory``); hand-made shares
  removed (``shares``).
- A change stored is answered as stored, even when the database becomes
  unreachable right after its commit (``committed``).
- Two documents indexed at once that share a rare word no longer conflict
  in the full-text index (``text_postings``).
- A write conflict is retried (7 times, zope.conf; pauses of at most 4 s);
  a database out of reach is not: its French 503 comes at once
  (``retry``).
"""

from sirhp.policy.hardening import committed
from sirhp.policy.hardening import retry
from sirhp.policy.hardening import text_postings

committed.install()
retry.install()
text_postings.install()
