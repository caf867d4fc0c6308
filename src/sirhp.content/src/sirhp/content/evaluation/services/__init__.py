"""REST services of the evaluation domain: one folder per endpoint."""
