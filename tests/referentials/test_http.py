"""Référentiels over HTTP: who may read the tables, add a version, apply a
statute mapping and open the panel; refusals are 400 in French naming the
row, and nothing is stored."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
from sirhp.content.referentials import defaults
from tests.api.test_rest_errors import _session
from tests.api.test_rest_errors import assert_refused

FUTURE = "2030-01-01"  # after the version in force whatever today is


@pytest.fixture
def url(functional):
    return functional["portal"].absolute_url()


@pytest.fixture
def as_user(testdata):
    sessions = []

    def login(name):
        password = SITE_OWNER_PASSWORD if name == SITE_OWNER_NAME else testdata.PASSWORD
        session = _session(name, password)
        sessions.append(session)
        return session

    yield login
    for session in sessions:
        session.close()


def bad_tables():
    tables = defaults.tables()
    tables["corps"]["officiers"]["age_limit"] = 80
    return tables


def versions(session, url):
    response = session.get(f"{url}/@referentials")
    assert response.status_code == 200, response.text
    return response.json()["versions"]


def test_any_logged_in_user_reads_the_tables(as_user, url):
    clerk = as_user("clerk.pn")
    body = clerk.get(f"{url}/@referentials").json()
    assert body["tables"]["grades"]["caporal"]["label"] == "Caporal"
    assert body["versions"] == ["2021-01-01"]
    at = clerk.get(f"{url}/@referentials", params={"at": "2020-01-01"})
    assert at.json()["at"] == "2020-01-01"
    assert_refused(
        clerk.get(f"{url}/@referentials", params={"at": "hier"}), "AAAA-MM-JJ"
    )


def test_anonymous_may_not_read_them(url):
    response = _session(None, None)
    response.auth = None
    assert response.get(f"{url}/@referentials").status_code == 401


@pytest.mark.parametrize(
    "user, where, status",
    [
        (SITE_OWNER_NAME, "", 201),
        ("hrmanager.pn", "/police-nationale", 201),
        ("hrmanager.pn", "", 401),
        ("hrmanager.ocs", "/police-nationale", 401),
        ("clerk.pn", "/police-nationale", 401),
        ("reviewer.pn", "/police-nationale", 401),
        ("auditor", "", 401),
    ],
)
def test_who_may_add_a_version(as_user, url, user, where, status):
    session = as_user(user)
    response = session.post(
        f"{url}{where}/@referentials",
        json={"effective": FUTURE, "tables": defaults.tables()},
    )
    assert response.status_code in ({status, 403} if status == 401 else {status}), (
        response.text
    )
    expected = ["2021-01-01", FUTURE] if status == 201 else ["2021-01-01"]
    assert versions(as_user(SITE_OWNER_NAME), url) == expected


def test_bad_version_is_400_in_french_naming_the_row(as_user, url):
    admin = as_user(SITE_OWNER_NAME)
    response = admin.post(
        f"{url}/@referentials", json={"effective": FUTURE, "tables": bad_tables()}
    )
    assert_refused(response, "« officiers »", "limite d'âge", "entre 50 et 70")
    assert versions(admin, url) == ["2021-01-01"]
    response = admin.post(
        f"{url}/@referentials",
        json={"effective": "2021-01-01", "tables": defaults.tables()},
    )
    assert_refused(response, "01/01/2021")


def test_statute_mapping(as_user, url):
    clerk = as_user("clerk.pn")
    payload = {
        "mapping": {"caporal": "caporal-chef"},
        "effective": FUTURE,
        "reference": "Décret",
    }
    refused = clerk.post(f"{url}/police-nationale/@statute-mapping", json=payload)
    assert refused.status_code in (401, 403)
    hr = as_user("hrmanager.pn")
    assert_refused(
        hr.post(
            f"{url}/police-nationale/@statute-mapping",
            json={**payload, "mapping": {"caporal": "brigadier"}},
        ),
        "« brigadier »",
    )
    preview = hr.post(
        f"{url}/police-nationale/@statute-mapping", json={**payload, "dry_run": True}
    )
    assert preview.status_code == 200, preview.text
    counts = preview.json()["counts"]
    assert set(counts) == {"caporal"}
    refused = clerk.post(
        f"{url}/police-nationale/@statute-mapping", json={**payload, "dry_run": True}
    )
    assert refused.status_code in (401, 403)
    answer = hr.post(f"{url}/police-nationale/@statute-mapping", json=payload)
    assert answer.status_code == 200, answer.text
    assert answer.json()["count"] == counts["caporal"]


def form_rows(tables, effective, authenticator):
    data = [("_authenticator", authenticator), ("effective", effective)]
    for code, row in tables["corps"].items():
        data += [
            ("corps.code:records", code),
            ("corps.label:records", row["label"]),
            ("corps.category:records", row["category"]),
            ("corps.age_limit:records", str(row["age_limit"])),
        ]
    for code, row in tables["grades"].items():
        echelons = ", ".join(
            "" if y is None else str(y) for _n, y in sorted(row["echelons"].items())
        )
        data += [
            ("grades.code:records", code),
            ("grades.label:records", row["label"]),
            ("grades.corps:records", row["corps"]),
            ("grades.order:records", str(row["order"])),
            ("grades.echelons:records", echelons),
        ]
    for code, row in tables["leave_types"].items():
        data += [
            ("leave_types.code:records", code),
            ("leave_types.label:records", row["label"]),
            ("leave_types.yearly_days:records", str(row["yearly_days"])),
            ("leave_types.counting:records", row["counting"]),
        ]
        if row["restricted_scan"]:
            data.append(("leave_types.restricted_scan:records", "1"))
    for code, row in tables["sanctions"].items():
        data += [
            ("sanctions.code:records", code),
            ("sanctions.label:records", row["label"]),
            ("sanctions.level:records", str(row["level"])),
        ]
    return data


def test_panel_saves_a_new_version_and_shows_errors_at_the_row(as_user, url):
    hr = as_user("hrmanager.pn")
    hr.headers["Accept"] = "text/html"
    panel = f"{url}/police-nationale/@@referentiels-statut"
    page = hr.get(panel)
    assert page.status_code == 200
    assert "Référentiels du statut" in page.text
    assert 'value="sergent-chef-major"' in page.text
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    refused = hr.post(panel, data=form_rows(bad_tables(), FUTURE, token))
    assert refused.status_code == 400
    assert (
        "la limite d&#39;âge doit être" in refused.text
        or "la limite d'âge doit être" in refused.text
    )
    assert refused.text.count("table-danger") == 1
    assert versions(as_user(SITE_OWNER_NAME), url) == ["2021-01-01"]
    tables = defaults.tables()
    tables["leave_types"]["annual"]["yearly_days"] = 31
    saved = hr.post(panel, data=form_rows(tables, FUTURE, token))
    assert saved.status_code == 200
    assert "01/01/2030" in saved.text
    admin = as_user(SITE_OWNER_NAME)
    assert versions(admin, url) == ["2021-01-01", FUTURE]
    stored = admin.get(f"{url}/@referentials", params={"at": FUTURE}).json()["tables"]
    assert stored["leave_types"]["annual"]["yearly_days"] == 31
    assert stored == {**tables, "grades": stored["grades"]}
    assert stored["grades"]["caporal"]["echelons"] == {
        "1": 2,
        "2": 2,
        "3": 2,
        "4": 3,
        "5": None,
    }


@pytest.mark.parametrize(
    "user", ["clerk.pn", "reviewer.pn", "commander.pn", "auditor", "hrmanager.ocs"]
)
def test_panel_refused_to_others(as_user, url, user):
    session = as_user(user)
    session.headers["Accept"] = "text/html"
    response = session.get(
        f"{url}/police-nationale/@@referentiels-statut", allow_redirects=False
    )
    assert response.status_code in (302, 401, 403)
    response = session.get(f"{url}/@@referentiels-statut", allow_redirects=False)
    assert response.status_code in (302, 401, 403)


def test_refusal_in_english_for_who_chose_it(as_user, url):
    admin = as_user(SITE_OWNER_NAME)
    admin.cookies.set("I18N_LANGUAGE", "en")
    response = admin.post(
        f"{url}/@referentials", json={"effective": FUTURE, "tables": bad_tables()}
    )
    assert_refused(
        response,
        "Row “officiers” (corps): the age limit must be a whole number "
        "between 50 and 70.",
    )


def test_site_administrators_open_the_panel_on_the_site(as_user, url):
    admin = as_user(SITE_OWNER_NAME)
    admin.headers["Accept"] = "text/html"
    page = admin.get(f"{url}/@@referentiels-statut")
    assert page.status_code == 200
    assert "En vigueur le" in page.text
