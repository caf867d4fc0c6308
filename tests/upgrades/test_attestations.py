"""The attestation upgrades (content ``attestations``, policy
``attestations``) on a site made before: no AttestationRequest type, files
not allowing it, no workflow, no register indexes, the permissions granted
to nobody. Run twice (re-runnable); an officer may then ask for a document,
which is under its workflow and found by the register."""

from plone import api
from plone.app.testing import login
from sirhp.content.attestations import api as attestation_api
from sirhp.content.permissions import AddAttestationRequest
from sirhp.content.permissions import ViewAttestationRegister
from sirhp.content.upgrades import attestations as content_step
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from sirhp.policy.upgrades import attestations as policy_step
from tests.upgrades import granted

WORKFLOW = "sirhp_attestation_workflow"


def test_attestation_upgrades(portal, testdata):
    types = portal.portal_types
    wftool = portal.portal_workflow
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        types.manage_delObjects(["AttestationRequest"])
        fti = types["PersonnelFile"]
        fti.manage_changeProperties(
            allowed_content_types=[
                t for t in fti.allowed_content_types if t != "AttestationRequest"
            ]
        )
        wftool.manage_delObjects([WORKFLOW])
        wftool.setChainForPortalTypes(["AttestationRequest"], ())
        for name in content_step.INDEXES:
            catalog.delIndex(name)
        catalog.delColumn("attestation_info")
        portal.manage_permission(AddAttestationRequest, [], True)
        portal.manage_permission(ViewAttestationRegister, [], True)
        for _run in range(2):
            content_step.upgrade(portal.portal_setup)
            policy_step.upgrade(portal.portal_setup)
    assert "AttestationRequest" in types.objectIds()
    assert "AttestationRequest" in types["PersonnelFile"].allowed_content_types
    assert wftool.getChainForPortalType("AttestationRequest") == (WORKFLOW,)
    assert set(content_step.INDEXES) <= set(catalog.indexes())
    assert "attestation_info" in catalog.schema()
    assert {"Officer", "HRManager"} <= granted(portal, AddAttestationRequest)
    assert {"HRManager", "Auditor"} <= granted(portal, ViewAttestationRegister)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, testdata.FILES["pn_validated"])
    document = attestation_api.request_document(
        file=file, kind="attestation_travail", today=REFERENCE_DATE
    )
    assert api.content.get_state(document) == "requested"
    login(portal, "hrmanager.pn")
    attestation_api.issue(attestation=document, today=REFERENCE_DATE)
    rows = attestation_api.register(agency=portal["police-nationale"], year=2026)
    assert [row["number"] for row in rows] == [document.number]
