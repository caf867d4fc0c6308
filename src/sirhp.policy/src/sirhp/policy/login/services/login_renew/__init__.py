"""``@login-renew``."""
