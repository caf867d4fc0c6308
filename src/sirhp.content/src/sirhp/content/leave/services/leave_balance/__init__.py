"""``@leave-balance``: a file's leave balances for a year (GET)."""
