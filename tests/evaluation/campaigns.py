"""The evaluation campaign the tests open: the Police nationale's 2026
campaign (one criterion, fixed dates), created by its HR manager."""

from datetime import date
from plone.app.testing import login
from sirhp.content.evaluation import api as evaluation_api


def new_campaign(portal):
    """Create the campaign as ``hrmanager.pn`` (who stays logged in)."""
    login(portal, "hrmanager.pn")
    return evaluation_api.create_campaign(
        agency=portal["police-nationale"],
        year=2026,
        grid={"discipline": 100},
        evaluation_deadline=date(2026, 12, 15),
    )
