"""An agency's pages of HR objects (``sirhp.policy.base.agency_list``):
``@@campagnes-evaluation``, ``@@tableaux-avancement`` and
``@@campagnes-recrutement``. Who may open each one (in process and over
HTTP, every persona), what it lists (the catalog's entries the user may
find, newest first) and who sees the add button. Who may open each one
over HTTP: the access tables (operation ``agency_list``)."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
import pytest
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.base.access import RECRUITER
from tests.evaluation.campaigns import new_campaign
from tests.recruitment.campaigns import new_concours
from tests.security.planted import log_in_as
from zExceptions import Unauthorized

# page -> (the listed type, who may open it, who sees "add")
PAGES = {
    "campagnes-evaluation": ("EvaluationCampaign", HR | AUDITOR | ADMIN, HR),
    "tableaux-avancement": ("PromotionTable", HR | AUDITOR | ADMIN, HR | ADMIN),
    "campagnes-recrutement": (
        "RecruitmentCampaign",
        RECRUITER | HR | AUDITOR | ADMIN,
        RECRUITER | HR | ADMIN,
    ),
}


@pytest.fixture
def objects(portal):
    """One of each listed type in the Police nationale, and a second
    campaign, created later, to show the order."""
    agency = portal["police-nationale"]
    first = new_campaign(portal)  # as hrmanager.pn
    second = evaluation_api.create_campaign(
        agency=agency,
        year=2027,
        grid={"discipline": 100},
        evaluation_deadline=date(2027, 12, 15),
    )
    second.creation_date = first.creation_date + 1
    second.reindexObject()
    table = api.content.create(
        container=agency,
        type="PromotionTable",
        id="tableau",
        target_grade="officier-1",
        year=2026,
        posts=1,
    )
    login(portal, "recruiter.pn")
    concours = new_concours(portal, "concours-2026", "Concours d'inspecteurs 2026")
    logout()
    return {"campaigns": (second, first), "table": table, "concours": concours}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_each_page_and_add(portal, objects, persona):
    agency = portal["police-nationale"]
    log_in_as(portal, persona)
    for name, (_type, readers, adders) in PAGES.items():
        if persona not in readers:
            with pytest.raises(Unauthorized):
                agency.restrictedTraverse(f"@@{name}")
            continue
        view = agency.restrictedTraverse(f"@@{name}")
        assert "<table" in view(), name
        add = view.add_url()
        assert (add is not None) is (persona in adders), (name, add)


def test_what_each_page_lists(portal, objects):
    agency = portal["police-nationale"]
    login(portal, "hrmanager.pn")
    campaigns = agency.restrictedTraverse("@@campagnes-evaluation")
    second, first = objects["campaigns"]
    # newest first, each linked to its follow-up; no state (one state)
    assert [item["url"] for item in campaigns.items()] == [
        f"{second.absolute_url()}/@@suivi-campagne",
        f"{first.absolute_url()}/@@suivi-campagne",
    ]
    html = campaigns()
    assert "sirhp-state" not in html and "++add++EvaluationCampaign" in html
    tables = agency.restrictedTraverse("@@tableaux-avancement")
    [item] = tables.items()
    assert item["url"] == objects["table"].absolute_url()
    assert item["review_state"] == "draft"
    html = tables()
    assert "Brouillon" in html  # the state, in French
    assert f"{agency.absolute_url()}/@@equite" in html  # the fairness page
    concours = agency.restrictedTraverse("@@campagnes-recrutement")
    [item] = concours.items()
    assert item["title"] == "Concours d'inspecteurs 2026"
    assert item["state"]  # the workflow's title of the state
    # the other agency has none of them
    ocs = portal["ocs"]
    login(portal, "hrmanager.ocs")
    for name in PAGES:
        view = ocs.restrictedTraverse(f"@@{name}")
        assert view.items() == []
        assert 'class="sirhp-empty"' in view()


def test_the_list_reads_the_catalog_only(portal, objects, monkeypatch):
    """No object is loaded: the entries' metadata are enough."""
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    def refused(self, *args, **kwargs):
        raise AssertionError("object loaded")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", refused)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", refused)
    login(portal, "hrmanager.pn")
    agency = portal["police-nationale"]
    for name in PAGES:
        assert agency.restrictedTraverse(f"@@{name}").items()
