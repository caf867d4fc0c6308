"""Upgrade careers_check: ``sirhp: Check careers`` granted to the roles of
rolemap.xml on a site that granted it to nobody (as before)."""

from plone import api
from sirhp.content.permissions import CheckCareers
from sirhp.policy.upgrades import careers_check


def _granted(portal):
    return {
        item["name"]
        for item in portal.rolesOfPermission(CheckCareers)
        if item["selected"]
    }


EXPECTED = {"Manager", "Site Administrator", "HRManager", "Auditor"}


def test_upgrade(portal):
    with api.env.adopt_roles(["Manager"]):
        portal.manage_permission(CheckCareers, [], True)
        careers_check.upgrade(portal.portal_setup)
        careers_check.upgrade(portal.portal_setup)  # re-runnable
    assert _granted(portal) == EXPECTED


def test_installed_site_is_current(portal):
    assert _granted(portal) == EXPECTED
