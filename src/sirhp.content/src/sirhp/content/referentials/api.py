"""The référentiels as the site has them: ``tables(at=...)``.

Stored as versions in the registry record ``sirhp.referentials.versions``
(JSON); an empty record means the shipped defaults
(``referentials.defaults``). The control panel adds versions.
"""

from datetime import date
import json
from plone import api
from sirhp.content.referentials import defaults
from sirhp.content.referentials import rules

RECORD = "sirhp.referentials.versions"


def versions():
    """Every version, oldest first; the shipped tables when none is stored."""
    raw = api.portal.get_registry_record(RECORD, default=None)
    stored = json.loads(raw) if raw else []
    if not stored:
        return [{"effective": defaults.FIRST_EFFECTIVE, "tables": defaults.tables()}]
    return sorted(stored, key=lambda v: v["effective"])


def tables(*, at=None):
    """The tables ``{kind: {code: {...}}}`` in force on ``at`` (default:
    today; before the first version, the first version).

    :param at: a ``date``.
    :returns: dict.
    """
    at = at or date.today()
    all_versions = versions()
    version = rules.version_at(all_versions, at) or all_versions[0]
    return version["tables"]
