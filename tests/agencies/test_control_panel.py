"""@@sirhp-agences: only the site's administrators add an agency (in the
panel and over REST, ``sirhp: Add Agency``); each malformed or taken value
is refused in French beside its field, and nothing is stored."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.protect.authenticator import createToken
import pytest
import requests
from sirhp.content.interfaces import ISirhpContentLayer
from sirhp.content.permissions import AddAgency
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zope.i18n import translate
from zope.interface import alsoProvides

GOOD = {
    "id": "protection-civile-test",
    "title": "Service test",
    "short_name": "STS",
    "primary_color": "#A01B2C",
    "matricule_prefix": "5",
}
HOLDERS = {
    "siteadmin": True,
    "hrmanager.pn": False,
    "hrmanager.ocs": False,
    "clerk.pn": False,
    "reviewer.pn": False,
    "recruiter.pn": False,
    "commander.pn": False,
    "auditor": False,
}


@pytest.mark.parametrize("user", sorted(HOLDERS))
def test_who_adds_agencies(portal, user):
    places = (portal, portal["police-nationale"], portal["ocs"])
    granted = [api.user.has_permission(AddAgency, username=user, obj=p) for p in places]
    assert granted == [HOLDERS[user]] * 3


def test_agency_addable_at_the_site_root_only(portal):
    types = api.portal.get_tool("portal_types")
    assert types["Plone Site"].allowType("Agency")
    assert not types["Agency"].allowType("Agency")
    assert not types["Agency"].globalAllow()
    assert types["Plone Site"].allowType("Document")  # the others unchanged


def _panel(portal, values):
    request = portal.REQUEST
    alsoProvides(request, ISirhpContentLayer, ISirhpPolicyLayer)
    login(portal, "siteadmin")
    request.method = "POST"
    request.form.clear()
    request.form.update(values, _authenticator=createToken())
    view = api.content.get_view("sirhp-agences", portal, request)
    view()
    return view


def _stored(portal):
    return (
        sorted(portal.objectIds("Dexterity Container")),
        sorted(g.getId() for g in api.group.get_groups() if "-" in g.getId()),
    )


def test_refusals_in_french_nothing_stored(portal):
    before = _stored(portal)
    view = _panel(
        portal,
        {
            "id": "Service Test",
            "title": "",
            "short_name": "OCS",
            "primary_color": "#12345",
            "matricule_prefix": "85",
        },
    )
    assert view.errors == {
        "id": "Identifiant invalide : lettres minuscules sans accent, chiffres et "
        "tirets, commençant par une lettre (ex. protection-civile), 40 caractères "
        "au plus.",
        "title": "Le nom est obligatoire.",
        "short_name": "Le sigle OCS est déjà celui de l'agence Office Central des "
        "Stupéfiants.",
        "primary_color": "Couleur invalide : #RRGGBB attendu (ex. #1F3A93).",
        "matricule_prefix": "Le préfixe 85 chevauche le préfixe 8 de l'agence "
        "Office Central des Stupéfiants : leurs matricules se confondraient.",
    }
    assert view.values["id"] == "Service Test"  # given back to correct
    view = _panel(portal, {**GOOD, "id": "ocs", "matricule_prefix": "1a"})
    assert view.errors == {
        "id": "L'identifiant ocs est déjà pris.",
        "matricule_prefix": "Préfixe des matricules invalide : 1 à 3 chiffres.",
    }
    assert _stored(portal) == before
    logout()


def test_the_panel_adds_an_agency(portal):
    view = _panel(portal, GOOD)
    assert view.errors == {}
    agency = portal[GOOD["id"]]
    assert (agency.short_name, agency.primary_color) == ("STS", "#A01B2C")
    assert (agency.matricule_prefix, agency.matricule_next) == ("5", 500000)
    assert api.content.get_state(agency) == "internal"
    for suffix, role in (
        ("clerks", "RecordsClerk"),
        ("recruitment", "RecruitmentOfficer"),
    ):
        group = f"{GOOD['id']}-{suffix}"
        assert api.group.get(groupname=group) is not None
        assert dict(agency.get_local_roles())[group] == (role,)
    assert GOOD["id"] in [row["id"] for row in view.agencies()]
    logout()


@pytest.fixture
def base(functional):
    return functional["portal"].absolute_url()


def test_refused_over_http(base, testdata):
    """The page and the REST channel, to the wrong person: refused, nothing
    added; the administrator gets the page."""
    page = f"{base}/@@sirhp-agences"
    for login_name in ("hrmanager.pn", "clerk.pn", None):
        session = requests.Session()
        if login_name:
            session.auth = (login_name, testdata.PASSWORD)
        with session:
            shown = session.get(page, timeout=30, allow_redirects=False)
            assert shown.status_code in (302, 401, 403, 404), (login_name, shown)
            assert "nouvelle-agence" not in shown.text
            # Plone's "Add new" route to the panel is refused to them too
            added = session.get(
                f"{base}/++add++Agency", timeout=30, allow_redirects=False
            )
            assert added.status_code in (302, 401, 403, 404), (login_name, added)
            assert added.headers.get("Location") != page
            posted = session.post(
                base,
                json={"@type": "Agency", **GOOD},
                headers={"Accept": "application/json"},
                timeout=30,
            )
            assert posted.status_code in (401, 403), (login_name, posted.text)
    with requests.Session() as admin:
        admin.auth = ("siteadmin", testdata.PASSWORD)
        shown = admin.get(page, timeout=30)
        assert shown.status_code == 200
        assert 'id="agence-police-nationale"' in shown.text
        assert 'id="nouvelle-agence"' in shown.text
        # Plone's "Add new" menu leads to the panel, not the generic form
        added = admin.get(f"{base}/++add++Agency", timeout=30, allow_redirects=False)
        assert added.status_code == 302
        assert added.headers["Location"] == page
        # REST refuses what the panel refuses, in the same words
        bad = admin.post(
            base,
            json={"@type": "Agency", **GOOD, "primary_color": "rouge"},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert bad.status_code == 400
        assert bad.json()["message"] == (
            "Couleur invalide : #RRGGBB attendu (ex. #1F3A93)."
        )
        assert admin.get(f"{base}/{GOOD['id']}", timeout=30).status_code == 404


EDITED = ("title", "short_name", "primary_color", "matricule_prefix")


def test_an_edited_agency_keeps_to_the_rules(base, testdata):
    """PATCH checks an agency's new values as a new one's: French 400 and
    nothing changed; its own short name and prefix are not "taken"."""
    admin = requests.Session()
    admin.auth = ("siteadmin", testdata.PASSWORD)
    admin.headers["Accept"] = "application/json"
    url = f"{base}/ocs"
    with admin:
        before = admin.get(url, timeout=30).json()
        for values, fragment in (
            ({"short_name": "PN"}, "Le sigle PN est déjà celui de l'agence Police"),
            ({"short_name": "ocs"}, "Sigle invalide"),
            ({"primary_color": "rouge"}, "Couleur invalide"),
            ({"title": ""}, "Nom de l'agence : champ obligatoire"),
        ):
            response = admin.patch(url, json=values, timeout=30)
            assert response.status_code == 400, (values, response.text)
            assert fragment in response.json()["message"], response.text
        after = admin.get(url, timeout=30).json()
        assert [after[name] for name in EDITED] == [before[name] for name in EDITED]
        response = admin.patch(
            url, json={"short_name": "OCS", "primary_color": "#0B6E4F"}, timeout=30
        )
        assert response.status_code == 204, response.text
    # the matricule prefix: the portal's Managers only, by the same rules
    manager = requests.Session()
    manager.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    manager.headers["Accept"] = "application/json"
    with manager:
        response = manager.patch(url, json={"matricule_prefix": "12"}, timeout=30)
        assert response.status_code == 400, response.text
        assert "Le préfixe 12 chevauche le préfixe 1" in response.json()["message"]
        response = manager.patch(url, json={"matricule_prefix": "8"}, timeout=30)
        assert response.status_code == 204, response.text
        assert manager.get(url, timeout=30).json()["matricule_prefix"] == "8"
    # and a clerk may not edit an agency at all
    clerk = requests.Session()
    clerk.auth = ("clerk.ocs", testdata.PASSWORD)
    with clerk:
        response = clerk.patch(
            url,
            json={"primary_color": "#000000"},
            headers={"Accept": "application/json"},
            timeout=30,
        )
    assert response.status_code in (401, 403), response.text
    with manager:
        assert manager.get(url, timeout=30).json()["primary_color"] == "#0B6E4F"


def test_the_edit_form_refuses_in_french(portal):
    request = portal.REQUEST
    alsoProvides(request, ISirhpContentLayer, ISirhpPolicyLayer)
    login(portal, "siteadmin")
    agency = portal["ocs"]
    request.method = "POST"
    request.form.clear()
    request.form.update(
        {
            "form.widgets.title": agency.title,
            "form.widgets.short_name": "PN",
            "form.widgets.primary_color": agency.primary_color,
            "form.widgets.matricule_prefix": agency.matricule_prefix,
            "form.buttons.save": "Enregistrer",
            "_authenticator": createToken(),
        }
    )
    form = api.content.get_view("edit", agency, request).form_instance
    form.update()
    messages = [
        translate(error.message, context=request) for error in form.widgets.errors
    ]
    assert "Le sigle PN est déjà celui de l'agence Police nationale." in form.render()
    assert any("Le sigle PN est déjà celui de l'agence" in m for m in messages), (
        messages
    )
    assert agency.short_name == "OCS"
    logout()
