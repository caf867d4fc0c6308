"""A small concours in a real browser (Classic UI, French).

1. recruiter.pn, from the « Recrutement » section of his home page, creates
   a campaign of the Police nationale (the add form): 3 posts, quotas Ségou
   1 and Kayes 1 (the third post on national merit); adds 5 candidates
   (@@ajouter-candidat), opens the campaign, types the marks of 4 of them
   (@@notes) and imports the fifth's from a spreadsheet (@@import-notes:
   dry run, then confirm), closes and proposes the results; he is not
   offered their publication (four eyes);
2. hrmanager.pn publishes them, reads @@resultats (main list: the quota
   of each region and the national merit, with the why; the waiting lists)
   and creates the admitted candidates' files: three draft files with a
   matricule and a recruitment act.

Functional layer: a real WSGI server, driven by Debian's Chromium. No set-up
outside the pages.
"""

from datetime import timedelta
from io import BytesIO
from openpyxl import Workbook
from playwright.sync_api import expect
from plone import api
import pytest
import re
from sirhp.content.recruitment import rules
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.browser.test_file_lifecycle import fire_transition
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout
import transaction

# last name, NINA, sex, region, the same mark at every stage
CANDIDATES = (
    ("Coulibaly", "SEG000000000001", "F", "segou", 18),
    ("Diarra", "SEG000000000002", "M", "segou", 16),
    ("Keita", "KAY000000000001", "M", "kayes", 12),
    ("Sissoko", "KAY000000000002", "F", "kayes", 11),
    ("Guindo", "MOP000000000001", "M", "mopti", 14),
)
IMPORTED = CANDIDATES[4]  # his marks come from the spreadsheet
STAGES = [line.split("|")[0] for line in rules.DEFAULT_STAGES]


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def _spreadsheet(path, candidate):
    book = Workbook()
    book.active.append(["NINA", *STAGES])
    book.active.append([candidate[1], *[candidate[4]] * len(STAGES)])
    out = BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def _create_campaign(page, portal_url):
    page.goto(portal_url)
    section = page.locator("#recrutement")
    expect(section.locator("h2")).to_have_text("Recrutement")
    section.locator("a.sirhp-new-campaign", has_text="Police nationale").click()
    expect(page).to_have_url(re.compile(r"/\+\+add\+\+RecruitmentCampaign"))
    page.wait_for_load_state("load")
    page.locator("#form-widgets-title").fill("Concours d'agents 2026")
    page.locator("#form-widgets-corps").select_option("sous-officiers")
    page.locator("#form-widgets-grade").select_option("agent")
    page.locator("#form-widgets-posts").fill("3")
    page.locator("#form-widgets-quotas").fill("segou|1\nkayes|1")
    page.locator("#form-widgets-start").fill(REFERENCE_DATE.isoformat())
    end = REFERENCE_DATE + timedelta(days=60)
    page.locator("#form-widgets-end").fill(end.isoformat())
    page.locator("#form-buttons-save").click()
    page.wait_for_load_state()
    expect(page.locator("#form .invalid-feedback, #form .is-invalid")).to_have_count(0)
    expect(page.locator("h1.documentFirstHeading")).to_have_text(
        "Concours d'agents 2026"
    )
    return page.url.split("?")[0].removesuffix("/view").rstrip("/")


def _add_candidate(page, campaign_url, candidate):
    last_name, nina, sex, region, _mark = candidate
    page.goto(campaign_url)
    page.get_by_role("link", name="Ajouter un candidat").click()
    page.locator("#last_name").fill(last_name)
    page.locator("#first_names").fill("Awa" if sex == "F" else "Moussa")
    page.locator("#nina").fill(nina)
    page.locator("#sex").select_option(sex)
    page.locator("#birth_date").fill("2001-03-15")
    page.locator("#region_of_origin").select_option(region)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator(".sirhp-candidates tbody tr", has_text=nina)).to_have_count(1)


def _type_marks(page, candidate):
    row = page.locator(".sirhp-candidates tbody tr", has_text=candidate[1])
    row.locator("a").first.click()
    for code in STAGES:
        page.locator(f"#mark_{code}").fill(str(candidate[4]))
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator(".alert-success")).to_have_text("Enregistré.")
    page.get_by_role("link", name="Retour à la campagne").click()


def test_campaign_to_results_and_files(
    functional, testdata, page, portal_url, tmp_path
):
    # --- 1. The recruitment officer runs the campaign ----------------------
    login(page, portal_url, "recruiter.pn", testdata.PASSWORD)
    campaign_url = _create_campaign(page, portal_url)
    for candidate in CANDIDATES:
        _add_candidate(page, campaign_url, candidate)
    fire_transition(page, "open")
    expect(page.locator(".sirhp-state")).to_have_text("Candidatures ouvertes")
    for candidate in CANDIDATES:
        if candidate is not IMPORTED:
            _type_marks(page, candidate)

    page.get_by_role("link", name="Importer des notes").click()
    page.locator("input[name='file']").set_input_files(
        str(_spreadsheet(tmp_path / "notes.xlsx", IMPORTED))
    )
    page.get_by_role("button", name="Vérifier (sans enregistrer)").click()
    report = page.locator(".sirhp-import-report tbody tr")
    expect(report).to_have_count(1)
    expect(report).to_contain_text(IMPORTED[1])
    expect(page.locator(".sirhp-import-report .table-danger")).to_have_count(0)
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.locator(".alert-success")).to_have_text("Notes enregistrées.")
    page.goto(campaign_url)
    imported = page.locator(".sirhp-candidates tbody tr", has_text=IMPORTED[1])
    expect(imported).to_contain_text("Admissible")

    fire_transition(page, "close")
    fire_transition(page, "propose_results")
    expect(page.locator(".sirhp-state")).to_have_text("Résultats proposés")
    # four eyes: the proposer is not offered the publication
    expect(page.locator("a.sirhp-transition-publish")).to_have_count(0)
    logout(page, portal_url)

    # --- 2. The HR manager publishes and creates the files -----------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(portal_url)
    page.locator("#recrutement a", has_text="Concours d'agents 2026").click()
    fire_transition(page, "publish")
    expect(page.locator(".sirhp-state")).to_have_text("Résultats publiés")
    page.get_by_role("link", name="Résultats", exact=True).click()
    main = page.locator(".sirhp-main-list tbody tr")
    expect(main).to_have_count(3)
    by = {}
    for index in range(3):
        cells = main.nth(index).locator("td").all_inner_texts()
        by[cells[1].split()[0]] = (cells[2], cells[4], cells[5])
    assert sorted(by) == ["COULIBALY", "DIARRA", "KEITA"]
    assert by["COULIBALY"][:2] == ("Ségou", "Quota régional")
    assert by["KEITA"][:2] == ("Kayes", "Quota régional")
    assert by["DIARRA"][:2] == ("Ségou", "Mérite national")
    assert all(why.strip() for _region, _by, why in by.values())
    waiting = page.locator(".sirhp-waiting-list tbody tr")
    expect(waiting.filter(has_text="SISSOKO")).to_have_count(1)
    expect(waiting.filter(has_text="GUINDO")).to_have_count(1)

    page.locator("#hire_date").fill((REFERENCE_DATE + timedelta(days=61)).isoformat())
    page.get_by_role("button", name="Créer les dossiers des admis").click()
    expect(page.locator(".alert-danger")).to_have_count(0)
    created = page.locator(".alert-success ul").first.locator("li")
    expect(created).to_have_count(3)

    links = created.locator("a")
    urls = [links.nth(i).get_attribute("href") for i in range(3)]
    matricules = sorted(links.all_inner_texts())

    transaction.begin()
    portal = functional["portal"]
    files = [
        portal.unrestrictedTraverse(url.removeprefix(portal_url + "/")) for url in urls
    ]
    assert sorted(f.last_name for f in files) == ["Coulibaly", "Diarra", "Keita"]
    assert sorted(f.matricule for f in files) == matricules
    for file in files:
        assert api.content.get_state(obj=file) == "draft"
        assert re.fullmatch(r"1\d{5}[A-Z]", file.matricule), file.matricule
        acts = [
            obj
            for obj in file.objectValues()
            if getattr(obj, "portal_type", None) == "CareerEvent"
            and getattr(obj, "event_type", None) == "recruitment"
        ]
        assert len(acts) == 1, file.matricule
