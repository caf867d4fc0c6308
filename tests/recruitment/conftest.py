"""A recruitment campaign of the Police nationale, added by its recruitment
officer (recruiter.pn), with quotas for Ségou and Kayes."""

from datetime import date
import io
from openpyxl import Workbook
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.recruitment import api as recruitment
from tests.recruitment.campaigns import new_concours

NINAS = ("123456789012345", "ABCDEFGHIJ12345", "ZZZZZZZZZZ00001")


def workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def candidate_data(nina, **extra):
    return {
        "last_name": "Traoré",
        "first_names": "Awa",
        "nina": nina,
        "sex": "F",
        "birth_date": date(2000, 5, 1),
        "region_of_origin": "segou",
        **extra,
    }


def set_state(campaign, state):
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").setStatusOf(
            "sirhp_recruitment_workflow",
            campaign,
            {"review_state": state, "action": None, "actor": "test", "time": None},
        )
        api.portal.get_tool("portal_workflow").getWorkflowById(
            "sirhp_recruitment_workflow"
        ).updateRoleMappingsFor(campaign)
        campaign.reindexObjectSecurity()


@pytest.fixture
def campaign(portal, testdata):
    login(portal, "recruiter.pn")
    return new_concours(
        portal, "concours", "Concours d'inspecteurs 2026", sex_quotas=["F|1"]
    )


@pytest.fixture
def candidates(campaign):
    """Three candidates: two from Ségou (F, M), one from Kayes (M)."""
    return [
        recruitment.add_candidate(campaign=campaign, **candidate_data(NINAS[0])),
        recruitment.add_candidate(
            campaign=campaign,
            **candidate_data(NINAS[1], sex="M", first_names="Moussa"),
        ),
        recruitment.add_candidate(
            campaign=campaign,
            **candidate_data(NINAS[2], sex="M", region_of_origin="kayes"),
        ),
    ]
