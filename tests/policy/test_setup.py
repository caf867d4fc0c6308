"""Install and uninstall of both profiles."""

from plone import api
import pytest


class TestInstalled:
    def test_products_installed(self, installer):
        assert installer.is_product_installed("sirhp.policy")
        assert installer.is_product_installed("sirhp.content")

    def test_browserlayers(self, browser_layers):
        from sirhp.content.interfaces import ISirhpContentLayer
        from sirhp.policy.interfaces import ISirhpPolicyLayer

        assert ISirhpContentLayer in browser_layers
        assert ISirhpPolicyLayer in browser_layers

    @pytest.mark.parametrize(
        "role",
        [
            "RecordsClerk",
            "RecordsReviewer",
            "HRManager",
            "UnitCommander",
            "Auditor",
            "Officer",
        ],
    )
    def test_roles(self, portal, role):
        assert role in portal.validRoles()

    def test_agencies(self, portal):
        assert portal["police-nationale"].portal_type == "Agency"
        assert portal["ocs"].Title() == "Office Central des Stupéfiants"

    @pytest.mark.parametrize(
        "portal_type,workflow",
        [
            ("Agency", "sirhp_agency_workflow"),
            ("Unit", "sirhp_agency_workflow"),
            ("PersonnelFile", "sirhp_record_workflow"),
            ("ScannedDocument", "sirhp_record_workflow"),
            ("CareerEvent", "sirhp_record_workflow"),
        ],
    )
    def test_workflow_bound(self, portal, portal_type, workflow):
        chain = api.portal.get_tool("portal_workflow").getChainForPortalType(
            portal_type
        )
        assert chain == (workflow,)

    def test_agency_groups_have_local_roles(self, portal):
        roles = dict(portal["police-nationale"].get_local_roles())
        assert roles["police-nationale-clerks"] == ("RecordsClerk",)
        assert roles["police-nationale-reviewers"] == ("RecordsReviewer",)
        assert roles["police-nationale-hr"] == ("HRManager",)
        assert "ocs-clerks" not in roles

    def test_home_page(self, portal):
        assert portal.getLayout() == "sirhp-accueil"

    @pytest.mark.parametrize(
        "index",
        [
            "matricule",
            "grade",
            "corps",
            "region",
            "unit",
            "personnel_status",
            "skills",
            "languages",
            "sex",
            "agency",
        ],
    )
    def test_catalog_indexes(self, portal, index):
        assert index in api.portal.get_tool("portal_catalog").indexes()

    def test_versioning_policies(self, portal):
        repository = api.portal.get_tool("portal_repository")
        for portal_type in ("PersonnelFile", "ScannedDocument", "CareerEvent"):
            assert portal_type in repository.getVersionableContentTypes()


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstall(self, installer):
        installer.uninstall_product("sirhp.policy")
        installer.uninstall_product("sirhp.content")

    def test_products_uninstalled(self, installer):
        assert not installer.is_product_installed("sirhp.policy")
        assert not installer.is_product_installed("sirhp.content")

    def test_browserlayers_removed(self, browser_layers):
        from sirhp.content.interfaces import ISirhpContentLayer
        from sirhp.policy.interfaces import ISirhpPolicyLayer

        assert ISirhpContentLayer not in browser_layers
        assert ISirhpPolicyLayer not in browser_layers

    def test_types_removed(self, portal):
        types = api.portal.get_tool("portal_types").objectIds()
        for portal_type in (
            "Agency",
            "Unit",
            "PersonnelFile",
            "ScannedDocument",
            "CareerEvent",
        ):
            assert portal_type not in types

    def test_home_page_reset(self, portal):
        assert portal.getLayout() != "sirhp-accueil"
