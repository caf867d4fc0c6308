"""SIRHP's screens in process: the navigation per role (each item only
where its view exists and its permission is held), Plone's content
management pages refused to staff on a personnel file, the toolbar for
administrators only, no feeds."""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.base.interfaces.syndication import ISiteSyndicationSettings
import pytest
from sirhp.policy.theme.navigation import navigation

# who sees which item (clerk, reviewer, HR manager, commander, auditor,
# recruitment officer, officer)
EXPECTED = {
    "clerk.pn": ["accueil", "dossiers", "documents", "cartes"],
    "reviewer.pn": ["accueil", "a-valider", "dossiers", "documents"],
    "hrmanager.pn": [
        "accueil",
        "a-valider",
        "dossiers",
        "recherche",
        "documents",
        "cartes",
        "formations",
        "evaluations",
        "avancement",
        "recrutement",
        "referentiels",
        "journal",
        "tableau-de-bord",
    ],
    "commander.pn": ["accueil", "recherche", "tableau-de-bord"],
    "auditor": [
        "accueil",
        "dossiers",
        "recherche",
        "documents",
        "formations",
        "evaluations",
        "avancement",
        "recrutement",
        "journal",
        "tableau-de-bord",
    ],
    # holds his permissions on an agency he may not view
    "recruiter.pn": ["accueil", "recrutement"],
    "officer": ["accueil", "mon-dossier"],
}
CMS_PAGES = (
    "folder_contents",
    "object_rename",
    "folder_rename",
    "manage-aliases",
    "object_cut",
    "object_copy",
    "object_paste",
)


def _user(testdata, name):
    return testdata.FILES["pn_validated"] if name == "officer" else name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_navigation_per_role(portal, testdata, name):
    with api.env.adopt_user(username=_user(testdata, name)):
        items = navigation(portal.REQUEST)
    assert [item["id"] for item in items] == EXPECTED[name]


def test_navigation_commander_on_the_unit(portal, testdata):
    with api.env.adopt_user(username="commander.pn"):
        urls = {item["id"]: item["url"] for item in navigation(portal.REQUEST)}
    # commanders hold the dashboard and the finder on their unit only
    assert urls["tableau-de-bord"].endswith(
        "police-nationale/dr-bamako/commissariat-1/@@tableau-de-bord"
    )


def test_navigation_anonymous(portal):
    logout()
    assert navigation(portal.REQUEST) == []


def test_clerk_refused_cms_pages_on_a_file(portal, testdata):
    """On a draft the clerk edits (Modify portal content, where Plone's own
    registrations would let him rename it), each page is refused."""
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    login(portal, "clerk.pn")
    assert api.user.has_permission("Modify portal content", obj=draft)
    for name in CMS_PAGES:
        with pytest.raises(Unauthorized):
            draft.restrictedTraverse(f"@@{name}")
    assert not api.user.has_permission("Show Toolbar", obj=draft)


def test_administrator_keeps_them(portal, testdata):
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    for name in CMS_PAGES:
        assert draft.restrictedTraverse(f"@@{name}") is not None
    assert api.user.has_permission("Show Toolbar", obj=draft)


def test_cms_actions_are_the_administrators(portal, testdata):
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    actions = api.portal.get_tool("portal_actions")
    login(portal, "clerk.pn")
    listed = actions.listFilteredActionsFor(draft)
    shown = {
        a["id"] for cat in ("object", "object_buttons") for a in listed.get(cat, ())
    }
    hidden = {"folderContents", "syndication", "redirection", "cut", "copy"}
    hidden |= {"paste", "delete", "rename"}
    assert not shown & hidden, shown & hidden


def test_no_feeds(portal):
    settings = api.portal.get_registry_record
    prefix = ISiteSyndicationSettings.__identifier__
    assert settings(f"{prefix}.allowed") is False
    assert settings(f"{prefix}.search_rss_enabled") is False
