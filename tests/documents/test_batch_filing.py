"""Cover sheets and batch filing (classement par lot): split, filed as drafts
of the right type in the right file, holding area for what cannot be placed."""

from base64 import b64encode
from pathlib import Path
from plone import api
import requests
from sirhp.content.documents import api as documents
from sirhp.content.documents import cover_sheet
from sirhp.content.documents import rules
import subprocess
import tempfile
from tests.documents import stacks
import transaction


def test_cover_sheet_qr_read_back():
    pdf = cover_sheet.render_cover_sheets(
        [
            {
                "matricule": "100001J",
                "document_type": "diplome",
                "type_label": "Diplôme",
                "name": "A",
                "agency": "PN",
            }
        ]
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        path.write_bytes(pdf)
        marks = cover_sheet.read_stack(path)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout
    assert marks[0].cover == rules.CoverCode("100001J", "diplome")
    assert b"100001J" in text and "Diplôme".encode() in text


def test_plan_split_rules():
    Mark = rules.PageMark
    code = rules.CoverCode
    marks = [
        Mark(1),
        Mark(2, code("A1", "diplome"), True),
        Mark(3),
        Mark(4),
        Mark(5, None, True),  # unreadable cover sheet
        Mark(6),
        Mark(7, code("B2", "autre"), True),
        Mark(8, code("C3", "autre"), True),  # cover without pages
        Mark(9),
    ]
    parts, held, empty = rules.plan_split(marks)
    assert [(p.matricule, p.pages) for p in parts] == [("A1", [3, 4]), ("C3", [9])]
    assert [(h.reason, h.pages) for h in held] == [
        (rules.MSG_BEFORE_FIRST, [1]),
        ("Fiche de séparation illisible (page 5)", [5, 6]),
    ]
    assert empty == [7]


def test_cover_sheet_page(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}/@@fiche-separation"
    auth = ("clerk.pn", testdata.PASSWORD)
    form = requests.get(url, auth=auth, timeout=30)
    assert form.status_code == 200 and "Imprimer la fiche" in form.text
    pdf = requests.get(url, params={"type": "diplome"}, auth=auth, timeout=30)
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # the other agency's clerk may not
    other = requests.get(
        url, auth=("clerk.ocs", testdata.PASSWORD), timeout=30, allow_redirects=False
    )
    assert other.status_code in (302, 401, 403, 404)  # hidden: like a missing id


def test_stack_split_and_filed(portal, testdata):
    draft = testdata.FILES["pn_draft"]
    validated = testdata.FILES["pn_validated"]
    ocs = testdata.FILES["ocs_draft"]
    plan = [
        ("page", "orpheline avant la première fiche"),
        ("cover", draft, "diplome"),
        ("page", "diplome p1"),
        ("page", "diplome p2"),
        ("cover", draft, "acte-naissance"),
        ("page", "acte p1"),
        ("smudged", draft, "arrete-nomination"),
        ("page", "après fiche illisible"),
        ("cover", ocs, "diplome"),  # file of the other agency
        ("page", "ocs p1"),
        ("cover", validated, "diplome"),  # validated file: clerk may not add? see below
        ("page", "validé p1"),
    ]
    data = stacks.stack_pdf(plan)
    agency = portal["police-nationale"]
    with api.env.adopt_user(username="clerk.pn"):
        report = documents.file_stack(agency=agency, files=[data], filename="pile.pdf")
    assert report["pages"] == 12
    filed = {(f["matricule"], f["document_type"]): f for f in report["filed"]}
    assert set(filed) >= {(draft, "diplome"), (draft, "acte-naissance")}
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    docs = {
        d.document_type: d
        for d in file.objectValues()
        if d.portal_type == "ScannedDocument"
    }
    assert docs["diplome"].page_count == 2
    assert docs["acte-naissance"].page_count == 1
    assert api.content.get_state(docs["diplome"]) == "draft"
    assert docs["diplome"].batch_id == report["batch_id"]
    assert docs["diplome"].scan_source == "batch"
    assert docs["diplome"].text_status == "pending"
    reasons = [h["reason"] for h in report["held"]]
    assert rules.MSG_BEFORE_FIRST in reasons
    assert "Fiche de séparation illisible (page 7)" in reasons
    assert f"Dossier {ocs} introuvable dans cette agence" in reasons
    held_pages = sorted(p for h in report["held"] for p in h["pages"])
    filed_pages = sorted(p for f in report["filed"] for p in f["pages"])
    covers = [2, 5, 9, 11]
    # every page is somewhere: filed, held, or a cover sheet
    assert sorted(held_pages + filed_pages + covers) == list(range(1, 13))
    area = documents.holding_area(agency=agency)
    assert len(area) == len(report["held"])
    # a held item is filed later from the holding area
    item_id = next(h["id"] for h in report["held"] if "illisible" in h["reason"])
    with api.env.adopt_user(username="clerk.pn"):
        doc = documents.file_held_item(
            agency=agency,
            item_id=item_id,
            matricule=draft,
            document_type="arrete-nomination",
        )
    assert doc.page_count == 2 and item_id not in area


def test_batch_page_and_rest(functional, testdata):
    portal = functional["portal"]
    draft = testdata.FILES["pn_draft"]
    data = stacks.stack_pdf([("cover", draft, "diplome"), ("page", "p1")])
    agency_url = f"{portal.absolute_url()}/police-nationale"
    auth = ("clerk.pn", testdata.PASSWORD)
    response = requests.post(
        f"{agency_url}/@batch-filing",
        json={"data": b64encode(data).decode()},
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=120,
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert len(report["filed"]) == 1 and not report["held"]
    page = requests.get(
        f"{agency_url}/@@classement-par-lot",
        params={"lot": report["batch_id"]},
        auth=auth,
        timeout=30,
    )
    assert "1 pièces classées" in page.text or "pièces classées" in page.text
    assert draft in page.text
    # a refused stack: French message, nothing stored
    bad = requests.post(
        f"{agency_url}/@batch-filing",
        json={"data": b64encode(b"<html></html>").decode()},
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert bad.status_code == 400 and "HTML" in bad.json()["message"]
    # the other agency's clerk may not use this agency's page
    other = requests.get(
        f"{agency_url}/@@classement-par-lot",
        auth=("clerk.ocs", testdata.PASSWORD),
        timeout=30,
        allow_redirects=False,
    )
    assert other.status_code in (302, 401, 403, 404)  # hidden: like a missing id
    transaction.begin()


def test_a_stack_is_read_once_for_a_retry(portal, testdata, monkeypatch):
    """The same bytes filed again (Zope's retry after a write conflict) are
    not rendered again; the files are still checked as the user of each
    try: the other agency's clerk gets the pages held, not filed."""
    from sirhp.content.documents import stack_reading

    stack_reading.forget()
    reads = []
    original = cover_sheet.read_stack
    monkeypatch.setattr(
        cover_sheet, "read_stack", lambda path: reads.append(path) or original(path)
    )
    draft = testdata.FILES["pn_draft"]
    data = stacks.stack_pdf([("cover", draft, "diplome"), ("page", "diplome p1")])
    agency = portal["police-nationale"]
    with api.env.adopt_user(username="clerk.pn"):
        first = documents.file_stack(agency=agency, files=[data])
        again = documents.file_stack(agency=agency, files=[data])
    assert len(reads) == 1
    assert [f["matricule"] for f in first["filed"]] == [draft]
    assert [f["matricule"] for f in again["filed"]] == [draft]
    assert first["batch_id"] != again["batch_id"]
    with api.env.adopt_user(username="clerk.ocs"):
        other = documents.file_stack(agency=agency, files=[data])
    assert len(reads) == 1 and other["filed"] == [] and other["held"]
    changed = stacks.stack_pdf([("cover", draft, "diplome"), ("page", "autre p1")])
    with api.env.adopt_user(username="clerk.pn"):
        documents.file_stack(agency=agency, files=[changed])
    assert len(reads) == 2
    stack_reading.forget()


def test_kept_readings_are_few_and_short_lived(monkeypatch):
    from sirhp.content.documents import stack_reading

    stack_reading.forget()
    clock = [1000.0]
    read = []
    monkeypatch.setattr(stack_reading.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(
        stack_reading, "_read", lambda files, mb: read.append(files) or (b"", 0, ())
    )
    for data in (b"a", b"b", b"a"):
        stack_reading.read([data], 20)
    assert read == [[b"a"], [b"b"]]
    stack_reading.read([b"a"], 30)  # another upload limit: read again
    stack_reading.read([b"c"], 20)  # KEEP = 2: the oldest are dropped
    stack_reading.read([b"b"], 20)
    assert len(read) == 5
    clock[0] += stack_reading.TTL
    stack_reading.read([b"b"], 20)  # kept TTL seconds at most
    assert len(read) == 6
    stack_reading.forget()
