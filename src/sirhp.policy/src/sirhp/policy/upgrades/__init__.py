"""Numbered upgrade steps of the sirhp.policy profile (none since 1000)."""
