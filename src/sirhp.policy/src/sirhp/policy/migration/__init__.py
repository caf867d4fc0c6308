"""Whole-site migration with collective.exportimport: export to one folder,
import into a fresh SIRHP site, all or nothing (``scripts/migrate.py``)."""
