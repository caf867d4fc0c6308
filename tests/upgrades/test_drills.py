"""Upgrade ``drills``: a site whose portlets had no display settings yet (they
were created by the first page read) gets them; re-runnable."""

import logging
from plone.portlets.constants import ASSIGNMENT_SETTINGS_KEY
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from sirhp.policy.upgrades import drills
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.component import getUtilitiesFor


def _assignments(portal):
    return [
        assignment
        for _name, manager in getUtilitiesFor(IPortletManager)
        for assignment in getMultiAdapter(
            (portal, manager), IPortletAssignmentMapping
        ).values()
    ]


def test_portlet_settings_created(integration, caplog):
    portal = integration["portal"]
    assignments = _assignments(portal)
    assert assignments
    for assignment in assignments:  # the state before: no settings
        del IAnnotations(assignment)[ASSIGNMENT_SETTINGS_KEY]
    with caplog.at_level(logging.INFO):
        drills.upgrade(portal.portal_setup)
    assert all(ASSIGNMENT_SETTINGS_KEY in IAnnotations(a) for a in assignments)
    assert f"drills: {len(assignments)} portlet display settings created" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO):
        drills.upgrade(portal.portal_setup)
    assert "drills: 0 portlet display settings created" in caplog.text
