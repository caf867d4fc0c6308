"""The access table of official documents (``sirhp.policy.attestations.
access``), every cell in process: one document per state, every persona,
every operation (``View``, ``Modify portal content``, ``Delete objects``,
the transitions the workflow offers — permission and Python guard — and the
PDF's ``sirhp: Download attestation``, the permission of ``@@document.pdf``
and of ``verification.document_pdf``).

The table is not (yet) listed in ``sirhp.policy.access``: the shared
in-process and HTTP tests would need a builder and probes for this type."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
import pytest
from sirhp.content.attestations import api as attestation_api
from sirhp.content.permissions import DownloadAttestation
from sirhp.policy.attestations.access import ATTESTATION
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.attestations.helpers import requested
from tests.security.access import login_of

PERMISSION = {
    "view": "View",
    "edit": "Modify portal content",
    "delete": "Delete objects",
    "attestation_pdf": DownloadAttestation,
}
TRANSITIONS = ("prepare", "issue", "refuse", "revoke")


def _build(portal, testdata, state):
    document = requested(portal, testdata)
    if state == "prepared":
        login(portal, "clerk.pn")
        attestation_api.prepare(
            attestation=document, signer_name="Moussa KONE", signer_title="DRH"
        )
    if state in ("issued", "revoked"):
        login(portal, "hrmanager.pn")
        attestation_api.issue(attestation=document, today=REFERENCE_DATE)
    if state in ("revoked", "refused"):
        login(portal, "hrmanager.pn")
        attestation_api.end(
            attestation=document,
            transition="revoke" if state == "revoked" else "refuse",
            reason="Contrôle",
            today=REFERENCE_DATE,
        )
    logout()
    assert api.content.get_state(document) == state
    return document


@pytest.mark.parametrize("state", ATTESTATION.states)
def test_operation_map(portal, testdata, state):
    document = _build(portal, testdata, state)
    workflow = api.portal.get_tool("portal_workflow")
    wrong = {}
    for persona in PERSONAS:
        user = login_of(ATTESTATION.key, persona, state)
        if user is None:
            logout()
        else:
            login(portal, user)
        offered = {t["id"] for t in workflow.getTransitionsFor(document)}
        for operation in ATTESTATION.operations:
            if operation in TRANSITIONS:
                actual = operation in offered
            else:
                actual = bool(
                    api.user.has_permission(PERMISSION[operation], obj=document)
                )
            if actual != ATTESTATION.allowed(persona, state, operation):
                wrong[(persona, operation)] = actual
    logout()
    assert wrong == {}
