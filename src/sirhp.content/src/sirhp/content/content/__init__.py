"""Dexterity content types of SIRHP: one module per type (schema + class)."""

# Imported for its effect: only administrators may switch versioning off.
from sirhp.content.content import versioning  # noqa: F401
