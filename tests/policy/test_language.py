"""French first, English second: the user chooses (issue 1 of the brief:
"the interface speaks French first, English second")."""

from plone import api
import requests
from sirhp.policy.upgrades.v1006 import upgrade
import transaction


def test_french_by_default_even_for_an_english_browser(functional, testdata):
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    page = requests.get(
        file.absolute_url(),
        auth=("clerk.pn", testdata.PASSWORD),
        headers={"Accept-Language": "en-US,en;q=0.9"},
        timeout=30,
    ).text
    assert 'lang="fr"' in page
    assert "Actes de carrière" in page
    assert "set_language=en" in page  # the language selector offers English


def test_user_switches_to_english_and_back(functional, testdata):
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    english = session.get(f"{file.absolute_url()}?set_language=en", timeout=30)
    assert 'lang="en"' in english.text
    assert "Career events" in english.text
    assert session.cookies.get("I18N_LANGUAGE") == "en"
    # the choice is kept
    again = session.get(file.absolute_url(), timeout=30).text
    assert "Career events" in again
    french = session.get(f"{file.absolute_url()}?set_language=fr", timeout=30)
    assert "Actes de carrière" in french.text


def test_unknown_language_ignored(functional, testdata):
    base = functional["portal"].absolute_url()
    page = requests.get(
        f"{base}?set_language=de", auth=("clerk.pn", testdata.PASSWORD), timeout=30
    ).text
    assert 'lang="fr"' in page


def test_upgrade_1006(portal):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("plone.available_languages", ["fr"])
        api.portal.set_registry_record("plone.use_cookie_negotiation", False)
        upgrade(portal.portal_setup)
        upgrade(portal.portal_setup)  # re-runnable
    assert api.portal.get_registry_record("plone.available_languages") == ["fr", "en"]
    assert api.portal.get_registry_record("plone.use_cookie_negotiation") is True
    assert api.portal.get_registry_record("plone.use_request_negotiation") is False
    transaction.abort()
