"""Opening a campaign: its evaluations created in one action by the
agency's HR manager — the page @@ouvrir-campagne (a confirmation, then the
button) and POST @evaluations call the same API, which journals how many
were created; anyone else is refused on both channels and nothing is
created."""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.base.errors import SirhpError
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.evaluation import opening
from sirhp.policy.audit.journal import EVALUATION_OPENED
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.evaluation.access import CAMPAIGN
from tests.evaluation.campaigns import new_campaign
from tests.scripts import load_script
from tests.security.audit_helpers import pending
from tests.security.planted import log_in_as
import transaction

REFUSED = (
    "clerk.pn",
    "reviewer.pn",
    "commander.pn",
    "auditor",
    "hrmanager.ocs",
    "siteadmin",  # may not add an evaluation in a file
)


def _created(portal, campaign):
    return len(
        portal.portal_catalog.unrestrictedSearchResults(
            portal_type="Evaluation", getId=evaluation_api.evaluation_id(campaign)
        )
    )


def test_whoever_the_table_lets_open_opens_a_populated_campaign(portal, testdata):
    """The access table's ``open`` cell is asked on a campaign of nobody;
    here every persona it allows opens one with a population (the add
    permission in each file is asked too), and those it refuses are."""
    for number, persona in enumerate(PERSONAS):
        login(portal, "hrmanager.pn")
        campaign = evaluation_api.create_campaign(
            agency=portal["police-nationale"],
            year=2200 + number,
            grid={"discipline": 100},
            evaluation_deadline=date(2026, 12, 15),
        )
        log_in_as(portal, persona)
        if CAMPAIGN.allowed(persona, "internal", "open"):
            assert evaluation_api.open_campaign(campaign=campaign) >= 2, persona
        else:
            with pytest.raises(Unauthorized):
                evaluation_api.open_campaign(campaign=campaign)
            assert _created(portal, campaign) == 0, persona


def test_hr_manager_opens_once_and_it_is_journaled(portal, testdata):
    campaign = new_campaign(portal)
    expected = len(evaluation_api.population(campaign=campaign))
    assert expected >= 2
    count = evaluation_api.open_campaign(campaign=campaign)
    assert count == expected == _created(portal, campaign)
    events = pending(EVALUATION_OPENED)  # written at the commit
    assert events[0]["user_id"] == "hrmanager.pn"
    assert f"{count} évaluation(s)" in events[0]["detail"]
    assert evaluation_api.open_campaign(campaign=campaign) == 0  # idempotent


@pytest.mark.parametrize("user", REFUSED + (None,))
def test_others_may_not_open(portal, testdata, user):
    campaign = new_campaign(portal)
    login(portal, user or testdata.FILES["pn_validated"])
    with pytest.raises(Unauthorized):
        evaluation_api.open_campaign(campaign=campaign)
    assert _created(portal, campaign) == 0


@pytest.fixture
def site(functional):
    return functional["portal"]


def _session(name, password):
    session = requests.Session()
    session.auth = (name, password)
    return session


def test_both_channels(site, testdata):
    campaign = new_campaign(site)
    url = campaign.absolute_url()
    transaction.commit()
    for name in (*REFUSED, testdata.FILES["pn_validated"]):
        with _session(name, testdata.PASSWORD) as session:
            rest = session.post(
                f"{url}/@evaluations", headers={"Accept": "application/json"}
            )
            assert rest.status_code in (401, 403), (name, rest.status_code)
            page = session.get(f"{url}/@@ouvrir-campagne", allow_redirects=False)
            assert page.status_code in (302, 401, 403), (name, page.status_code)
            if page.status_code == 302:
                assert "login" in page.headers["Location"]
    transaction.begin()
    assert _created(site, campaign) == 0
    with _session("hrmanager.pn", testdata.PASSWORD) as hr:
        page = hr.get(f"{url}/@@ouvrir-campagne")
        assert page.status_code == 200
        assert "Créer les évaluations" in page.text
        token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
        opened = hr.post(
            f"{url}/@@ouvrir-campagne", data={"open": "1", "_authenticator": token}
        )
        assert opened.status_code == 200
        assert opened.url.endswith("/@@suivi-campagne")
        assert "évaluation(s) créée(s)" in opened.text
        again = hr.post(f"{url}/@evaluations", headers={"Accept": "application/json"})
        assert again.status_code == 200, again.text
        assert again.json()["created"] == 0
    transaction.begin()
    assert _created(site, campaign) >= 2
    assert api.content.get_state(campaign) is not None


def test_parts_cover_the_population_once(portal, testdata):
    """An opening by parts (one transaction each, several clients in
    parallel) creates what the whole opening creates, each officer once,
    and a part sent again creates nothing."""
    campaign = new_campaign(portal)
    paths = evaluation_api.population_paths(campaign=campaign)
    assert len(paths) >= 2 and paths == sorted(paths)
    assert opening.chunk_count(len(paths), 1) == len(paths)
    assert evaluation_api.open_campaign(campaign=campaign, chunk=1, chunk_size=1) == 1
    assert evaluation_api.open_campaign(campaign=campaign, chunk=1, chunk_size=1) == 0
    name = evaluation_api.evaluation_id(campaign)
    assert name in portal.unrestrictedTraverse(paths[1])
    assert name not in portal.unrestrictedTraverse(paths[0])
    for chunk in range(len(paths)):
        evaluation_api.open_campaign(campaign=campaign, chunk=chunk, chunk_size=1)
    assert _created(portal, campaign) == len(paths)
    assert evaluation_api.open_campaign(campaign=campaign) == 0
    details = [event["detail"] for event in pending(EVALUATION_OPENED)]
    assert "1 évaluation(s) créée(s) (partie 2, 1 dossiers par partie)" in details


@pytest.mark.parametrize(
    "chunk, size", [(99, 500), (-1, 500), (0, 0), (0, 5001), ("0", 500), (True, 1)]
)
def test_a_part_that_does_not_exist_is_refused(portal, testdata, chunk, size):
    campaign = new_campaign(portal)
    with pytest.raises(SirhpError) as refused:
        evaluation_api.open_campaign(campaign=campaign, chunk=chunk, chunk_size=size)
    assert "Partie invalide" in refused.value.text(portal.REQUEST)
    assert _created(portal, campaign) == 0


def test_parts_in_parallel_over_http(site, testdata):
    """``scripts/open_campaign.py`` sends the parts two at a time; a part
    that does not exist is a French 400; the wrong person is refused a
    part as the whole."""
    campaign = new_campaign(site)
    url = campaign.absolute_url()
    population = len(evaluation_api.population_paths(campaign=campaign))
    transaction.commit()
    with _session("clerk.pn", testdata.PASSWORD) as clerk:
        refused = clerk.post(
            f"{url}/@evaluations",
            json={"chunk": 0},
            headers={"Accept": "application/json"},
        )
        assert refused.status_code in (401, 403)
    with _session("hrmanager.pn", testdata.PASSWORD) as hr:
        bad = hr.post(
            f"{url}/@evaluations",
            json={"chunk": population, "chunk_size": 1},
            headers={"Accept": "application/json"},
        )
        assert bad.status_code == 400
        assert bad.json()["message"].startswith("Partie invalide")
    summary = open_script().run(
        url, auth=("hrmanager.pn", testdata.PASSWORD), parallel=2, chunk_size=1
    )
    assert summary["created"] == summary["population"] == population
    assert summary["parts"] == population
    transaction.begin()
    assert _created(site, campaign) == population


def open_script():
    return load_script("scripts/open_campaign.py", "open_campaign")
