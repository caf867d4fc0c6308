"""The staff finder and a deployment list in a real browser (Classic UI,
French).

Set up in process (no page writes them in one go): four validated files in
the Commissariat central de Ségou, all speaking Bambara; the OPJ course's
2026 session closed with three of them passed (the training act is filed
by the closing) and one failed; one of those passed on approved leave next
week (reference date + 5 to + 10 days).

Then hrmanager.pn, from his home page: « Recherche de personnel », available
on the reference date + 7 days, facets Bambara, OPJ, Ségou: the two
available OPJ officers, not the one on leave nor the one who failed;
« Enregistrer comme liste », activates it, downloads its XLSX: its rows are
the officers found.
"""

from datetime import timedelta
from io import BytesIO
from openpyxl import load_workbook
from playwright.sync_api import expect
from plone import api
from plone.app.testing import login as login_in_process
import pytest
import re
from sirhp.content.leave import api as leave_api
from sirhp.content.training import api as training_api
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.browser.test_file_lifecycle import fire_transition
from tests.browser.test_file_lifecycle import login
from tests.training.helpers import planned_session
import transaction

UNIT = "dr-segou/commissariat-segou"
AVAILABLE_ON = REFERENCE_DATE + timedelta(days=7)
LEAVE = (REFERENCE_DATE + timedelta(days=5), REFERENCE_DATE + timedelta(days=10))
# passed OPJ and available, passed OPJ but on leave, failed OPJ
RESULTS = ("passed", "passed", "passed", "failed")


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


@pytest.fixture
def segou(functional, testdata):
    """``{"found": [matricules], "on_leave": matricule, "failed": matricule}``."""
    portal = functional["portal"]
    login_in_process(portal, "siteadmin")  # the generator finds the units
    with api.env.adopt_roles(["Manager"]):
        generator = demo.Generator(
            portal,
            seed=17,
            accounts=False,
            password=testdata.PASSWORD,
            documents=False,
            offset=50,  # after the test data's matricules
        )
        files = [
            generator.create_file("police-nationale", state="validated", unit_path=UNIT)
            for _result in RESULTS
        ]
        for file in files:
            file.status = "active"
            file.languages = sorted(set(file.languages or ()) | {"bm"})
            file.reindexObject()
    _agency, session, _files = planned_session(portal, testdata, capacity=len(files))
    for file, result in zip(files, RESULTS, strict=True):
        training_api.nominate(session=session, file=file)
        training_api.record_result(session=session, file=file, result=result)
    api.content.transition(obj=session, transition="record")
    login_in_process(portal, "siteadmin")
    api.content.transition(obj=session, transition="close")
    login_in_process(portal, "clerk.pn")
    leave = leave_api.request_leave(
        file=files[2],
        leave_type="annual",
        start=LEAVE[0],
        end=LEAVE[1],
        reason="Congé annuel",
        today=REFERENCE_DATE,
    )
    login_in_process(portal, "hrmanager.pn")
    api.content.transition(obj=leave, transition="approve")
    transaction.commit()
    return {
        "found": sorted(f.matricule for f in files[:2]),
        "on_leave": files[2].matricule,
        "failed": files[3].matricule,
    }


def _facet(page, group, value):
    """Click the facet value ``value`` of the group titled ``group``."""
    section = page.locator("#facettes section", has=page.locator("h2", has_text=group))
    section.locator("a", has_text=value).first.click()
    page.wait_for_load_state()


def _matricules(page):
    cells = page.locator("#resultats table tbody tr td:first-child")
    return sorted(cell.strip() for cell in cells.all_inner_texts())


def test_find_save_activate_export(
    functional, testdata, page, portal_url, segou, tmp_path
):
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(portal_url)
    row = page.locator("#agences tbody tr", has_text="Police nationale")
    row.locator("a.sirhp-finder-link").click()
    expect(page).to_have_url(re.compile(r"/police-nationale/@@recherche-deploiement"))

    # --- the search: available next week, Bambara, OPJ, Ségou --------------
    page.locator("#available_on").fill(AVAILABLE_ON.isoformat())
    page.locator("#content").get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    _facet(page, "Langue", "Bambara")
    _facet(page, "Formation valide", "Officier de police judiciaire")
    _facet(page, "Région", "Ségou")
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator("#available_on")).to_have_value(AVAILABLE_ON.isoformat())
    expect(page.locator("#resultats")).to_contain_text("Agents trouvés : 2")
    assert _matricules(page) == segou["found"]
    content = page.locator("#resultats").inner_text()
    assert segou["on_leave"] not in content and segou["failed"] not in content
    # each facet counts what is found: the chosen values count both officers
    for group, value in (("Langue", "Bambara"), ("Région", "Ségou")):
        section = page.locator(
            "#facettes section", has=page.locator("h2", has_text=group)
        )
        expect(section.locator("li", has_text=value)).to_contain_text("(2)")

    # --- saved as a list, activated ----------------------------------------
    form = page.locator("#enregistrer-liste")
    form.locator("#list_title").fill("Renfort Ségou")
    form.locator("#list_purpose").fill("Enquêtes judiciaires à Ségou")
    form.locator("#list_start").fill(AVAILABLE_ON.isoformat())
    form.locator("#list_end").fill((AVAILABLE_ON + timedelta(days=4)).isoformat())
    form.locator("input[name='list_notify']").check()
    form.get_by_role("button", name="Enregistrer comme liste").click()
    page.wait_for_load_state()
    expect(page.locator("h1.documentFirstHeading")).to_contain_text("Renfort Ségou")
    expect(page.locator("#membres tbody tr")).to_have_count(2)
    fire_transition(page, "activate")
    expect(page.locator(".sirhp-deployment-list")).to_contain_text("Active")
    expect(page.locator("a.sirhp-transition-activate")).to_have_count(0)

    # --- its XLSX: the officers found --------------------------------------
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (XLSX)").click()
    download.value.save_as(tmp_path / "liste.xlsx")
    book = load_workbook(BytesIO((tmp_path / "liste.xlsx").read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Matricule"
    assert sorted(str(r[0]) for r in rows[1:]) == segou["found"]
    assert all(r[5] == "Bambara" for r in rows[1:])
