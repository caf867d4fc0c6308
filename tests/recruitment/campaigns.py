"""A concours of the Police nationale as the tests create it (sous-officiers,
grade agent, fixed dates), by the user logged in."""

from datetime import date
from plone import api


def new_concours(portal, id, title, **extra):
    """Create ``id`` in the Police nationale (``extra`` overrides)."""
    values = {
        "corps": "sous-officiers",
        "grade": "agent",
        "posts": 3,
        "quotas": ["segou|2", "kayes|1"],
        "shortfall_rule": "national",
        "start": date(2026, 11, 1),
        "end": date(2026, 12, 31),
        **extra,
    }
    return api.content.create(
        container=portal["police-nationale"],
        type="RecruitmentCampaign",
        id=id,
        title=title,
        **values,
    )
