"""Leave and absences: the workflow's guards and handlers, the pages.
The type, its API and its REST services: ``sirhp.content.leave``."""
