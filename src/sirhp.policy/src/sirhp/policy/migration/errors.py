"""The refusal of a migration step, in French (the script prints it)."""

from sirhp.content.base.errors import SirhpError


class MigrationError(SirhpError):
    """An export or import that cannot be done: nothing was written."""
