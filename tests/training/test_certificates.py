"""Training certificates: the PDF (officer, matricule, course, dates,
expiry, QR of the public check), who may download it (the officer, the
session's managers; refused to others), the journal, the signed token and
the public page (name, course, date, state only; unknown token: 404)."""

from AccessControl import Unauthorized
from datetime import date
from plone.app.testing import login
import pytest
import requests
from sirhp.content.badges.verification import get_secret
from sirhp.content.base import token_rules as tokens
from sirhp.content.training import api as training_api
from sirhp.content.training import verification
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.security.representations import pdf_text
from tests.training.helpers import closed_session
import transaction


def test_pdf_for_the_officer_and_managers_refused_to_others(
    portal, testdata, monkeypatch
):
    session, (file_a, file_b) = closed_session(portal, testdata)
    journaled = []
    monkeypatch.setattr(
        verification.hooks, "journal", lambda action, **kw: journaled.append(action)
    )
    login(portal, testdata.FILES["pn_validated"])
    name, data = verification.certificate_pdf(session="opj-2026", file=file_a)
    assert name == f"attestation-opj-2026-{file_a.matricule}.pdf"
    text = pdf_text(data)
    for expected in (
        "ATTESTATION DE FORMATION",
        file_a.full_name,
        file_a.matricule,
        "Officier de police judiciaire (OPJ), 40 h",
        "05/10/2026 au 16/10/2026",
        "16/10/2029",
    ):
        assert expected in text, expected
    assert journaled == ["download"]
    login(portal, "hrmanager.pn")
    verification.certificate_pdf(session=session, file=file_a)
    # another officer, the commander, the clerk, another agency's HR: refused
    for user in (
        testdata.FILES["pn_validated2"],
        "commander.pn",
        "clerk.pn",
        "hrmanager.ocs",
    ):
        login(portal, user)
        with pytest.raises(Unauthorized):
            verification.certificate_pdf(session="opj-2026", file=file_a)
    assert len(journaled) == 2
    # no certificate for who failed, nor in an unknown session
    login(portal, "hrmanager.pn")
    for session_id, file in (("opj-2026", file_b), ("nope", file_a)):
        with pytest.raises(training_api.TrainingError):
            verification.certificate_pdf(session=session_id, file=file)


def test_token_checks_only_genuine_certificates(portal, testdata):
    session, (file_a, file_b) = closed_session(portal, testdata)
    token = verification.token_of(session=session, file=file_a)
    found = verification.check_certificate(token=token, today=REFERENCE_DATE)
    assert found == {
        "name": file_a.full_name,
        "course": "Officier de police judiciaire",
        "date": date(2026, 10, 16),
        "expiry": date(2029, 10, 16),
        "state": "valid",
    }
    expired = verification.check_certificate(token=token, today=date(2029, 10, 16))
    assert expired["state"] == "expired"
    assert verification.check_certificate(token=token, today=date(2029, 9, 1))[
        "state"
    ] == ("expiring")
    # failed participant: a genuine signature, no certificate
    failed = verification.token_of(session=session, file=file_b)
    assert verification.check_certificate(token=failed, today=REFERENCE_DATE) is None
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    badge_like = tokens.sign(get_secret(), session.UID() + file_a.UID())
    for bad in (forged, "", "x" * 300, badge_like, token[:40]):
        assert verification.check_certificate(token=bad, today=REFERENCE_DATE) is None
    url = verification.verification_url(session=session, file=file_a)
    assert url.endswith(f"/@@verifier-attestation?t={token}")


def test_public_page_shows_name_course_date_state_only(functional, testdata):
    portal = functional["portal"]
    session, (file_a, _file_b) = closed_session(portal, testdata)
    url = verification.verification_url(session=session, file=file_a)
    transaction.commit()
    page = requests.get(url, timeout=30)  # anonymous
    assert page.status_code == 200
    assert page.headers["X-Robots-Tag"] == "noindex"
    assert file_a.full_name in page.text
    assert "Officier de police judiciaire" in page.text
    assert "16/10/2026" in page.text and "Attestation" in page.text
    assert file_a.matricule not in page.text
    assert (file_a.birth_date or date.min).strftime("%d/%m/%Y") not in page.text
    unknown = requests.get(url[:-3] + "AAA", timeout=30)
    assert unknown.status_code == 404
    assert "Attestation inconnue" in unknown.text
    assert file_a.full_name not in unknown.text


def test_closing_is_journaled(portal, testdata, caplog):
    """The journal knows the action of closing a session (no error logged)."""
    closed_session(portal, testdata)
    assert "Could not write the audit journal" not in caplog.text
