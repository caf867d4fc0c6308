"""Dexterity content types of SIRHP: one module per type (schema + class)."""
