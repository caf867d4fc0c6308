"""Change requests (demandes de modification): validated content changes
only through a request that a second person approves.

- ``content``: the ``ChangeRequest`` type; which fields a request may change
  and who may propose them (field permissions);
- ``rules``: pure rules (justification, values, comparison), no Zope;
- ``api``: the domain API (propose, the officer's « Mon dossier », the
  review queue), re-exporting ``values`` (values typed, checked, shown,
  masked), ``review`` (diff, conflicts, approval) and ``queue``; refusals
  are ``errors.ChangeError`` / ``ChangeForbidden``;
- ``attachment``: the supporting scan, checked as scanned documents;
- ``serializer``, ``subscribers``, ``services/<endpoint>/``: JSON, events,
  REST (``PATCH``, ``@change-requests``, ``@change-diff``).

The pages and the workflow's guards are in ``sirhp.policy.changes``.
"""
