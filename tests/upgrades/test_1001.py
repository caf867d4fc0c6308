"""Upgrade 1000 -> 1001 (badges) on a site installed at 1000.

The 1000 site is simulated from a fresh one: what 1001 adds is removed, the
profile versions are set back to 1000, then portal_setup runs the steps.
HR-edited registry values must survive.
"""

from plone import api
from sirhp.content.badges.verification import ANNOTATION_KEY
from tests.upgrades import latest
from zope.annotation.interfaces import IAnnotations


def _back_to_1000(portal):
    setup = portal.portal_setup
    types = portal.portal_types
    for name in ("Badge", "BadgePrintBatch", "ChangeRequest"):
        types.manage_delObjects([name])
    workflow = portal.portal_workflow
    workflow.manage_delObjects(
        ["sirhp_badge_workflow", "sirhp_batch_workflow", "sirhp_change_workflow"]
    )
    record = workflow["sirhp_record_workflow"]
    record.permissions = tuple(p for p in record.permissions if p != "sirhp: Add Badge")
    for state in record.states.objectValues():
        (state.permission_roles or {}).pop("sirhp: Add Badge", None)
    for brain in portal.portal_catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile"
    ):
        brain._unrestrictedGetObject().manage_permission(
            "sirhp: Add Badge", roles=[], acquire=True
        )
    catalog = portal.portal_catalog
    for index in ("card_number", "verification_id"):
        catalog.delIndex(index)
    for column in ("card_number", "expiry_date"):
        catalog.delColumn(column)
    registry = portal.portal_registry
    for key in [k for k in registry.records.keys() if k.startswith("sirhp.badge.")]:
        del registry.records[key]
    del IAnnotations(portal)[ANNOTATION_KEY]
    setup.setLastVersionForProfile("sirhp.content:default", "1000")
    setup.setLastVersionForProfile("sirhp.policy:default", "1000")


def test_upgrade_1001(portal, testdata):
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("sirhp.corps", ["seul|Seul corps"])
        _back_to_1000(portal)
        file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
        assert not api.user.has_permission(
            "sirhp: Add Badge", username="clerk.pn", obj=file
        )
        setup = portal.portal_setup
        assert setup.listUpgrades("sirhp.content:default")
        setup.upgradeProfile("sirhp.content:default")
        setup.upgradeProfile("sirhp.policy:default")
    assert setup.getLastVersionForProfile("sirhp.content:default") == latest(
        setup, "sirhp.content:default"
    )
    assert setup.getLastVersionForProfile("sirhp.policy:default") == latest(
        setup, "sirhp.policy:default"
    )
    assert {"Badge", "BadgePrintBatch", "ChangeRequest"} <= set(
        portal.portal_types.objectIds()
    )
    assert portal.portal_workflow.getChainForPortalType("ChangeRequest") == (
        "sirhp_change_workflow",
    )
    assert portal.portal_workflow.getChainForPortalType("Badge") == (
        "sirhp_badge_workflow",
    )
    assert {"card_number", "verification_id"} <= set(portal.portal_catalog.indexes())
    assert api.portal.get_registry_record("sirhp.badge.validity_years") == 5
    assert IAnnotations(portal)[ANNOTATION_KEY]
    # HR's vocabulary edits are kept
    assert api.portal.get_registry_record("sirhp.corps") == ["seul|Seul corps"]
    # existing validated files get the new permission (updateRoleMappings)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert api.user.has_permission("sirhp: Add Badge", username="clerk.pn", obj=file)
    # 1003: validated content is stable, changes go through requests
    assert not api.user.has_permission(
        "Modify portal content", username="hrmanager.pn", obj=file
    )
    assert api.user.has_permission(
        "sirhp: Add ChangeRequest", username="hrmanager.pn", obj=file
    )
    # and the whole thing works
    with api.env.adopt_user(username="clerk.pn"):
        badge = api.content.create(container=file, type="Badge", id="carte")
    assert badge.card_number


def test_upgrade_steps_rerunnable(portal):
    from sirhp.content.upgrades import to_1001 as content_1001
    from sirhp.policy.upgrades import to_1001 as policy_1001

    with api.env.adopt_roles(["Manager"]):
        secret = IAnnotations(portal)[ANNOTATION_KEY]
        content_1001(portal.portal_setup)
        policy_1001(portal.portal_setup)
    assert IAnnotations(portal)[ANNOTATION_KEY] == secret  # never regenerated
