"""Numbered upgrade steps of the sirhp.content profile (none since 1000)."""
