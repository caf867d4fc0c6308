"""Acceptance scenario of batch filing, in a real browser (Classic UI, French).

clerk.pn opens a draft file, prints a cover sheet for a diploma; the sheet
is "scanned" (rasterised) in front of two generated pages, and the stack
(plus an unreadable cover sheet and its page) is uploaded on the agency's
"Classement par lot" page; the clerk reads the report and opens the filed
document.
"""

from pathlib import Path
from PIL import Image
from playwright.sync_api import expect
import subprocess
import tempfile
from tests.browser.test_file_lifecycle import login
from tests.documents import stacks


def _scan(pdf: bytes, dpi=100):
    with tempfile.TemporaryDirectory() as tmp:
        Path(f"{tmp}/c.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", f"{tmp}/c.pdf", f"{tmp}/c"],
            check=True,
        )
        image = Image.open(next(Path(tmp).glob("c-*.png")))
        image.load()
    return image


def test_print_cover_upload_stack_open_document(functional, testdata, page, tmp_path):
    portal_url = functional["portal"].absolute_url()
    matricule = testdata.FILES["pn_draft"]
    login(page, portal_url, "clerk.pn", testdata.PASSWORD)
    page.goto(f"{portal_url}/{testdata.path_of('pn_draft')}")
    page.locator("a.sirhp-cover-sheet").click()
    page.locator("select#type").select_option("diplome")
    with page.expect_popup() as info:
        page.locator("button.sirhp-print-cover").click()
    popup = info.value
    assert "fiche-separation?type=diplome" in popup.url
    # what the printer gets: the same URL, with the clerk's session
    response = page.context.request.get(popup.url)
    assert response.headers["content-type"] == "application/pdf"
    cover = _scan(response.body())

    pages = [stacks.page("Diplôme de licence — page 1"), stacks.page("page 2")]
    smudged = stacks.smudge(stacks.cover_images([(matricule, "autre")])[0])
    stack = stacks.images_pdf([cover, *pages, smudged, stacks.page("perdue")], 100)
    path = tmp_path / "pile.pdf"
    path.write_bytes(stack)

    page.goto(f"{portal_url}/police-nationale")
    page.locator("a.sirhp-batch-link").click()
    page.locator("input#pile").set_input_files(str(path))
    page.locator("button.sirhp-file-batch").click()
    expect(page.locator(".sirhp-report-title")).to_contain_text("Rapport du lot")
    expect(page.locator(".sirhp-report-summary")).to_contain_text("1 pièces classées")
    expect(page.locator(".sirhp-report-filed")).to_contain_text(matricule)
    expect(page.locator(".sirhp-report-held")).to_contain_text(
        "Fiche de séparation illisible (page 4)"
    )
    page.screenshot(path=str(tmp_path / "report.png"))
    page.locator("a.sirhp-filed-document").first.click()
    expect(page.locator("h1.documentFirstHeading")).to_contain_text("Diplôme")
    expect(page.locator(".field-page_count")).to_contain_text("2")
    expect(page.locator(".sirhp-text-status")).to_contain_text(
        "Texte en cours d'extraction"
    )
