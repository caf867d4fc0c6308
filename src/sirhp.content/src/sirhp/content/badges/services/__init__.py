"""REST endpoints of the badge domain, one folder each."""
