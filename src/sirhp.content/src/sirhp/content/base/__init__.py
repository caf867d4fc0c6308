"""Shared pieces below every domain of sirhp.content.

Nothing here imports a domain (``changes``, ``badges``, ``documents``...) or
``sirhp.policy``: the domains build on these modules, never the reverse.

- ``errors``: ``SirhpError``, the one exception base of the domain API;
- ``rest``: the one REST error helper and the ``Service`` base class;
- ``hooks``: what the domain API asks of the site policy (journal,
  consultation reasons), as component interfaces the policy provides;
- ``dates``: dates as SIRHP shows them (waiting time of a queue).
"""
