"""Scanned documents in the records office: the pages (document, previews,
cover sheets, batch filing, holding area: ``views.py``; search:
``search.py``) and who sees a restricted document (``security.py``). They
call ``sirhp.content.documents.api``."""
