"""Official documents over HTTP: POST/GET @attestations (own file only),
the pages refused to the wrong person, the PDF's QR code decoded with zbar
and checked anonymously (valid, then revoked; forged: 404), the register's
XLSX export opened with openpyxl."""

from io import BytesIO
from openpyxl import load_workbook
from plone.app.testing import login
import requests
from sirhp.content.attestations import api as attestation_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
import subprocess
from tests.attestations.helpers import issued
import transaction

JSON = {"Accept": "application/json"}


def _auth(testdata, user):
    return (user, testdata.PASSWORD)


def _qr_of(pdf, tmp_path):
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-png",
            "-singlefile",
            tmp_path / "d.pdf",
            tmp_path / "p",
        ],
        check=True,
    )
    out = subprocess.run(
        ["zbarimg", "-q", "--nodbus", tmp_path / "p.png"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    (line,) = [line for line in out.stdout.splitlines() if line.startswith("QR-Code:")]
    return line.partition(":")[2]


def test_rest_request_own_file_only(functional, testdata):
    portal = functional["portal"]
    officer = testdata.FILES["pn_validated"]
    own = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    other = f"{portal.absolute_url()}/{testdata.path_of('pn_validated2')}"
    body = {"kind": "etat_services", "purpose": "Concours"}
    answer = requests.post(
        f"{own}/@attestations",
        json=body,
        headers=JSON,
        auth=_auth(testdata, officer),
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["review_state"] == "requested"
    refused = requests.post(
        f"{other}/@attestations",
        json=body,
        headers=JSON,
        auth=_auth(testdata, officer),
        timeout=30,
    )
    assert refused.status_code in (401, 403, 404), refused.text  # hidden = missing
    bad = requests.post(
        f"{own}/@attestations",
        json={"kind": "x"},
        headers=JSON,
        auth=_auth(testdata, officer),
        timeout=30,
    )
    assert bad.status_code == 400 and bad.json()["message"].startswith("Document")
    listed = requests.get(
        f"{own}/@attestations", headers=JSON, auth=_auth(testdata, officer), timeout=30
    )
    assert [i["kind"] for i in listed.json()["items"]] == ["etat_services"]
    page = requests.get(
        f"{other}/@@demander-attestation", auth=_auth(testdata, officer), timeout=30
    )
    assert page.status_code in (401, 403, 404) or "login" in page.url


def test_qr_decoded_and_checked_anonymously(functional, testdata, tmp_path):
    portal = functional["portal"]
    document = issued(portal, testdata)
    url = document.absolute_url()
    transaction.commit()
    officer = testdata.FILES["pn_validated"]
    pdf = requests.get(
        f"{url}/@@document.pdf", auth=_auth(testdata, officer), timeout=60
    )
    assert pdf.headers["Content-Type"] == "application/pdf"
    for user in (testdata.FILES["pn_validated2"], "commander.pn", "auditor"):
        refused = requests.get(
            f"{url}/@@document.pdf",
            auth=_auth(testdata, user),
            allow_redirects=False,
            timeout=30,
        )
        assert refused.status_code in (302, 401, 403, 404), user
    mine = requests.get(
        f"{portal.absolute_url()}/@@mon-dossier",
        auth=_auth(testdata, officer),
        timeout=30,
    )
    assert f"{url}/@@document.pdf" in mine.text and document.number in mine.text
    check = _qr_of(pdf.content, tmp_path)
    assert "/@@verifier-document?t=" in check
    page = requests.get(check, timeout=30)  # anonymous
    assert page.status_code == 200 and "Document valide" in page.text
    assert page.headers["X-Robots-Tag"] == "noindex"
    assert "Attestation de service" in page.text
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert file.full_name in page.text and file.matricule not in page.text
    forged = requests.get(
        check[:-2] + ("AA" if check[-2:] != "AA" else "BB"), timeout=30
    )
    assert forged.status_code == 404 and "Document inconnu" in forged.text
    login(portal, "hrmanager.pn")
    attestation_api.end(
        attestation=document,
        transition="revoke",
        reason="Erreur",
        today=REFERENCE_DATE,
    )
    transaction.commit()
    revoked = requests.get(check, timeout=30)
    assert revoked.status_code == 200 and "Document révoqué" in revoked.text


def test_register_and_export(functional, testdata):
    portal = functional["portal"]
    document = issued(portal, testdata)
    transaction.commit()
    agency = f"{portal.absolute_url()}/police-nationale"
    page = requests.get(
        f"{agency}/@@registre-attestations?year=2026",
        auth=_auth(testdata, "auditor"),
        timeout=30,
    )
    assert page.status_code == 200 and document.number in page.text
    xlsx = requests.get(
        f"{agency}/@@registre-attestations.xlsx",
        auth=_auth(testdata, "hrmanager.pn"),
        timeout=30,
    )
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == document.number and rows[1][2] == document.aq_parent.matricule
    for user in ("clerk.pn", "commander.pn", "hrmanager.ocs"):
        refused = requests.get(
            f"{agency}/@@registre-attestations",
            auth=_auth(testdata, user),
            allow_redirects=False,
            timeout=30,
        )
        assert refused.status_code in (302, 401, 403, 404), user
