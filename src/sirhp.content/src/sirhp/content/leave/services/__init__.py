"""Leave REST services: one folder per endpoint."""
