"""``@audit-log``."""
