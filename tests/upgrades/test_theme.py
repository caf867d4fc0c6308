"""SIRHP's screens on a site installed before: every authenticated user had
Plone's toolbar, the cut/copy/paste/delete/rename and folder contents
actions listed with Plone's permissions, and RSS feeds on."""

from plone import api
from sirhp.policy.upgrades import theme

ACTIONS = {
    "object": ("folderContents", "syndication", "redirection"),
    "object_buttons": ("cut", "copy", "paste", "delete", "rename"),
}


def _actions(portal):
    tool = api.portal.get_tool("portal_actions")
    for category, names in ACTIONS.items():
        for name in names:
            yield tool[category][name]


def _previous_state(portal):
    portal.manage_permission("Show Toolbar", ["Authenticated"], acquire=False)
    for action in _actions(portal):
        action._setPropValue("permissions", ("View",))
    for record in theme.SYNDICATION:
        api.portal.set_registry_record(record, True)


def test_upgrade(portal):
    _previous_state(portal)
    theme.upgrade(portal.portal_setup)
    theme.upgrade(portal.portal_setup)  # re-runnable
    roles = {
        r["name"] for r in portal.rolesOfPermission("Show Toolbar") if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}
    for action in _actions(portal):
        assert action.getProperty("permissions") == ("Manage portal",), action.getId()
    for record in theme.SYNDICATION:
        assert api.portal.get_registry_record(record) is False
