"""Shared set-up of the attestation tests: officer A's request."""

from plone.app.testing import login
from sirhp.content.attestations import api as attestation_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


def file_a(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def requested(portal, testdata, kind="attestation_service"):
    """Officer A asks for ``kind`` on his own file; returns the request."""
    login(portal, testdata.FILES["pn_validated"])
    return attestation_api.request_document(
        file=file_a(portal, testdata),
        kind=kind,
        purpose="Dossier de visa",
        today=REFERENCE_DATE,
    )


def issued(portal, testdata, kind="attestation_service"):
    document = requested(portal, testdata, kind)
    login(portal, "hrmanager.pn")
    attestation_api.issue(
        attestation=document,
        signer_name="Moussa KONE",
        signer_title="Directeur des ressources humaines",
        today=REFERENCE_DATE,
    )
    return document
