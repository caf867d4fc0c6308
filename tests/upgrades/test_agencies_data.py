"""Agencies as data on a site of before (Agency not addable at the site
root, ``sirhp: Add Agency`` for Managers only, no ``@@sirhp-agences`` in
Site Setup, a group of an agency missing): the upgrade brings it to the new
state, keeps its two agencies as they are, and is re-runnable."""

from plone import api
from sirhp.content.permissions import AddAgency
from sirhp.policy.upgrades import agencies_data
from tests.upgrades import granted


def _configlets():
    tool = api.portal.get_tool("portal_controlpanel")
    return {action.getId() for action in tool.listActions()}


def test_upgrade(portal):
    types = api.portal.get_tool("portal_types")
    site_fti = types["Plone Site"]
    uids = {a: api.content.get_uuid(portal[a]) for a in ("police-nationale", "ocs")}
    with api.env.adopt_roles(["Manager"]):
        # the site before
        site_fti.allowed_content_types = tuple(
            t for t in site_fti.allowed_content_types if t != "Agency"
        )
        portal.manage_permission(AddAgency, ["Manager"], 0)
        api.portal.get_tool("portal_controlpanel").unregisterConfiglet("sirhp-agences")
        api.group.delete(groupname="ocs-recruitment")
        portal["ocs"].manage_delLocalRoles(["ocs-recruitment"])
        assert not site_fti.allowType("Agency")
        assert "sirhp-agences" not in _configlets()

        agencies_data.upgrade(portal.portal_setup)
        agencies_data.upgrade(portal.portal_setup)  # re-runnable

    assert site_fti.allowType("Agency")
    assert site_fti.allowType("Document")
    assert granted(portal, AddAgency) == {"Manager", "Site Administrator"}
    assert not portal.acquiredRolesAreUsedBy(AddAgency)
    assert "sirhp-agences" in _configlets()
    assert api.group.get(groupname="ocs-recruitment").getProperty("title") == (
        "OCS — Chargés du recrutement"
    )
    assert dict(portal["ocs"].get_local_roles())["ocs-recruitment"] == (
        "RecruitmentOfficer",
    )
    # the agencies of the site kept (same objects), none added
    assert {a: api.content.get_uuid(portal[a]) for a in uids} == uids
    assert sorted(portal.objectIds("Dexterity Container")) == sorted(uids)
    assert portal["police-nationale"].Title() == "Police nationale"
