"""Change requests (demandes de modification): the pages (edit-or-propose
form, request page, review queue « À valider », « Mon dossier ») and the
workflow's guards and handlers. The type, its rules, its API and its REST
services are in ``sirhp.content.changes``."""
