"""REST endpoints of the login feature, one folder each."""
