"""Numbered upgrade steps of the sirhp.policy profile (1002: ``v1002.py``)."""
