"""Official documents on request: who asks (the officer on his own file
only), four eyes at issue, numbers unique and sequential, reasons to
revoke and refuse, the PDF and its QR code checked anonymously."""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.attestations import api as attestation_api
from sirhp.content.attestations import verification
from sirhp.content.badges.verification import get_secret
from sirhp.content.base import token_rules as tokens
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.attestations.helpers import file_a
from tests.attestations.helpers import issued
from tests.attestations.helpers import requested
from tests.security.representations import pdf_text


def test_officer_requests_on_his_own_file_only(portal, testdata):
    document = requested(portal, testdata)
    assert api.content.get_state(document) == "requested"
    assert document.requested_by == testdata.FILES["pn_validated"]
    other = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    with pytest.raises(Unauthorized):
        attestation_api.request_document(
            file=other, kind="attestation_service", today=REFERENCE_DATE
        )
    with pytest.raises(attestation_api.AttestationError):
        attestation_api.request_document(
            file=file_a(portal, testdata), kind="badge", today=REFERENCE_DATE
        )
    items = attestation_api.requests_of(file=file_a(portal, testdata))
    assert [i["review_state"] for i in items] == ["requested"]
    assert items[0]["download"] is None


def test_requester_and_holder_never_issue(portal, testdata):
    document = requested(portal, testdata)
    login(portal, testdata.FILES["pn_validated"])
    with pytest.raises(Unauthorized):
        attestation_api.issue(attestation=document, today=REFERENCE_DATE)
    # an HR manager who asked for it himself
    login(portal, "hrmanager.pn")
    own = attestation_api.request_document(
        file=file_a(portal, testdata), kind="attestation_travail", today=REFERENCE_DATE
    )
    with pytest.raises(attestation_api.AttestationError) as refused:
        attestation_api.issue(attestation=own, today=REFERENCE_DATE)
    assert "Quatre yeux" in refused.value.text()
    attestation_api.issue(attestation=document, today=REFERENCE_DATE)
    assert api.content.get_state(document) == "issued"
    assert document.signer_title  # the default title


def test_preparer_does_not_issue_when_the_setting_is_on(portal, testdata):
    document = requested(portal, testdata)
    login(portal, "hrmanager.pn")
    attestation_api.prepare(
        attestation=document, signer_name="Moussa KONE", signer_title="Directeur"
    )
    assert api.content.get_state(document) == "prepared"
    portal["police-nationale"].attestation_four_eyes = True
    assert not attestation_api.may_issue(document)
    with pytest.raises(attestation_api.AttestationError):
        attestation_api.issue(attestation=document, today=REFERENCE_DATE)
    portal["police-nationale"].attestation_four_eyes = False
    attestation_api.issue(attestation=document, today=REFERENCE_DATE)
    assert document.signer_name == "Moussa KONE"


def test_numbers_unique_and_sequential(portal, testdata):
    numbers = [issued(portal, testdata).number for _ in range(3)]
    assert numbers == ["PN-2026-000001", "PN-2026-000002", "PN-2026-000003"]
    login(portal, "hrmanager.pn")
    register = attestation_api.register(agency=portal["police-nationale"], year=2026)
    assert [row["number"] for row in register] == numbers
    assert attestation_api.register(agency=portal["police-nationale"], year=2025) == []


def test_revoke_and_refuse_need_a_reason(portal, testdata):
    document = issued(portal, testdata)
    for reason in ("", "   ", "x" * 1001):
        with pytest.raises(attestation_api.AttestationError):
            attestation_api.end(
                attestation=document, transition="revoke", reason=reason
            )
    with pytest.raises((WorkflowException, api.exc.InvalidParameterError)):
        api.content.transition(obj=document, transition="revoke", comment="")
    attestation_api.end(attestation=document, transition="revoke", reason="Erreur")
    assert api.content.get_state(document) == "revoked"
    assert (document.reason, document.revoked_by) == ("Erreur", "hrmanager.pn")
    other = requested(portal, testdata)
    login(portal, "hrmanager.pn")
    attestation_api.end(attestation=other, transition="refuse", reason="Doublon")
    assert api.content.get_state(other) == "refused"


def test_pdf_for_holder_and_hr_refused_to_others(portal, testdata):
    document = issued(portal, testdata, kind="etat_services")
    file = file_a(portal, testdata)
    for user in (testdata.FILES["pn_validated"], "hrmanager.pn"):
        login(portal, user)
        name, data = verification.document_pdf(attestation=document)
        assert name == f"etat_services-{document.number}.pdf"
    text = pdf_text(data)
    for expected in ("ÉTAT DES SERVICES", file.full_name, document.number, "Moussa"):
        assert expected in text, expected
    for user in (
        testdata.FILES["pn_validated2"],
        "commander.pn",
        "clerk.pn",
        "auditor",
        "hrmanager.ocs",
    ):
        login(portal, user)
        with pytest.raises(Unauthorized):
            verification.document_pdf(attestation=document)


def test_token_valid_revoked_forged(portal, testdata):
    document = issued(portal, testdata)
    token = verification.token_of(attestation=document)
    found = verification.check_document(token=token)
    assert found == {
        "kind": "attestation_service",
        "title": "Attestation de service",
        "name": file_a(portal, testdata).full_name,
        "date": REFERENCE_DATE,
        "state": "valid",
    }
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    badge_like = tokens.sign(get_secret(), document.UID())
    certificate_like = tokens.sign(get_secret(), document.UID(), "attestation:")
    for bad in (forged, "", "x" * 300, badge_like, certificate_like):
        assert verification.check_document(token=bad) is None
    # a request not issued is unknown to the public
    pending = requested(portal, testdata)
    login(portal, "hrmanager.pn")
    assert (
        verification.check_document(token=verification.token_of(attestation=pending))
        is None
    )
    attestation_api.end(attestation=document, transition="revoke", reason="Erreur")
    assert verification.check_document(token=token)["state"] == "revoked"
