"""``sirhp: View retirements`` on the Police nationale, for every persona of
the access table: in process (the permission map) and over HTTP (page and
endpoint), against ``sirhp.policy.retirement.access``."""

from plone import api
import pytest
import requests
from sirhp.content.permissions import ViewRetirements
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.retirement.access import RETIREMENT_READERS
from tests.security.planted import log_in_as
from tests.security.planted import login_of


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_map(portal, persona):
    log_in_as(portal, persona)
    agency = portal["police-nationale"]
    allowed = api.user.has_permission(ViewRetirements, obj=agency)
    assert allowed is (persona in RETIREMENT_READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_http(functional, testdata, persona):
    url = functional["portal"]["police-nationale"].absolute_url()
    user = login_of(persona)
    auth = (user, testdata.PASSWORD) if user else None
    for path in ("@retirements", "@@departs-retraite"):
        response = requests.get(
            f"{url}/{path}",
            auth=auth,
            headers={"Accept": "application/json"},
            allow_redirects=False,
            timeout=30,
        )
        if persona in RETIREMENT_READERS:
            assert response.status_code == 200, (path, response.status_code)
        else:
            assert response.status_code in (401, 403), (path, response.status_code)
