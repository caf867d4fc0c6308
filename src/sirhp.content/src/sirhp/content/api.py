"""A small plone.api-style facade over SIRHP content, for views and services."""

from plone import api
from sirhp.content.content.records import parent_file  # noqa: F401 (re-export)
from sirhp.content.vocabularies.units import find_agency  # noqa: F401 (re-export)


def commanders_group_id(unit) -> str:
    """Id of the group whose members command ``unit`` (and see its staff)."""
    return f"commanders-{unit.UID()}"


def find_file_brain(matricule: str):
    """The catalog brain of the file with this matricule the caller may see."""
    results = api.content.find(portal_type="PersonnelFile", matricule=matricule)
    return results[0] if results else None
