"""Change requests (demandes de modification): validated content changes
only through a request that a second person approves.

- ``content``: the ``ChangeRequest`` type, which fields a request may change;
- ``rules``: pure rules (justification, values, comparison);
- ``api``: propose, compare, approve, the review queue (``values``: field
  values, parsing, display and masking; ``queue``: what waits);
- ``serializer``, ``subscribers``, ``services/<endpoint>/``: REST and events.
"""
