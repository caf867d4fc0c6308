"""Shared pieces below every feature of sirhp.policy.

Features (``files``, ``changes``, ``badges``, ``documents``, ``audit``,
``login``...) import from here, never from each other's views; nothing here
imports a feature.

- ``views``: ``SirhpView`` (the base of every page), labels, dates,
  permission helpers.
"""
