"""Badges moved into their domain package: the upgrades bring a site whose
FTIs and workflow still name the old modules to the new ones, and objects
pickled under the old class path still load."""

from Acquisition import aq_base
import importlib
import pickle
from plone import api
from plone.app.testing import login
from Products.CMFCore.indexing import processQueue
from sirhp.content.badges.content import Badge
from sirhp.content.badges.content import BadgePrintBatch
from sirhp.content.upgrades.v1006 import upgrade as upgrade_content
from sirhp.policy.upgrades.v1008 import upgrade as upgrade_policy

OLD_MODULE = "sirhp.content.content.badge"
NEW_MODULE = "sirhp.content.badges.content"
OLD_GUARDS = "sirhp.policy.workflow.guards"
NEW_GUARDS = "sirhp.policy.badges.workflow"


def _badge(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    return api.content.create(container=file, type="Badge", id="carte")


def test_content_upgrade_moves_the_classes_of_the_types(portal, testdata):
    badge = _badge(portal, testdata)
    types = portal.portal_types
    for name in ("Badge", "BadgePrintBatch"):
        types[name].klass = f"{OLD_MODULE}.{name}"
        types[name].schema = f"{OLD_MODULE}.I{name}Schema"
    catalog = portal.portal_catalog
    processQueue()  # the badge's pending reindexing, not after the planting
    path = "/".join(badge.getPhysicalPath())
    provided = catalog.getIndexDataForUID(path)["object_provides"]
    old = [name.replace(NEW_MODULE, OLD_MODULE) for name in provided]

    class Indexed:  # the badge as the catalog saw it before the move
        object_provides = old

    catalog._catalog.catalogObject(Indexed(), path, idxs=["object_provides"])
    assert catalog(object_provides=f"{OLD_MODULE}.IBadgeSchema")
    with api.env.adopt_roles(["Manager"]):
        upgrade_content(portal.portal_setup)
        upgrade_content(portal.portal_setup)  # re-runnable
    for name in ("Badge", "BadgePrintBatch"):
        assert types[name].klass == f"{NEW_MODULE}.{name}"
        assert types[name].schema == f"{NEW_MODULE}.I{name}Schema"
    assert not catalog(object_provides=f"{OLD_MODULE}.IBadgeSchema")
    assert catalog(object_provides=f"{NEW_MODULE}.IBadgeSchema")
    new = api.content.create(
        container=badge.__parent__, type="Badge", id="carte", safe_id=True
    )
    assert type(aq_base(new)) is Badge


def test_policy_upgrade_points_the_guards_to_the_badge_workflow(portal, testdata):
    definition = portal.portal_workflow["sirhp_badge_workflow"]
    transitions = ("print", "issue", "expire", "revoke")
    for name in transitions:
        guard = definition.transitions[name].getGuard()
        guard.changeFromProperties(
            {"guard_expr": guard.getExprText().replace(NEW_GUARDS, OLD_GUARDS)}
        )
        assert OLD_GUARDS in definition.transitions[name].getGuard().getExprText()
    with api.env.adopt_roles(["Manager"]):
        upgrade_policy(portal.portal_setup)
        upgrade_policy(portal.portal_setup)  # re-runnable
    for name in transitions:
        expression = definition.transitions[name].getGuard().getExprText()
        assert expression == f"python:modules['{NEW_GUARDS}'].may_{name}_badge(here)"
    badge = _badge(portal, testdata)
    workflow = portal.portal_workflow
    assert "print" in {t["id"] for t in workflow.getTransitionsFor(badge)}
    api.content.transition(obj=badge, transition="print")
    assert api.content.get_state(badge) == "printed"


def test_objects_pickled_under_the_old_module_path_load():
    assert importlib.import_module(OLD_MODULE) is importlib.import_module(NEW_MODULE)
    for cls in (Badge, BadgePrintBatch):
        obj = cls()
        obj.card_numbers = ["PN-7K3M-Q9XD-5"]
        # protocol 0 names the class as text: rewrite it to the old path
        old = pickle.dumps(obj, protocol=0).replace(
            NEW_MODULE.encode(), OLD_MODULE.encode()
        )
        assert OLD_MODULE.encode() in old and NEW_MODULE.encode() not in old
        loaded = pickle.loads(old)
        assert type(loaded) is cls
        assert loaded.card_numbers == ["PN-7K3M-Q9XD-5"]
