"""``@leave``: request leave on a personnel file (POST)."""
