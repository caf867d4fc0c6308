"""@indicators, @@tableau-de-bord and its XLSX over HTTP: who gets them,
the same figures on the page, in the workbook (openpyxl) and in the JSON
(leave, evaluations, training and recruitment made by ``records``),
the French 400 on a bad date, the page's weight; everyone else refused."""

import gzip
from io import BytesIO
from openpyxl import load_workbook
import pytest
import requests
from sirhp.policy.audit.journal import get_journal
from tests.indicators import records
import transaction

AT = "2026-11-01"
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
    response = _get(f"{agency_url}/@indicators", _auth(testdata, login_), at=AT)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["at"] == AT and body["agencies"] == ["police-nationale"]
    ids = [figure["id"] for figure in body["figures"]]
    assert ids == [
        "headcount_agency",
        "headcount_region",
        "headcount_unit",
        "headcount_corps",
        "headcount_grade",
        "headcount_sex",
        "women_by_grade",
        "age_pyramid",
        "retirements",
        "training_coverage",
        "recruitment_by_region",
        "evaluation_completion",
        "leave_today",
    ]
    for figure in body["figures"]:
        assert {"id", "title", "columns", "rows", "total"} <= set(figure)
    assert body["figures"][0]["rows"][0]["label"] == "Police nationale"


def test_rest_on_the_portal(functional, testdata):
    url = functional["portal"].absolute_url() + "/@indicators"
    response = _get(url, _auth(testdata, "auditor"), at=AT)
    assert response.status_code == 200, response.text
    assert sorted(response.json()["agencies"]) == ["ocs", "police-nationale"]
    mine = _get(url, _auth(testdata, "hrmanager.pn"), at=AT)
    assert mine.status_code in (401, 403)  # the permission is on the agency


@pytest.mark.parametrize("login_", REFUSED, ids=str)
def test_rest_refused(agency_url, testdata, login_):
    response = _get(f"{agency_url}/@indicators", _auth(testdata, login_), at=AT)
    assert response.status_code in (401, 403, 404)
    assert "figures" not in response.text


@pytest.mark.parametrize("at", ["2026-13-01", "01/11/2026"])
def test_bad_date_is_400_in_french(agency_url, testdata, at):
    auth = _auth(testdata, "hrmanager.pn")
    response = _get(f"{agency_url}/@indicators", auth, at=at)
    assert response.status_code == 400
    assert response.json()["message"].startswith(
        "Indiquez la date au format AAAA-MM-JJ"
    )
    page = _get(f"{agency_url}/@@tableau-de-bord", auth, headers={}, at=at)
    assert page.status_code == 200 and "AAAA-MM-JJ" in page.text
    export = _get(f"{agency_url}/@@tableau-de-bord.xlsx", auth, headers={}, at=at)
    assert export.status_code == 400


def _cells(figure):
    ids = [column["id"] for column in figure["columns"]]
    header = [column["title"] for column in figure["columns"]]
    rows = [[row.get(i) for i in ids] for row in figure["rows"]]
    return [header, *rows, [figure["total"].get(i) for i in ids]]


# the figures the test data leaves empty, filled by ``records``: a total of each
RECORDED = {
    "training_coverage": ("proximity", 1),
    "recruitment_by_region": ("candidates", len(records.CANDIDATES)),
    "evaluation_completion": ("count", 2),
    "leave_today": ("count", 2),
}


def test_page_export_and_rest_are_the_same_figures(functional, agency_url, testdata):
    records.create(functional["portal"], testdata)
    transaction.commit()
    auth = _auth(testdata, "hrmanager.pn")
    body = _get(f"{agency_url}/@indicators", auth, at=AT).json()
    totals = {
        f["id"]: f["total"][RECORDED[f["id"]][0]]
        for f in body["figures"]
        if f["id"] in RECORDED
    }
    assert totals == {id: total for id, (_column, total) in RECORDED.items()}
    page = _get(f"{agency_url}/@@tableau-de-bord", auth, headers={}, at=AT)
    assert page.status_code == 200
    assert page.text.count("<svg") >= 10 and '<script src="http' not in page.text
    for figure in body["figures"]:
        assert f'id="{figure["id"]}"' in page.text
        assert figure["title"] in page.text
        for row in figure["rows"]:
            assert f"<td>{row['label']}</td>" in page.text
    assert len(gzip.compress(page.content)) < 100 * 1024
    query = {"action": "export", "user_id": "hrmanager.pn"}
    before = len(get_journal().query(**query))
    export = _get(f"{agency_url}/@@tableau-de-bord.xlsx", auth, headers={}, at=AT)
    assert export.status_code == 200
    assert (
        f"tableau-de-bord-police-nationale-{AT}.xlsx"
        in export.headers["Content-Disposition"]
    )
    book = load_workbook(BytesIO(export.content))
    assert len(book.sheetnames) == len(body["figures"])
    for sheet, figure in zip(book.worksheets, body["figures"], strict=True):
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert values == _cells(figure), figure["id"]
    one = _get(
        f"{agency_url}/@@tableau-de-bord.xlsx",
        auth,
        headers={},
        at=AT,
        figure="headcount_sex",
    )
    (sheet,) = load_workbook(BytesIO(one.content)).worksheets
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == _cells(
        body["figures"][5]
    )
    assert len(get_journal().query(**query)) == before + 2
    unknown = _get(
        f"{agency_url}/@@tableau-de-bord.xlsx", auth, headers={}, at=AT, figure="x"
    )
    assert unknown.status_code == 400
    assert unknown.text == "Indicateur inconnu du tableau de bord."


@pytest.mark.parametrize("name", ["tableau-de-bord", "tableau-de-bord.xlsx"])
@pytest.mark.parametrize("login_", REFUSED, ids=str)
def test_page_and_export_refused(agency_url, testdata, name, login_):
    response = _get(
        f"{agency_url}/@@{name}", _auth(testdata, login_), headers={}, at=AT
    )
    if response.status_code in (301, 302, 303):
        assert "login" in response.headers["Location"]
    else:
        assert response.status_code in (401, 403, 404)
    assert "Effectif par" not in response.text
