"""@fairness, @@equite and its exports over HTTP: who gets them, the
shape of the answer, the French 400 on a bad year or an unknown table, the
XLSX (openpyxl) and PDF (pypdf) read back; everyone else refused."""

from io import BytesIO
from openpyxl import load_workbook
from pypdf import PdfReader
import pytest
import requests
from sirhp.policy.audit.journal import get_journal

JSON = {"Accept": "application/json"}
REFUSED = [
    "clerk.pn",
    "commander.pn",
    "reviewer.pn",
    "officer A",
    "hrmanager.ocs",
    None,
]


@pytest.fixture
def agency_url(functional):
    return functional["portal"].absolute_url() + "/police-nationale"


def _auth(testdata, login_):
    if login_ == "officer A":
        login_ = testdata.FILES["pn_validated"]
    return (login_, testdata.PASSWORD) if login_ else None


def _get(url, auth, headers=JSON, **params):
    return requests.get(
        url,
        auth=auth,
        headers=headers,
        params=params,
        timeout=60,
        allow_redirects=False,
    )


@pytest.mark.parametrize("login_", ["hrmanager.pn", "auditor"])
def test_rest_allowed(agency_url, testdata, login_):
    response = _get(f"{agency_url}/@fairness", _auth(testdata, login_), year="2026")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["year"] == 2026
    assert set(body["groupings"]) == {"sex", "region", "agency", "corps"}
    for grouping in body["groupings"].values():
        for group in grouping["groups"]:
            assert {"eligible", "promoted", "selection_rate", "impact_ratio"} <= set(
                group
            )
    assert body["method"][0]["text"].startswith("Éligibles")


def test_rest_on_the_portal_for_auditors(functional, testdata):
    url = functional["portal"].absolute_url() + "/@fairness"
    response = _get(url, _auth(testdata, "auditor"), year="2026")
    assert response.status_code == 200, response.text
    assert sorted(response.json()["agencies"]) == ["ocs", "police-nationale"]
    refused = _get(url, _auth(testdata, "hrmanager.pn"), year="2026")
    assert refused.status_code in (401, 403)


@pytest.mark.parametrize("login_", REFUSED, ids=str)
def test_rest_refused(agency_url, testdata, login_):
    response = _get(f"{agency_url}/@fairness", _auth(testdata, login_), year="2026")
    assert response.status_code in (401, 403, 404)
    assert "groupings" not in response.text


@pytest.mark.parametrize("year", ["", "26", "deux-mille"])
def test_bad_year_is_400_in_french(agency_url, testdata, year):
    response = _get(
        f"{agency_url}/@fairness", _auth(testdata, "hrmanager.pn"), year=year
    )
    assert response.status_code == 400
    assert "AAAA" in response.json()["message"]


def test_unknown_table_is_400(agency_url, testdata):
    response = _get(
        f"{agency_url}/@fairness", _auth(testdata, "hrmanager.pn"), table="0" * 32
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Tableau d'avancement inconnu."


def test_page_and_exports(agency_url, testdata):
    auth = _auth(testdata, "hrmanager.pn")
    page = _get(f"{agency_url}/@@equite", auth, headers={}, year="2026")
    assert page.status_code == 200
    assert "Par région d'origine" in page.text and "<svg" in page.text
    assert "Comment chaque chiffre est calculé" in page.text
    assert "@@equite.xlsx?year=2026" in page.text
    xlsx = _get(f"{agency_url}/@@equite.xlsx", auth, headers={}, year="2026")
    assert xlsx.status_code == 200
    assert "equite-police-nationale-2026.xlsx" in xlsx.headers["Content-Disposition"]
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames[:4] == [
        "Par sexe",
        "Par région d'origine",
        "Par agence",
        "Par corps",
    ]
    assert "Méthode" in book.sheetnames
    assert book["Par sexe"]["D1"].value == "Taux de sélection"
    pdf = _get(f"{agency_url}/@@equite.pdf", auth, headers={}, year="2026")
    assert pdf.status_code == 200
    assert "equite-police-nationale-2026.pdf" in pdf.headers["Content-Disposition"]
    text = "".join(
        page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages
    )
    assert "Par sexe" in text and "Méthode" in text


def test_bad_year_on_the_page(agency_url, testdata):
    auth = _auth(testdata, "hrmanager.pn")
    page = _get(f"{agency_url}/@@equite", auth, headers={}, year="26")
    assert page.status_code == 200
    assert "AAAA" in page.text
    export = _get(f"{agency_url}/@@equite.xlsx", auth, headers={}, year="26")
    assert export.status_code == 400


@pytest.mark.parametrize("name", ["equite", "equite.xlsx", "equite.pdf"])
@pytest.mark.parametrize("login_", REFUSED, ids=str)
def test_page_and_exports_refused(agency_url, testdata, name, login_):
    response = _get(
        f"{agency_url}/@@{name}", _auth(testdata, login_), headers={}, year="2026"
    )
    if response.status_code in (301, 302, 303):
        assert "login" in response.headers["Location"]
    else:
        assert response.status_code in (401, 403, 404)
    assert "Taux de sélection" not in response.text


def test_exports_are_journaled(functional, agency_url, testdata):
    query = {"action": "export", "user_id": "hrmanager.pn"}
    before = len(get_journal().query(**query))
    auth = _auth(testdata, "hrmanager.pn")
    for name in ("equite.xlsx", "equite.pdf"):
        assert _get(f"{agency_url}/@@{name}", auth, headers={}, year="2026").ok
    logged = get_journal().query(**query)
    assert len(logged) == before + 2
