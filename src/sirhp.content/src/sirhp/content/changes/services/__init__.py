"""REST of change requests: one folder per endpoint, one module per verb."""
