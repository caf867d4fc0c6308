"""REST endpoints of the audit journal, one folder each."""
