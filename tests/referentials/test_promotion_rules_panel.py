"""The promotion rules in the référentiels panel (``@@referentiels-statut``)
and in ``POST @referentials``: one row per target grade, typed fields,
checked by the API (``referentials.promotion_rules``), refused in French at
the faulty row with nothing stored; a save never drops the rules; refused to
whoever may not manage the référentiels."""

from plone.app.testing import SITE_OWNER_NAME
import pytest
from sirhp.content.referentials import defaults
from tests.api.test_rest_errors import assert_refused
from tests.referentials.test_http import as_user  # noqa: F401 (fixture)
from tests.referentials.test_http import form_rows
from tests.referentials.test_http import FUTURE
from tests.referentials.test_http import url  # noqa: F401 (fixture)
from tests.referentials.test_http import versions

PANEL = "/police-nationale/@@referentiels-statut"
FIELDS = (
    "min_years_in_grade",
    "min_years_in_service",
    "min_average_mark",
    "over_last_campaigns",
    "max_sanction_level",
    "sanction_years",
    "status",
)


def promotion_rows(promotion):
    data = []
    for code, rule in promotion.items():
        data.append(("promotion_rules.code:records", code))
        for field in FIELDS:
            value = rule.get(field)
            text = "" if value is None else str(value).replace(".", ",")
            data.append((f"promotion_rules.{field}:records", text))
        data.append(
            (
                "promotion_rules.required_trainings:records",
                ", ".join(rule.get("required_trainings") or []),
            )
        )
    return data


def token_of(page):
    return page.text.split('name="_authenticator" value="')[1].split('"')[0]


@pytest.fixture
def hr(as_user, url):  # noqa: F811
    session = as_user("hrmanager.pn")
    session.headers["Accept"] = "text/html"
    return session


def stored_rules(as_user, url, at=FUTURE):  # noqa: F811
    admin = as_user(SITE_OWNER_NAME)
    response = admin.get(f"{url}/@referentials", params={"at": at})
    assert response.status_code == 200, response.text
    return response.json()["tables"]["promotion_rules"]


def test_panel_lists_the_rules_per_target_grade(hr, url):  # noqa: F811
    page = hr.get(f"{url}{PANEL}")
    assert page.status_code == 200
    assert 'id="table-promotion"' in page.text
    table = page.text.split('id="table-promotion"')[1].split("</table>")[0]
    assert 'value="officier-1"' in table and 'value="opj"' in table
    assert 'value="officier-stagiaire"' not in table  # no rule: the first grade
    assert 'name="promotion_rules.max_sanction_level:records" value="2"' in table


def test_panel_saves_edited_rules(hr, as_user, url):  # noqa: F811
    page = hr.get(f"{url}{PANEL}")
    tables = defaults.tables()
    promotion = tables["promotion_rules"]
    promotion["caporal"].update(
        min_years_in_grade=4,
        min_average_mark=12.5,
        required_trainings=["opj", "police-proximite"],
        max_sanction_level=0,
    )
    del promotion["caporal"]["min_years_in_service"]  # empty: not required
    data = form_rows(tables, FUTURE, token_of(page)) + promotion_rows(promotion)
    saved = hr.post(f"{url}{PANEL}", data=data)
    assert saved.status_code == 200, saved.text
    stored = stored_rules(as_user, url)
    assert stored["caporal"] == {
        "min_years_in_grade": 4,
        "min_average_mark": 12.5,
        "over_last_campaigns": 3,
        "required_trainings": ["opj", "police-proximite"],
        "max_sanction_level": 0,
        "sanction_years": 3,
        "status": "active",
    }
    assert stored["officier-1"] == defaults.PROMOTION_RULES["officier-1"]
    # the version in force today keeps its rules
    assert stored_rules(as_user, url, at="2026-11-01") == defaults.PROMOTION_RULES


@pytest.mark.parametrize(
    "change, fragment",
    [
        ({"max_sanction_level": 9}, "le niveau de sanction maximal doit être entre 0"),
        ({"min_years_in_grade": -1}, "« années dans le grade » doit être un nombre"),
        ({"min_average_mark": "douze"}, "la moyenne minimale doit être un nombre"),
        ({"required_trainings": ["OPJ"]}, "formations exigées attendues"),
    ],
)
def test_panel_refuses_a_bad_row_at_the_row(hr, as_user, url, change, fragment):  # noqa: F811
    page = hr.get(f"{url}{PANEL}")
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"].update(change)
    data = form_rows(tables, FUTURE, token_of(page)) + promotion_rows(
        tables["promotion_rules"]
    )
    refused = hr.post(f"{url}{PANEL}", data=data)
    assert refused.status_code == 400
    text = refused.text.replace("&#39;", "'")
    assert fragment in text
    assert "Avancement au grade « caporal »" in text
    assert refused.text.count("table-danger") == 1
    row = refused.text.split("table-danger")[1].split("</tr>")[0]
    assert 'value="caporal"' in row
    assert versions(as_user(SITE_OWNER_NAME), url) == ["2021-01-01"]


def test_a_target_grade_that_does_not_exist_is_refused(hr, as_user, url):  # noqa: F811
    page = hr.get(f"{url}{PANEL}")
    tables = defaults.tables()
    tables["promotion_rules"]["general"] = {"min_years_in_grade": 3}
    data = form_rows(tables, FUTURE, token_of(page)) + promotion_rows(
        tables["promotion_rules"]
    )
    refused = hr.post(f"{url}{PANEL}", data=data)
    assert refused.status_code == 400
    assert "le grade « general » n" in refused.text.replace("&#39;", "'")
    assert versions(as_user(SITE_OWNER_NAME), url) == ["2021-01-01"]


def test_a_save_of_the_corps_keeps_the_rules(hr, as_user, url):  # noqa: F811
    page = hr.get(f"{url}{PANEL}")
    tables = defaults.tables()
    tables["corps"]["officiers"]["label"] = "Corps des officiers"
    # the whole panel, rules as shown
    data = form_rows(tables, FUTURE, token_of(page)) + promotion_rows(
        tables["promotion_rules"]
    )
    assert hr.post(f"{url}{PANEL}", data=data).status_code == 200
    assert stored_rules(as_user, url) == defaults.PROMOTION_RULES
    # a form without the promotion rows (an older page) keeps them too
    data = form_rows(tables, "2030-02-01", token_of(page))
    assert hr.post(f"{url}{PANEL}", data=data).status_code == 200
    assert stored_rules(as_user, url, at="2030-02-01") == defaults.PROMOTION_RULES


def test_rest_checks_the_same(as_user, url):  # noqa: F811
    hr = as_user("hrmanager.pn")
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"]["max_sanction_level"] = 9
    response = hr.post(
        f"{url}/police-nationale/@referentials",
        json={"effective": FUTURE, "tables": tables},
    )
    assert_refused(response, "Avancement au grade « caporal »", "entre 0")
    assert versions(as_user(SITE_OWNER_NAME), url) == ["2021-01-01"]
    tables["promotion_rules"]["caporal"]["max_sanction_level"] = 1
    response = hr.post(
        f"{url}/police-nationale/@referentials",
        json={"effective": FUTURE, "tables": tables},
    )
    assert response.status_code == 201, response.text
    assert stored_rules(as_user, url)["caporal"]["max_sanction_level"] == 1


@pytest.mark.parametrize(
    "user", ["clerk.pn", "reviewer.pn", "commander.pn", "auditor", "hrmanager.ocs"]
)
def test_others_may_not_save_rules(as_user, url, user):  # noqa: F811
    session = as_user(user)
    session.headers["Accept"] = "text/html"
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"]["min_years_in_grade"] = 1
    data = form_rows(tables, FUTURE, "x") + promotion_rows(tables["promotion_rules"])
    response = session.post(f"{url}{PANEL}", data=data, allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    response = session.post(
        f"{url}/police-nationale/@referentials",
        json={"effective": FUTURE, "tables": tables},
        headers={"Accept": "application/json"},
    )
    assert response.status_code in (401, 403)
    assert versions(as_user(SITE_OWNER_NAME), url) == ["2021-01-01"]
