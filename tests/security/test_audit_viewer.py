"""Who may read the journal (browser and REST), filters, CSV and escaping."""

import csv
import io
from plone import api
import pytest
import requests
from sirhp.policy.audit.browser import consultations_for_matricule
from sirhp.policy.audit.browser import csv_cell
from sirhp.policy.audit.journal import get_journal
from tests.security.audit_helpers import clear_login_failures
from tests.security.audit_helpers import get
from tests.security.audit_helpers import JSON
from tests.security.audit_helpers import refused_page
import transaction

SITE = ""
PN = "/police-nationale"
OCS = "/ocs"

# (where, login, allowed)
MATRIX = [
    (SITE, "auditor", True),
    (PN, "auditor", True),
    (OCS, "auditor", True),
    (PN, "hrmanager.pn", True),
    (OCS, "hrmanager.ocs", True),
    (SITE, "hrmanager.pn", False),
    (OCS, "hrmanager.pn", False),
    (PN, "hrmanager.ocs", False),
    (SITE, "clerk.pn", False),
    (PN, "clerk.pn", False),
    (PN, "reviewer.pn", False),
    (PN, "commander.pn", False),
    (SITE, "commander.pn", False),
    (PN, "officer", False),
    (SITE, "officer", False),
    (PN, None, False),
    (SITE, None, False),
]


@pytest.fixture
def base(functional):
    yield functional["portal"].absolute_url()
    clear_login_failures()


@pytest.mark.parametrize("where,login,allowed", MATRIX)
def test_browser_viewer(base, where, login, allowed):
    response = get(f"{base}{where}/@@journal", login)
    if allowed:
        assert response.status_code == 200
        assert "Journal d'accès" in response.text
    else:
        assert refused_page(response), response.status_code


@pytest.mark.parametrize("where,login,allowed", MATRIX)
def test_csv_export(base, where, login, allowed):
    response = get(f"{base}{where}/@@journal.csv", login)
    if allowed:
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/csv")
    else:
        assert refused_page(response), response.status_code
        assert "user_id;" not in response.text


@pytest.mark.parametrize("where,login,allowed", MATRIX)
def test_rest_audit_log(base, where, login, allowed):
    response = get(f"{base}{where}/@audit-log", login, headers=JSON)
    if allowed:
        assert response.status_code == 200
        assert "items" in response.json()
    else:
        assert response.status_code in (401, 403)
        assert "items" not in response.text


def test_hr_manager_sees_only_own_agency(base, testdata):
    # events of both agencies
    get(f"{base}/{testdata.path_of('pn_validated')}", "auditor")
    get(f"{base}/{testdata.path_of('ocs_validated')}", "auditor")
    for login, where, agency in (
        ("hrmanager.pn", PN, "police-nationale"),
        ("hrmanager.ocs", OCS, "ocs"),
    ):
        # an "agency" parameter cannot widen the scope
        data = get(
            f"{base}{where}/@audit-log?b_size=200&agency=ocs&agency=police-nationale",
            login,
            headers=JSON,
        ).json()
        assert data["items_total"] > 0
        assert {item["agency"] for item in data["items"]} == {agency}
        page = get(f"{base}{where}/@@journal?b_size=200", login).text
        name = "ocs_validated" if agency != "ocs" else "pn_validated"
        other = testdata.FILES[name]
        # no line about the other agency's file: its matricule as the
        # object, its path; the account of an officer of the other agency
        # refused on this agency's pages is this agency's business (user_id)
        leaked = [
            item
            for item in data["items"]
            if item.get("matricule") == other or other in (item.get("path") or "")
        ]
        assert not leaked, leaked
        assert testdata.path_of(name) not in page


def test_filters(base, testdata):
    matricule = testdata.FILES["pn_validated2"]
    get(f"{base}/{testdata.path_of('pn_validated2')}", "clerk.pn")
    get(f"{base}/{testdata.path_of('pn_validated2')}", "reviewer.pn")
    url = f"{base}/@audit-log?matricule={matricule}&user=reviewer.pn&action=view"
    items = get(url, "auditor", headers=JSON).json()["items"]
    assert items and all(
        item["user_id"] == "reviewer.pn" and item["matricule"] == matricule
        for item in items
    )
    today = get_journal().query(limit=1)[0]["ts"][:10]
    dated = get(f"{base}/@audit-log?from={today}&to={today}", "auditor", headers=JSON)
    assert dated.json()["items_total"] > 0
    future = get(f"{base}/@audit-log?from=2999-01-01", "auditor", headers=JSON)
    assert future.json()["items_total"] == 0
    bad = get(f"{base}/@audit-log?from=demain", "auditor", headers=JSON)
    assert bad.status_code == 400
    assert "Date invalide" in bad.json()["error"]["message"]
    assert get(f"{base}/@@journal?action=effacer", "auditor").status_code == 400


def test_refused_filters_in_the_users_language(base):
    """Refused filters: one answer shape, the message in French or English."""
    url = f"{base}/@audit-log?from=demain"
    french = get(url, "auditor", headers=JSON)
    assert french.status_code == 400
    message = "Date invalide : « demain » (jj/mm/aaaa)."
    assert french.json() == {
        "type": "BadRequest",
        "message": message,
        "error": {"type": "BadRequest", "message": message},
    }
    english = get(url, "auditor", headers=JSON, cookies={"I18N_LANGUAGE": "en"})
    assert english.json()["message"] == "Invalid date: “demain” (dd/mm/yyyy)."
    page = get(
        f"{base}/@@journal?user=a%20b", "auditor", cookies={"I18N_LANGUAGE": "en"}
    )
    assert page.status_code == 400 and "Invalid “person” filter." in page.text


def test_batching(base):
    data = get(f"{base}/@audit-log?b_size=2", "auditor", headers=JSON).json()
    assert len(data["items"]) == 2
    assert "next" in data["batching"]
    second = get(data["batching"]["next"], "auditor", headers=JSON).json()
    assert second["items"][0]["id"] < data["items"][-1]["id"]
    page = get(f"{base}/@@journal?b_size=2", "auditor").text
    assert "Suivants" in page


HOSTILE_LOGIN = (
    '=HYPERLINK("evil.example")<script>alert(1)</script>'  # no colon: basic auth
)


def test_csv_formula_injection_and_html_escaping(base):
    # a failed login writes the login name typed by anybody into the journal
    requests.get(
        f"{base}/police-nationale",
        auth=(HOSTILE_LOGIN, "x"),
        timeout=30,
        allow_redirects=False,
    )
    stored = get_journal().query(action="login_failed", limit=1)[0]["user_id"]
    assert stored.startswith("=hyperlink")
    response = get(f"{base}/@@journal.csv?action=login_failed", "auditor")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["ts", "user_id"]
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + stored in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    page = get(f"{base}/@@journal?action=login_failed", "auditor").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+33", "'+33"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("clerk.pn", "clerk.pn"),
        (None, ""),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_officer_sees_who_consulted_the_file(base, testdata, functional):
    officer = testdata.FILES["pn_validated"]
    get(f"{base}/{testdata.path_of('pn_validated')}", "hrmanager.pn")
    get(f"{base}/{testdata.path_of('pn_validated')}", officer)  # not listed
    page = get(f"{base}/@@mes-consultations", officer)
    assert page.status_code == 200
    assert "Gestionnaire RH" in page.text
    assert "hrmanager.pn" not in page.text  # role and date, no names
    with api.env.adopt_roles(["Manager"]):
        items = consultations_for_matricule(officer)
        assert items and all(
            set(item) == {"date", "role", "sensitive"} for item in items
        )
    # the policy may hide it
    api.portal.set_registry_record("sirhp.audit.officer_sees_consultations", False)
    transaction.commit()
    page = get(f"{base}/@@mes-consultations", officer)
    assert "Gestionnaire RH" not in page.text
    assert consultations_for_matricule(officer) == []
    assert refused_page(get(f"{base}/@@mes-consultations", None))
