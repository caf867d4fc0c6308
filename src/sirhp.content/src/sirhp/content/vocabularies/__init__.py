"""Named vocabularies of SIRHP.

Fixed lists (sex, status, regions, languages, ...) live in ``fixed.py``; the
lists HR managers edit (corps, grades, skills, document types) are read from
the registry (``IHRVocabularies``) in ``hr.py``.
"""
