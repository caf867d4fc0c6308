"""Upgrade careers_check: ``sirhp: Check careers`` granted to the roles of
rolemap.xml on a site that granted it to nobody (as before)."""

from plone import api
from sirhp.content.permissions import CheckCareers
from sirhp.policy.upgrades import careers_check
from tests.upgrades import granted

EXPECTED = {"Manager", "Site Administrator", "HRManager", "Auditor"}


def test_upgrade(portal):
    with api.env.adopt_roles(["Manager"]):
        portal.manage_permission(CheckCareers, [], True)
        careers_check.upgrade(portal.portal_setup)
        careers_check.upgrade(portal.portal_setup)  # re-runnable
    assert granted(portal, CheckCareers) == EXPECTED


def test_installed_site_is_current(portal):
    assert granted(portal, CheckCareers) == EXPECTED
