"""``@users`` (its ``reset-password`` part)."""
