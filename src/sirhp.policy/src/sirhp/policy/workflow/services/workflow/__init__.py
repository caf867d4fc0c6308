"""``@workflow`` on SIRHP content."""
