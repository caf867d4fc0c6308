"""The recruitment add form's upgrade on a site of the previous state (the
agency without ``Add portal content`` for recruitment officers): run twice
(re-runnable), the recruitment officer may use the add form again."""

from plone import api
from plone.app.testing import login
from sirhp.policy.upgrades import recruitment_add as step
from tests.upgrades import granted

PERMISSION = "Add portal content"


def test_upgrade_from_the_previous_state(portal):
    agency = portal["police-nationale"]
    unit = agency["dr-segou"]
    with api.env.adopt_roles(["Manager"]):
        for obj in (agency, unit):
            obj.manage_permission(
                PERMISSION,
                sorted(granted(obj, PERMISSION) - {"RecruitmentOfficer"}),
                acquire=0,
            )
        login(portal, "recruiter.pn")
        assert not api.user.has_permission(PERMISSION, obj=agency)
        login(portal, "siteadmin")
        setup = portal.portal_setup
        assert step.upgrade(setup) >= 2
        step.upgrade(setup)
    for obj in (agency, unit):
        assert "RecruitmentOfficer" in granted(obj, PERMISSION)
        assert {"RecordsClerk", "HRManager"} <= granted(obj, PERMISSION)
    login(portal, "recruiter.pn")
    assert api.user.has_permission(PERMISSION, obj=agency)
    assert api.user.has_permission("sirhp: Add RecruitmentCampaign", obj=agency)
    login(portal, "clerk.pn")
    assert not api.user.has_permission("sirhp: Add RecruitmentCampaign", obj=agency)
