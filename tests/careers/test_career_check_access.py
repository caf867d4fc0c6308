"""``sirhp: Check careers`` on the site and on the Police nationale, for
every persona of the access table: in process (the permission map) and over
HTTP (page and endpoint), against ``sirhp.policy.careers.access``."""

from plone import api
import pytest
import requests
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.careers import consistency
from sirhp.content.permissions import CheckCareers
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.careers.access import AGENCY_CHECKERS
from sirhp.policy.careers.access import SITE_CHECKERS
from tests.security.planted import log_in_as
from tests.security.planted import login_of
import transaction

PATHS = ("@career-check", "@@controle-carrieres")


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_map(portal, persona):
    log_in_as(portal, persona)
    agency = portal["police-nationale"]
    assert api.user.has_permission(CheckCareers, obj=agency) is (
        persona in AGENCY_CHECKERS
    )
    assert api.user.has_permission(CheckCareers, obj=portal) is (
        persona in SITE_CHECKERS
    )
    if persona not in SITE_CHECKERS:
        with pytest.raises(SirhpForbidden):
            consistency.check()


@pytest.mark.parametrize("persona", PERSONAS)
def test_http(functional, testdata, persona):
    portal = functional["portal"]
    user = login_of(persona)
    auth = (user, testdata.PASSWORD) if user else None
    for base, allowed in (
        (portal.absolute_url(), SITE_CHECKERS),
        (portal["police-nationale"].absolute_url(), AGENCY_CHECKERS),
    ):
        for path in PATHS:
            response = requests.get(
                f"{base}/{path}",
                auth=auth,
                headers={"Accept": "application/json"},
                allow_redirects=False,
                timeout=30,
            )
            if persona in allowed:
                assert response.status_code == 200, (base, path, response.status_code)
            else:
                assert response.status_code in (401, 403), (
                    base,
                    path,
                    response.status_code,
                )
                assert testdata.FILES["pn_validated"] not in response.text


def test_rest_lists_the_differences(functional, testdata):
    portal = functional["portal"]
    # a drift planted in each agency: a grade written behind the acts' back
    for name in ("pn_validated", "ocs_validated"):
        file = portal.unrestrictedTraverse(testdata.path_of(name))
        file.grade = "commissaire-divisionnaire"
        file.reindexObject()
    transaction.commit()
    url = portal["police-nationale"].absolute_url()
    response = requests.get(
        f"{url}/@career-check",
        params={"at": "2026-11-01"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200
    rows = response.json()
    assert isinstance(rows, list)
    # the agency's drift only
    matricules = {row["matricule"] for row in rows if row["field"] == "grade"}
    assert testdata.FILES["pn_validated"] in matricules
    assert testdata.FILES["ocs_validated"] not in matricules
    assert all(row["file"].startswith("/plone/police-nationale/") for row in rows)
    bad = requests.get(
        f"{url}/@career-check",
        params={"at": "01/11/2026"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert bad.status_code == 400 and "AAAA-MM-JJ" in bad.json()["message"]
