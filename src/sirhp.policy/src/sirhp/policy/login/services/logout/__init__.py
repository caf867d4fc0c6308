"""``@logout``."""
