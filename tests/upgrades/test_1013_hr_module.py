"""Content 1010 -> 1011 and policy 1012 -> 1013 through portal_setup on a
site of the previous profiles: every step of the module of recruitment,
deployment, dashboard and official documents runs, twice (re-runnable),
and the site is at the latest versions with the new state."""

from Acquisition import aq_base
from plone import api
from sirhp.content.content import matricule_sequence as sequence
from sirhp.content.permissions import ViewIndicators
from tests.upgrades import latest

CONTENT = "sirhp.content:default"
POLICY = "sirhp.policy:default"


def _previous_state(portal):
    """What the previous profiles left: no dashboard index nor grant, no
    matricule sequence on the agencies."""
    portal.portal_catalog.delIndex("birth_date")
    portal.manage_permission(ViewIndicators, [], True)
    for agency in ("police-nationale", "ocs"):
        base = aq_base(portal[agency])
        base._p_activate()
        for name in (sequence.PREFIX, sequence.NEXT):
            if name in base.__dict__:
                delattr(base, name)


def test_from_the_previous_profiles(portal, testdata):
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        _previous_state(portal)
        for _ in range(2):
            setup.setLastVersionForProfile(CONTENT, "1010")
            setup.setLastVersionForProfile(POLICY, "1012")
            assert [s["sdest"] for s in setup.listUpgrades(CONTENT)] == [
                "1011",
                "1012",
                "1013",
            ]
            assert [s["sdest"] for s in setup.listUpgrades(POLICY)] == [
                "1013",
                "1014",
                "1015",
                "1016",
            ]
            setup.upgradeProfile(CONTENT)
            setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(CONTENT) == latest(setup, CONTENT)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    assert "birth_date" in portal.portal_catalog.indexes()
    agency = portal["police-nationale"]
    assert api.user.has_permission(ViewIndicators, username="hrmanager.pn", obj=agency)
    assert getattr(agency, sequence.PREFIX, None)
    assert getattr(agency, sequence.NEXT, 0) > 0
    types = portal.portal_types.objectIds()
    assert {"RecruitmentCampaign", "Candidate", "AttestationRequest"} <= set(types)
    assert "RecruitmentOfficer" in portal.validRoles()
    catalog_indexes = set(portal.portal_catalog.indexes())
    assert {
        "skill_level",
        "training_valid_until",
        "attestation_kind",
    } <= catalog_indexes
