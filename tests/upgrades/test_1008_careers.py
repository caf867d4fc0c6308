"""The careers upgrades, second part, as one step each: content 1007 -> 1008
and policy 1009 -> 1010 bring a site of the previous profiles to the new
state (each part is tested alone in test_careers_{apply,acts,refs,check,
discipline}.py): the new index and columns, every validated file with its
acts, the new permissions granted, disciplinary acts restricted."""

from datetime import date
from plone import api
from sirhp.content.careers import consistency
from sirhp.content.permissions import CheckCareers
from sirhp.content.permissions import ReadDisciplinary
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.upgrades import latest

CONTENT = "sirhp.content:default"
POLICY = "sirhp.policy:default"
FILES = ("pn_validated", "pn_validated2", "ocs_validated")


def _roles(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def _acts(catalog, file, **query):
    return catalog.unrestrictedSearchResults(
        portal_type="CareerEvent",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        **query,
    )


def test_both_steps_from_the_previous_profiles(portal, testdata):
    setup = portal.portal_setup
    catalog = portal.portal_catalog
    files = [portal.unrestrictedTraverse(testdata.path_of(name)) for name in FILES]
    with api.env.adopt_roles(["Manager"]):
        # the previous profiles: validated files without acts, a sanction
        # act inheriting the agency's roles, no end-date index, no career
        # columns, the new permissions granted to nobody
        for file in files:
            api.content.delete(objects=[b.getObject() for b in _acts(catalog, file)])
        sanction = api.content.create(
            container=files[0],
            type="CareerEvent",
            id="blame",
            event_type="sanction",
            sanction="blame",
            event_date=date(2024, 3, 1),
        )
        sanction.__ac_local_roles_block__ = False
        sanction.manage_delLocalRoles(
            [p for p, _roles in sanction.get_local_roles() if p != "admin"]
        )
        catalog.delIndex("event_end_date")
        catalog.delIndex("collective_decision")
        catalog.delColumn("career_act")
        catalog.delColumn("career_file")
        portal.manage_permission(CheckCareers, [], True)
        portal.manage_permission(ReadDisciplinary, [], True)
        setup.setLastVersionForProfile(CONTENT, "1007")
        setup.setLastVersionForProfile(POLICY, "1009")
        # the first step of each profile is this part's (later ones follow)
        assert [(s["ssource"], s["sdest"]) for s in setup.listUpgrades(CONTENT)][0] == (
            "1007",
            "1008",
        )
        assert [(s["ssource"], s["sdest"]) for s in setup.listUpgrades(POLICY)][0] == (
            "1009",
            "1010",
        )
        counts = None
        for _ in range(2):  # re-runnable
            setup.upgradeProfile(CONTENT)
            setup.upgradeProfile(POLICY)
            now = {f.getId(): len(_acts(catalog, f)) for f in files}
            assert counts in (None, now)  # the second run builds nothing more
            counts = now
            setup.setLastVersionForProfile(CONTENT, "1007")
            setup.setLastVersionForProfile(POLICY, "1009")
        setup.upgradeProfile(CONTENT)
        setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(CONTENT) == latest(setup, CONTENT)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    assert {"event_end_date", "collective_decision"} <= set(catalog.indexes())
    assert {"career_act", "career_file"} <= set(catalog.schema())
    # every validated file has its acts, validated, and equals them
    for file in files:
        assert {
            b.review_state for b in _acts(catalog, file, event_type="recruitment")
        } == {"validated"}
    uids = {file.UID() for file in files}
    with api.env.adopt_roles(["Manager"]):
        rows = consistency.check(today=REFERENCE_DATE)
    assert [row for row in rows if row["uid"] in uids] == []
    assert {"Manager", "Site Administrator", "HRManager", "Auditor"} <= _roles(
        portal, CheckCareers
    )
    assert {"HRManager", "Auditor", "Officer"} <= _roles(portal, ReadDisciplinary)
    # the sanction is restricted again: the agency's clerks lose it
    assert sanction.__ac_local_roles_block__
    assert not api.user.has_permission("View", username="clerk.pn", obj=sanction)
