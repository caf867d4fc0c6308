"""Audit journal (journal d'accès) of SIRHP: who read, changed, downloaded,
exported or was refused what, from where, and why (issue 5, section 2).

- ``db``: the SQLite file beside the ZODB (path from ``SIRHP_AUDIT_DB``);
- ``journal``: append-only, hash-chained events and their queries;
- ``network``: ``client_address(request)`` (trusted proxies only);
- ``api``: ``log_event()`` fills who / when / what / from where;
- ``subscribers``: publication, content, workflow and login events;
- ``reasons``: the reason asked before showing medical fields;
- ``hooks``: the journal and the reasons, as utilities the domain API
  asks (``sirhp.content.base.hooks``);
- ``browser``, ``services``: the viewer ``@@journal``, CSV export,
  ``@audit-log``, ``@@mes-consultations``.
"""
