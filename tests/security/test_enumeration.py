"""No enumeration of users or groups by staff or anonymous users."""

import pytest
import requests

JSON = {"Accept": "application/json"}
PATHS = [
    "/@users",
    "/@users/clerk.ocs",
    "/@groups",
    "/@groups/ocs-clerks",
    "/@principals?search=ocs",
    "/@vocabularies/plone.app.vocabularies.Users?title=ocs",
    "/@vocabularies/plone.app.vocabularies.Principals?title=ocs",
    "/@vocabularies/plone.app.vocabularies.Groups",
    "/@@getVocabulary?name=plone.app.vocabularies.Users&query=ocs",
    "/@@getVocabulary?name=plone.app.vocabularies.Principals&query=ocs",
]


@pytest.mark.parametrize(
    "login",
    [None, "clerk.pn", "reviewer.pn", "hrmanager.pn", "commander.pn", "auditor"],
)
@pytest.mark.parametrize("path", PATHS)
def test_no_enumeration(functional, testdata, login, path):
    base = functional["portal"].absolute_url()
    auth = (login, testdata.PASSWORD) if login else None
    response = requests.get(base + path, auth=auth, headers=JSON, timeout=30)
    if path.startswith("/@@getVocabulary") and response.status_code == 200:
        # the Classic UI widget endpoint answers 200 with an error, no data
        assert response.json().get("error")
    else:
        assert response.status_code in (401, 403)
    assert "Maïga" not in response.text and "Ma\\u00efga" not in response.text
    assert "clerk.ocs" not in response.text or path.endswith("clerk.ocs")


def test_manager_still_manages_users(functional):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    base = functional["portal"].absolute_url()
    response = requests.get(
        base + "/@users",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 200
    users = response.json()
    users = users.get("items", users) if isinstance(users, dict) else users
    assert any(user["id"] == "clerk.ocs" for user in users)


@pytest.mark.parametrize("path", ["/@querystring", "/@@qsOptions"])
@pytest.mark.parametrize("login", ["clerk.pn", "hrmanager.pn", "auditor"])
def test_querystring_vocabularies_list_no_user(functional, testdata, login, path):
    """The collection/querystring options (indexes and their vocabularies,
    "Creator" included) name no account of the site."""
    base = functional["portal"].absolute_url()
    response = requests.get(
        base + path, auth=(login, testdata.PASSWORD), headers=JSON, timeout=30
    )
    assert response.status_code == 200  # staff may build listings
    assert "Creator" in response.text  # the index is offered, with no values
    for account in ("clerk.ocs", "reviewer.ocs", "hrmanager.ocs", "siteadmin"):
        assert account not in response.text
    assert "Maïga" not in response.text and "Ma\\u00efga" not in response.text


def test_querystring_closed_to_anonymous(functional):
    base = functional["portal"].absolute_url()
    response = requests.get(base + "/@querystring", headers=JSON, timeout=30)
    assert response.status_code == 401
