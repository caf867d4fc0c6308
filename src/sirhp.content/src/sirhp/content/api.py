"""A small plone.api-style facade over SIRHP content, for views and services."""

from sirhp.content.content.records import parent_file  # noqa: F401 (re-export)
from sirhp.content.vocabularies.units import find_agency  # noqa: F401 (re-export)

COMMANDERS_GROUP_PREFIX = "commanders-"


def commanders_group_id(unit) -> str:
    """Id of the group whose members command ``unit`` (and see its staff)."""
    return f"{COMMANDERS_GROUP_PREFIX}{unit.UID()}"
