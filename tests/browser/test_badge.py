"""Acceptance scenario of the badge, in a real browser (Classic UI, French).

1. clerk.pn opens a draft file, uploads an ID photo and frames it with the
   crop box, submits the file; a reviewer validates it (REST, four eyes);
2. clerk.pn requests a badge ("Demander une carte"), prints it from the
   agency's "Impression des cartes" page and downloads the batch PDF;
3. the QR code of the card (decoded with zbarimg) opened by an anonymous
   citizen says "Carte valide" with the name;
4. clerk.pn revokes the card (lost); the same URL now says "Carte révoquée".
"""

import io
from PIL import Image
from playwright.sync_api import expect
import pytest
import re
import requests
from sirhp.policy.setuphandlers.photos import synthetic_photo
import subprocess
import tempfile
from tests.browser.test_file_lifecycle import fire_transition
from tests.browser.test_file_lifecycle import login
import transaction


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def _decode_qr(pdf):
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/cards.pdf", "wb") as out:
            out.write(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "300",
                "-f",
                "2",
                "-l",
                "2",
                "-png",
                f"{tmp}/cards.pdf",
                f"{tmp}/back",
            ],
            check=True,
        )
        png = next(p for p in __import__("os").listdir(tmp) if p.endswith(".png"))
        out = subprocess.run(
            ["zbarimg", "-q", f"{tmp}/{png}"], capture_output=True, text=True
        ).stdout
    urls = re.findall(r"QR-Code:(\S+)", out)
    assert len(urls) == 1, out
    return urls[0]


def test_photo_badge_print_verify_revoke(
    functional, testdata, browser, page, portal_url, tmp_path
):
    file_url = f"{portal_url}/{testdata.path_of('pn_draft')}"
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(synthetic_photo(11, 800, 1000))

    # 1. Photo: choose, frame (move the box, enlarge it), save.
    login(page, portal_url, "clerk.pn", testdata.PASSWORD)
    page.goto(file_url)
    page.locator("a.sirhp-change-photo").click()
    # the page's script (deferred) must listen before a file is chosen: on a
    # loaded machine the input was filled before it ran
    page.wait_for_url("**/@@photo-identite*")
    page.wait_for_load_state("load")
    page.locator("#photo-file").set_input_files(str(photo))
    box = page.locator("#crop-box")
    expect(box).to_be_visible()
    first_crop = page.locator("#crop").input_value()
    assert re.fullmatch(r"\d+,\d+,\d+,\d+", first_crop)
    bounds = box.bounding_box()
    page.mouse.move(bounds["x"] + 20, bounds["y"] + 20)
    page.mouse.down()
    page.mouse.move(bounds["x"] + 10, bounds["y"] + 5, steps=4)
    page.mouse.up()
    handle = page.locator("#crop-handle").bounding_box()
    page.mouse.move(handle["x"] + 8, handle["y"] + 8)
    page.mouse.down()
    page.mouse.move(handle["x"] + 30, handle["y"] + 40, steps=4)
    page.mouse.up()
    crop = page.locator("#crop").input_value()
    assert crop != first_crop
    x, y, w, h = (int(v) for v in crop.split(","))
    assert abs(w / h - 7 / 9) < 0.02
    page.locator("#photo-save").click()
    expect(page.locator(".portalMessage").first).to_contain_text(
        "Photo d'identité enregistrée"
    )
    expect(page.locator("img.sirhp-photo")).to_be_visible()
    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert file.photo_crop == crop
    stored = Image.open(io.BytesIO(file.photo.data))
    assert abs(stored.width / stored.height - 7 / 9) < 0.02

    fire_transition(page, "submit")
    validated = requests.post(
        f"{file_url}/@workflow/validate",
        json={"comment": "Pièces vérifiées"},
        auth=("reviewer.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert validated.status_code == 200, validated.text

    # 2. Request a badge, print it from the agency page.
    page.goto(file_url)
    page.locator("a.sirhp-request-badge").click()
    page.locator("#form-buttons-save").click()
    number = page.locator("dd.card-number").inner_text().strip()
    assert re.fullmatch(r"PN-\w{4}-\w{4}-\w", number)
    expect(page.locator("#badge-state")).to_have_text("Demandée")

    page.goto(f"{portal_url}/police-nationale/@@impression-cartes")
    row = page.locator("tr", has_text=number)
    expect(row.locator("input[type=checkbox]")).to_be_checked()
    # print only this card
    for checkbox in page.locator("input[name='uids:list']").all():
        if checkbox.get_attribute("aria-label") != number:
            checkbox.uncheck()
    page.locator("#print-submit").click()
    expect(page.locator(".portalMessage").first).to_contain_text("Lot imprimé")
    pdf_url = page.locator("#batch-pdf").get_attribute("href")
    pdf = page.context.request.get(pdf_url)
    assert pdf.headers["content-type"] == "application/pdf"
    qr_url = _decode_qr(pdf.body())
    assert qr_url.startswith(f"{portal_url}/@@carte/")

    # 3. A citizen scans the card.
    citizen = browser.new_context(locale="fr-FR")
    public = citizen.new_page()
    public.goto(qr_url)
    expect(public.locator("#resultat .status")).to_have_text("Carte valide")
    expect(public.locator(".holder-name")).to_have_text(file.full_name)
    assert public.locator("script").count() == 0

    # 4. The card is lost: revoked.
    page.goto(f"{file_url}")
    page.locator("#cartes a", has_text=number).click()
    page.locator("a.sirhp-transition-revoke").click()
    page.locator("#revocation_reason").select_option("lost")
    page.locator("#comment").fill("Perdue lors d'une patrouille")
    page.locator("form button[name='form.submitted']").click()
    expect(page.locator("#badge-state")).to_have_text("Révoquée")

    public.goto(qr_url)
    expect(public.locator("#resultat .status")).to_have_text("Carte révoquée")
    expect(public.locator(".holder-name")).to_have_count(0)
    citizen.close()
