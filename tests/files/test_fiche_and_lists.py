"""@@fiche-renseignements.pdf/.xlsx on a file and @@liste-nominative.pdf/.xlsx
on an agency over HTTP: the PDFs' text (pypdf), the workbooks (openpyxl)
equal to the page's rows, only readable fields (never the medical section),
journaled exports, and the wrong persons refused."""

from io import BytesIO
from openpyxl import load_workbook
from pypdf import PdfReader
import pytest
import re
import requests
from sirhp.policy.audit.journal import get_journal
import transaction

MEDICAL = "qzfichemedicalnote"


def _auth(testdata, login_):
    if login_ == "officer A":
        login_ = testdata.FILES["pn_validated"]
    return (login_, testdata.PASSWORD) if login_ else None


def _get(url, auth, **params):
    return requests.get(
        url, auth=auth, params=params, timeout=60, allow_redirects=False
    )


def _pdf_text(data):
    return "\n".join(p.extract_text() or "" for p in PdfReader(BytesIO(data)).pages)


def _book(data):
    book = load_workbook(BytesIO(data))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def _refused(response):
    if response.status_code in (301, 302, 303):
        return (
            "login" in response.headers["Location"]
            or "insufficient" in (response.headers["Location"])
        )
    return response.status_code in (401, 403, 404)


@pytest.fixture
def portal(functional):
    return functional["portal"]


@pytest.fixture
def file_a(portal, testdata):
    obj = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    obj.blood_group = "AB-"
    obj.medical_notes = MEDICAL
    transaction.commit()
    return obj


def _exports(query):
    return len(get_journal().query(action="export", **query))


@pytest.mark.parametrize("login_", ["hrmanager.pn", "clerk.pn", "officer A"])
def test_fiche_pdf_and_xlsx(file_a, testdata, login_):
    auth = _auth(testdata, login_)
    url = file_a.absolute_url()
    before = _exports({"user_id": auth[0]})
    answer = _get(f"{url}/@@fiche-renseignements.pdf", auth)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/pdf"
    assert f"fiche-{file_a.matricule}.pdf" in answer.headers["Content-Disposition"]
    text = _pdf_text(answer.content)
    assert "Fiche de renseignements" in text
    assert file_a.matricule in text and file_a.last_name in text
    assert "Police nationale" in text or "République du Mali" in text
    assert MEDICAL not in text and "AB-" not in text and "Groupe sanguin" not in text
    workbook = _get(f"{url}/@@fiche-renseignements.xlsx", auth)
    assert workbook.status_code == 200
    sheets = _book(workbook.content)
    assert list(sheets)[:4] == ["Identité", "Carrière", "Affectation", "Compétences"]
    assert "État des services" in sheets and "Formations" in sheets
    identity = dict(sheets["Identité"][1:])
    assert identity["Matricule"] == file_a.matricule
    assert identity["Nom"] == file_a.last_name
    cells = [str(c) for rows in sheets.values() for row in rows for c in row]
    assert MEDICAL not in cells and "AB-" not in cells
    # the career sheet: the validated acts of the file, as in the PDF
    career = sheets["État des services"]
    assert career[0] == ["Date", "Acte", "Grade", "Unité"]
    assert len(career) > 1
    for row in career[1:]:
        assert row[0] in text and row[1] in text
    # the same values as the file page (the page shows the same sections)
    page = _get(url, auth)
    assert page.status_code == 200
    for label, value in sheets["Identité"][1:]:
        assert (value or "—") in page.text, label
    assert _exports({"user_id": auth[0]}) == before + 2


def test_fiche_leaves_out_a_field_the_user_may_not_read(
    integration, testdata, monkeypatch
):
    """Every field goes through may_read_field: one refused is absent."""
    from plone.app.testing import login
    from sirhp.policy.files import fiche

    portal = integration["portal"]
    request = integration["request"]
    login(portal, "hrmanager.pn")
    obj = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    view = fiche.FicheXlsx(obj, request)
    labels = [label for _t, rows in view.readable_sections() for label, _v in rows]
    assert "Téléphone" in labels
    allowed = fiche.may_read_field
    monkeypatch.setattr(
        fiche, "may_read_field", lambda o, name: name != "phone" and allowed(o, name)
    )
    fewer = [label for _t, rows in view.readable_sections() for label, _v in rows]
    assert len(fewer) == len(labels) - 1
    assert "Téléphone" not in fewer


@pytest.mark.parametrize(
    "name", ["fiche-renseignements.pdf", "fiche-renseignements.xlsx"]
)
@pytest.mark.parametrize(
    "login_", ["officer A", "hrmanager.ocs", "clerk.ocs", None], ids=str
)
def test_fiche_refused(portal, testdata, name, login_):
    other = f"{portal.absolute_url()}/{testdata.path_of('pn_validated2')}"
    before = len(get_journal().query(action="export"))
    response = _get(f"{other}/@@{name}", _auth(testdata, login_))
    assert _refused(response), (response.status_code, response.text[:200])
    assert testdata.FILES["pn_validated2"] not in response.text
    assert len(get_journal().query(action="export")) == before


def _page_matricules(html):
    body = html.split("sirhp-list", 1)[1] if "sirhp-list" in html else ""
    return re.findall(r"<tr>\s*<td>([^<]*)</td>", body)


@pytest.mark.parametrize(
    "filters",
    [{}, {"review_state": "validated"}, {"q": "zzznobody"}],
    ids=["all", "validated", "none"],
)
def test_nominative_lists_equal_the_listing(portal, testdata, filters):
    auth = _auth(testdata, "hrmanager.pn")
    agency = f"{portal.absolute_url()}/police-nationale"
    page = _get(agency, auth, **filters)
    assert page.status_code == 200
    matricules = _page_matricules(page.text)
    if filters.get("q"):
        assert matricules == []
    else:
        assert len(matricules) >= 2
        assert "liste-nominative.xlsx" in page.text
        if filters:
            assert "review_state=validated" in page.text
    before = _exports({"user_id": "hrmanager.pn"})
    workbook = _get(f"{agency}/@@liste-nominative.xlsx", auth, **filters)
    assert workbook.status_code == 200
    (rows,) = _book(workbook.content).values()
    assert rows[0] == [
        "Matricule",
        "Nom et prénoms",
        "Grade",
        "Unité",
        "Corps",
        "Position",
        "État",
    ]
    assert [row[0] for row in rows[1:]] == matricules
    if filters.get("review_state"):
        assert {row[6] for row in rows[1:]} == {"Validé"}
    document = _get(f"{agency}/@@liste-nominative.pdf", auth, **filters)
    assert document.status_code == 200
    text = _pdf_text(document.content)
    assert "Liste nominative" in text
    for row in rows[1:]:
        assert row[0] in text
    assert _exports({"user_id": "hrmanager.pn"}) == before + 2


def test_nominative_list_follows_the_listing(portal, testdata):
    """Who may not open the agency listing (commanders, officers: no View on
    the agency) gets no list either."""
    agency = f"{portal.absolute_url()}/police-nationale"
    for login_ in ("commander.pn", "officer A"):
        auth = _auth(testdata, login_)
        assert _refused(_get(agency, auth))
        for name in ("liste-nominative.pdf", "liste-nominative.xlsx"):
            assert _refused(_get(f"{agency}/@@{name}", auth)), (login_, name)


@pytest.mark.parametrize("name", ["liste-nominative.pdf", "liste-nominative.xlsx"])
@pytest.mark.parametrize("login_", ["hrmanager.ocs", "clerk.ocs", None], ids=str)
def test_nominative_list_refused(portal, testdata, name, login_):
    agency = f"{portal.absolute_url()}/police-nationale"
    response = _get(f"{agency}/@@{name}", _auth(testdata, login_))
    assert _refused(response), (response.status_code, response.text[:200])
    assert testdata.FILES["pn_validated"] not in response.text
