"""Annual evaluation: the workflow's guards and handlers, the access table."""
