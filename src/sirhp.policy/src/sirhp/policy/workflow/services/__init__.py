"""REST endpoints of the record workflow, one folder each."""
