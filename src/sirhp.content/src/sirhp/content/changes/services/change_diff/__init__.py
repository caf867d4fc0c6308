"""``@change-diff``: a request's values, field by field."""
