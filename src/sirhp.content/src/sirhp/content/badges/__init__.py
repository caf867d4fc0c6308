"""The badge domain: cards (cartes professionnelles), print batches, ID photos.

``content.py`` (types), ``rules.py`` (pure rules), ``api.py`` (what views and
services call), ``image.py`` and ``card*.py`` (Pillow and reportlab),
``verification.py`` (the public check), ``services/`` (REST).
"""
