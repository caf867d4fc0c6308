"""Upgrade 1006 -> 1007 through portal_setup, on a site put back to 1006.

Each part has its own detailed test (``test_1007_management.py``,
``test_1007_accounts.py``, ``test_1007_changes.py``); this one proves the
step is registered, runs them in order and can run again.
"""

from plone import api
from sirhp.policy.upgrades import v1007_management
from tests.upgrades import latest

PROFILE = "sirhp.policy:default"


def test_upgrade_1006_to_1007(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        # 1006: Plone's defaults (Owner has the management screens, everyone
        # WebDAV, Members mail pages), versioning switched off on a file
        portal.manage_permission("View management screens", ["Manager", "Owner"], 1)
        portal.manage_permission("WebDAV access", ["Authenticated"], 1)
        portal.manage_permission("Allow sendto", ["Member"], 1)
        file.versioning_enabled = False
        setup.setLastVersionForProfile(PROFILE, "1006")
        assert [(s["ssource"], s["sdest"]) for s in setup.listUpgrades(PROFILE)] == [
            ("1006", "1007"),
            ("1007", "1008"),
            ("1008", "1009"),
            ("1009", "1010"),
            ("1010", "1011"),
            ("1011", "1012"),
            ("1012", "1013"),
            ("1013", "1014"),
            ("1014", "1015"),
            ("1015", "1016"),
        ]
    assert api.user.has_permission(
        "View management screens", username="clerk.pn", obj=file
    )
    for _ in range(2):
        with api.env.adopt_roles(["Manager"]):
            setup.upgradeProfile(PROFILE)
        assert setup.getLastVersionForProfile(PROFILE) == latest(setup, PROFILE)
        for user in ("clerk.pn", "reviewer.pn", "hrmanager.pn"):
            for permission in ("View management screens", "WebDAV access"):
                assert not api.user.has_permission(
                    permission, username=user, obj=file
                ), (user, permission)
        assert not api.user.has_permission(
            "Allow sendto", username="clerk.pn", obj=portal
        )
        assert file.versioning_enabled is True
        setup.setLastVersionForProfile(PROFILE, "1006")
    assert v1007_management.PROFILE == f"profile-{PROFILE}"
