"""Audit journal (journal d'accès) of SIRHP: who read, changed, downloaded,
exported or was refused what, from where, and why.

- ``db``: the SQLite file beside the ZODB (path from ``SIRHP_AUDIT_DB``);
- ``journal``: append-only, hash-chained events and their queries;
- ``network``: ``client_address(request)`` (trusted proxies only);
- ``api``: ``log_event()`` fills who / when / what / from where;
- ``subscribers``: publication, content, workflow and login events;
- ``reasons``: the reason asked before showing medical fields;
- ``browser``: the viewer ``@@journal``, CSV export, ``@@mes-consultations``;
  ``services/audit_log``: ``@audit-log``;
- ``hooks``: the journal and the consultation reasons for code below this
  feature (``sirhp.content.base.hooks``).
"""
