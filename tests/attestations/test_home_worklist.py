"""The home page leads each role to its work: an HR manager finds the
certificates waiting to be issued, the register, the dashboard and the
staff finder of his agency; a records clerk and the officer find none of
them; the register links each row to the document."""

import requests
from tests.attestations.helpers import requested
import transaction


def _home(functional, testdata, user):
    return requests.get(
        functional["portal"].absolute_url(),
        auth=(user, testdata.PASSWORD),
        timeout=60,
    ).text


def test_hr_manager_finds_the_requests_and_the_tools(functional, testdata):
    portal = functional["portal"]
    document = requested(portal, testdata)
    url = document.absolute_url()
    transaction.commit()
    page = _home(functional, testdata, "hrmanager.pn")
    assert 'id="attestations-a-delivrer"' in page
    assert url in page
    for link in (
        "@@tableau-de-bord",
        "@@recherche-deploiement",
        "@@registre-attestations",
    ):
        assert f"police-nationale/{link}" in page, link
    register = requests.get(
        f"{portal.absolute_url()}/police-nationale/@@registre-attestations",
        params={"state": "requested"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        timeout=60,
    ).text
    assert f'class="register-open" href="{url}"' in register
    for user in ("clerk.pn", testdata.FILES["pn_validated"], "hrmanager.ocs"):
        page = _home(functional, testdata, user)
        assert 'id="attestations-a-delivrer"' not in page, user
        assert url not in page, user
        assert "police-nationale/@@tableau-de-bord" not in page, user
