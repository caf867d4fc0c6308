"""``@search``."""
