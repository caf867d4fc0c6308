"""REST endpoints of the hardening feature, one folder each."""
