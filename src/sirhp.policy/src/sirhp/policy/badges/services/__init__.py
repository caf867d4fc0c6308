"""REST endpoints of the badge pages, one folder each."""
