"""REST endpoints of scanned documents: one folder per endpoint, one module
per HTTP verb, each a thin caller of ``sirhp.content.documents.api``."""
