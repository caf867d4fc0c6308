"""Who holds ``sirhp: Manage référentiels`` where (in process): site
administrators everywhere, HR managers on their own agency only (their role
is local, as for ``sirhp: Manage HR vocabularies``), nobody else."""

from plone import api
import pytest
from sirhp.content.permissions import ManageReferentials
from sirhp.content.permissions import ManageVocabularies

PLACES = ("", "police-nationale", "ocs")
EXPECTED = {
    "siteadmin": {"", "police-nationale", "ocs"},
    "hrmanager.pn": {"police-nationale"},
    "hrmanager.ocs": {"ocs"},
    "clerk.pn": set(),
    "reviewer.pn": set(),
    "commander.pn": set(),
    "auditor": set(),
}


def holds(portal, user, permission, place):
    context = portal.unrestrictedTraverse(place) if place else portal
    return api.user.has_permission(permission, username=user, obj=context)


@pytest.mark.parametrize("user", sorted(EXPECTED))
def test_permission_map(portal, user):
    granted = {
        place for place in PLACES if holds(portal, user, ManageReferentials, place)
    }
    assert granted == EXPECTED[user]


@pytest.mark.parametrize("user", sorted(EXPECTED))
def test_same_map_as_the_hr_vocabularies(portal, user):
    for place in PLACES:
        assert holds(portal, user, ManageReferentials, place) == holds(
            portal, user, ManageVocabularies, place
        )
