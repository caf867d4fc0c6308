"""Each SIRHP view refuses the people who should not reach it."""

import pytest
import requests


def get(base, path, login, testdata):
    auth = (login, testdata.PASSWORD) if login else None
    return requests.get(base + path, auth=auth, timeout=30, allow_redirects=False)


def refused(response):
    # Plone answers a denied page with a redirect to the login or
    # insufficient-privileges page (or 401/403/404)
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and (
        "require_login" in response.headers.get("Location", "")
        or "insufficient" in response.headers.get("Location", "")
    )


CASES = [
    # (path factory, login, allowed)
    (lambda t: f"/{t.path_of('pn_validated')}/@@historique", "clerk.pn", True),
    (lambda t: f"/{t.path_of('pn_validated')}/@@historique", "auditor", True),
    (lambda t: f"/{t.path_of('pn_validated')}/@@historique", "officer", False),
    (lambda t: f"/{t.path_of('pn_validated')}/@@historique", "commander.pn", False),
    (lambda t: f"/{t.path_of('pn_validated')}/@@historique", "clerk.ocs", False),
    (lambda t: f"/{t.path_of('pn_validated')}/@@historique", None, False),
    (lambda t: "/police-nationale", "clerk.pn", True),
    (lambda t: "/police-nationale", "clerk.ocs", False),
    (lambda t: "/police-nationale", "officer", False),
    (lambda t: "/police-nationale", "commander.pn", False),
    (lambda t: "/police-nationale", None, False),
    (lambda t: "/police-nationale/dr-bamako", "clerk.ocs", False),
    (lambda t: "/police-nationale/dr-bamako", "reviewer.pn", True),
    (
        lambda t: f"/{t.path_of('pn_pending')}/@@sirhp-transition?transition=validate",
        "reviewer.pn",
        True,
    ),
    (
        lambda t: f"/{t.path_of('pn_pending')}/@@sirhp-transition?transition=validate",
        "clerk.pn",
        False,
    ),
    (
        lambda t: f"/{t.path_of('pn_pending')}/@@sirhp-transition?transition=validate",
        "reviewer.ocs",
        False,
    ),
    (
        lambda t: f"/{t.path_of('pn_validated')}/@@sirhp-transition?transition=archive",
        "officer",
        False,
    ),
    (lambda t: f"/{t.path_of('pn_draft')}/++add++CareerEvent", "clerk.pn", True),
    (lambda t: f"/{t.path_of('pn_draft')}/++add++CareerEvent", "reviewer.pn", False),
    (
        lambda t: f"/{t.path_of('pn_validated')}/++add++ScannedDocument",
        "officer",
        False,
    ),
    (lambda t: "/police-nationale/++add++PersonnelFile", "clerk.ocs", False),
    (lambda t: "/police-nationale/++add++PersonnelFile", "auditor", False),
]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_view_access(functional, testdata, case):
    path_of, login, allowed = CASES[case]
    if login == "officer":
        login = testdata.FILES["pn_validated"]
    base = functional["portal"].absolute_url()
    response = get(base, path_of(testdata), login, testdata)
    if allowed:
        assert response.status_code == 200, (path_of(testdata), login)
    else:
        assert refused(response), (path_of(testdata), login, response.status_code)
