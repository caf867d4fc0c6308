"""Versioned référentiels: the upgrades bring a site without the versions
record and without ``sirhp: Manage référentiels`` granted to the new state,
and may run twice."""

from plone import api
from plone.registry.interfaces import IRegistry
from sirhp.content.permissions import ManageReferentials
from sirhp.content.referentials.api import RECORD
from sirhp.content.upgrades.careers_referentials import upgrade as upgrade_content
from sirhp.policy.upgrades.careers_referentials import upgrade as upgrade_policy
from tests.upgrades import granted
from zope.component import getUtility

CONFIGLET = "sirhp-referentiels-statut"


def configlets():
    panels = api.portal.get_tool("portal_controlpanel")
    return {action.getId(): action for action in panels.listActions()}


def test_upgrades_add_the_record_and_grant_the_permission(portal):
    registry = getUtility(IRegistry)
    del registry.records[RECORD]
    portal.manage_permission(ManageReferentials, [], acquire=True)
    panels = api.portal.get_tool("portal_controlpanel")
    panels.unregisterConfiglet(CONFIGLET)
    assert CONFIGLET not in configlets()
    assert RECORD not in registry.records
    assert "HRManager" not in granted(portal, ManageReferentials)
    with api.env.adopt_roles(["Manager"]):
        for _twice in range(2):  # re-runnable
            upgrade_content(portal.portal_setup)
            upgrade_policy(portal.portal_setup)
    assert RECORD in registry.records
    assert api.portal.get_registry_record(RECORD) is None  # the shipped tables
    assert granted(portal, ManageReferentials) == {
        "Manager",
        "Site Administrator",
        "HRManager",
    }
    assert CONFIGLET in configlets()
    assert configlets()[CONFIGLET].permissions == (ManageReferentials,)
    assert "sirhp-referentiels" in configlets()
    ids = [a.getId() for a in api.portal.get_tool("portal_controlpanel").listActions()]
    assert ids.count(CONFIGLET) == ids.count("sirhp-referentiels") == 1


def test_content_upgrade_keeps_stored_versions(portal):
    api.portal.set_registry_record(
        RECORD, '[{"effective": "2021-01-01", "tables": {}}]'
    )
    with api.env.adopt_roles(["Manager"]):
        upgrade_content(portal.portal_setup)
    assert api.portal.get_registry_record(RECORD).startswith('[{"effective"')


def test_fresh_site_has_the_new_state(portal):
    assert RECORD in getUtility(IRegistry).records
    assert granted(portal, ManageReferentials) == {
        "Manager",
        "Site Administrator",
        "HRManager",
    }
    assert CONFIGLET in configlets()
