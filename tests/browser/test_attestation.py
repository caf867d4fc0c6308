"""Official documents on request in a real browser (Classic UI, French).

1. Officer A, on a phone (360x740), asks from Mon dossier for an
   attestation de service;
2. hrmanager.pn finds it under « Attestations à délivrer » on his home page,
   types the signer and « Délivrer »;
3. the officer downloads the PDF from Mon dossier; its QR code (pdftoppm +
   zbarimg) opened by an anonymous visitor says « Document valide ».

Functional layer: a real WSGI server, driven by Debian's Chromium. No set-up
outside the pages.
"""

from playwright.sync_api import expect
import pytest
import re
import subprocess
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout

PHONE = {"width": 360, "height": 740}
SIGNER = ("Moussa KONE", "Directeur des ressources humaines")


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def _qr_of(pdf, tmp_path):
    """The URL of the first page's QR code."""
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile"]
        + [str(tmp_path / "d.pdf"), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    out = subprocess.run(
        ["zbarimg", "-q", "--nodbus", str(tmp_path / "p.png")],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    urls = re.findall(r"QR-Code:(\S+)", out)
    assert len(urls) == 1, out
    return urls[0]


def _phone(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True)
    context.set_default_timeout(30_000)
    return context


def test_request_issue_download_verify(
    functional, testdata, browser, page, portal_url, tmp_path
):
    officer = testdata.FILES["pn_validated"]
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_validated"))
    full_name = file.full_name

    # --- 1. The officer asks for an attestation, on a phone ----------------
    context = _phone(browser)
    phone = context.new_page()
    try:
        login(phone, portal_url, officer, testdata.PASSWORD)
        phone.goto(f"{portal_url}/@@mon-dossier")
        phone.locator("#mon-attestation").click()
        phone.locator("#kind").select_option(label="Attestation de service")
        phone.locator("#purpose").fill("Dossier de visa")
        phone.get_by_role("button", name="Demander").click()
        expect(phone.locator("#attestation-error")).to_have_count(0)
        expect(phone.locator("#attestation-done")).to_be_visible()
        row = phone.locator("#mes-attestations tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Attestation de service")
        expect(row.locator(".attestation-download")).to_have_count(0)
        logout(phone, portal_url)
    finally:
        context.close()

    # --- 2. The HR manager issues it from his home page --------------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(portal_url)
    waiting = page.locator("#attestations-a-delivrer")
    expect(waiting.locator("h2")).to_contain_text("Attestations à délivrer")
    expect(waiting.locator("li")).to_have_count(1)
    waiting.locator("li a").first.click()
    expect(page.locator("#attestation-download")).to_have_count(0)
    page.locator("#signer_name").fill(SIGNER[0])
    page.locator("#signer_title").fill(SIGNER[1])
    page.get_by_role("button", name="Délivrer").click()
    expect(page.locator("#attestation-error")).to_have_count(0)
    expect(page.locator("#attestation-state")).to_have_text("Délivrée")
    number = page.locator("h1.documentFirstHeading span").inner_text().strip()
    assert number
    page.goto(portal_url)
    expect(page.locator("#attestations-a-delivrer")).to_have_count(0)
    logout(page, portal_url)

    # --- 3. The officer downloads it; the QR code checks anonymously -------
    context = _phone(browser)
    phone = context.new_page()
    try:
        login(phone, portal_url, officer, testdata.PASSWORD)
        phone.goto(f"{portal_url}/@@mon-dossier")
        mine = phone.locator("#attestations li", has_text=number)
        expect(mine).to_have_count(1)
        with phone.expect_download() as download:
            mine.locator("a.attestation-download").click()
        download.value.save_as(tmp_path / "downloaded.pdf")
        pdf = (tmp_path / "downloaded.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()
    check = _qr_of(pdf, tmp_path)
    assert "/@@verifier-document?t=" in check

    anonymous = browser.new_context(locale="fr-FR")
    try:
        public = anonymous.new_page()
        public.goto(check)
        expect(public.locator("#resultat .status")).to_have_text("Document valide")
        expect(public.locator(".document-kind")).to_have_text("Attestation de service")
        expect(public.locator(".holder-name")).to_have_text(full_name)
        assert file.matricule not in public.locator("body").inner_text()
    finally:
        anonymous.close()
