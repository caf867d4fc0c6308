"""The promotion upgrades (content ``promotion_tables``, policy
``promotion_workflow``) on a site of the previous profiles (content 1009,
policy 1010): no PromotionTable type, the agency not allowing it, no
promotion workflow, the permissions granted to nobody, promotion acts
indexed without their ground. Run twice (re-runnable)."""

from datetime import date
from plone import api
from sirhp.content.careers import api as careers
from sirhp.content.permissions import AddPromotionTable
from sirhp.content.permissions import DecidePromotions
from sirhp.content.permissions import ManagePromotionTables
from sirhp.content.upgrades import promotion_tables
from sirhp.policy.upgrades import promotion_workflow

WORKFLOW = "sirhp_promotion_workflow"


def _roles(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_promotion_upgrades(portal, testdata):
    types = portal.portal_types
    wftool = portal.portal_workflow
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_roles(["Manager"]):
        act = careers.add_act_as_system(
            file=file,
            id="exceptionnelle",
            actor="test",
            comment="",
            state="pending",
            event_type="promotion",
            event_date=date(2026, 7, 1),
            resulting_grade="officier-1",
            promotion_ground="injury",
        )
        # the previous state: metadata without the ground
        rid = catalog.unrestrictedSearchResults(UID=act.UID())[0].getRID()
        record = dict(catalog.getMetadataForRID(rid)["career_act"])
        del record["ground"]
        catalog._catalog.data[rid] = tuple(
            record if name == "career_act" else value
            for name, value in zip(
                catalog._catalog.names, catalog._catalog.data[rid], strict=True
            )
        )
        assert "ground" not in catalog.getMetadataForRID(rid)["career_act"]
        types.manage_delObjects(["PromotionTable"])
        agency = types["Agency"]
        agency.manage_changeProperties(
            allowed_content_types=[
                t for t in agency.allowed_content_types if t != "PromotionTable"
            ]
        )
        wftool.manage_delObjects([WORKFLOW])
        wftool.setChainForPortalTypes(["PromotionTable"], ())
        for permission in (AddPromotionTable, ManagePromotionTables, DecidePromotions):
            portal.manage_permission(permission, [], True)
        for _run in range(2):
            promotion_tables.upgrade(portal.portal_setup)
            promotion_workflow.upgrade(portal.portal_setup)
    assert "PromotionTable" in types.objectIds()
    assert "PromotionTable" in types["Agency"].allowed_content_types
    assert wftool.getChainForPortalType("PromotionTable") == (WORKFLOW,)
    for permission in (AddPromotionTable, ManagePromotionTables, DecidePromotions):
        assert {"HRManager", "Site Administrator", "Manager"} <= _roles(
            portal, permission
        )
    assert catalog.getMetadataForRID(rid)["career_act"]["ground"] == "injury"
    # a table can be added again, under its workflow
    with api.env.adopt_user(username="hrmanager.pn"):
        table = api.content.create(
            container=portal["police-nationale"],
            type="PromotionTable",
            id="t",
            target_grade="officier-1",
            year=2026,
            posts=2,
        )
    assert api.content.get_state(table) == "draft"
