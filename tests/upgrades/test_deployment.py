"""The deployment upgrade functions on a site of the previous state: the
finder's indexes missing and the permissions not granted. Both functions
run twice (re-runnable); the search then finds what it found before."""

from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.deployment import api as deployment
from sirhp.content.permissions import AddDeploymentList
from sirhp.content.permissions import SearchDeployment
from sirhp.content.upgrades import deployment as content_step
from sirhp.policy.upgrades import deployment as policy_step
from tests.deployment.conftest import set_known
from tests.training.helpers import closed_session

INDEXES = (
    "skill_level",
    "driving_licences",
    "birth_date",
    "training_course",
    "training_valid_until",
)


def _roles(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_upgrade_from_the_previous_state(portal, testdata):
    set_known(portal, testdata)
    closed_session(portal, testdata)
    setup = portal.portal_setup
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        for name in INDEXES:
            catalog.delIndex(name)
        for permission in (SearchDeployment, AddDeploymentList):
            portal.manage_permission(permission, [], True)
        for _ in range(2):
            content_step.upgrade(setup)
            policy_step.upgrade(setup)
    assert set(INDEXES) <= set(catalog.indexes())
    assert catalog._catalog.getIndex("skill_level").meta_type == "KeywordIndex"
    assert _roles(portal, SearchDeployment) == {
        "Manager",
        "Site Administrator",
        "HRManager",
        "UnitCommander",
        "Auditor",
    }
    assert _roles(portal, AddDeploymentList) == {
        "Manager",
        "Site Administrator",
        "HRManager",
    }
    login(portal, "hrmanager.pn")
    found = deployment.search(
        agency=portal["police-nationale"],
        form={
            "skill": "police-judiciaire",
            "skill_level_min": "3",
            "certificate": "OPJ",
            "licence": "B",
            "age_max": "40",
        },
        today=date(2026, 11, 1),
        journal=False,
    )
    assert [i["matricule"] for i in found["items"]] == [testdata.FILES["pn_validated"]]
