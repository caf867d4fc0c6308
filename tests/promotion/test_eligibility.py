"""Eligibility for the next grade on the test data (explicit dates): the
facts gathered, each criterion wired, a sanction never revealed to who may
not read disciplinary data, @eligibility over HTTP and its refusals.
Boundaries are in tests/unit/test_promotion_rules.py."""

from datetime import date
from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.promotion import api as promotion
from sirhp.content.promotion import labels
from sirhp.content.promotion import rules
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import defaults
from zope.i18n import translate

AT = date(2026, 11, 1)
JSON = {"Accept": "application/json"}


def _file(portal, testdata, name="pn_validated"):
    return portal.unrestrictedTraverse(testdata.path_of(name))


def _validated_act(file, **values):
    """Filed as restricted records are: by the HR manager, validated by an
    administrator (four eyes)."""
    with api.env.adopt_user(username="hrmanager.pn"):
        act = api.content.create(
            container=file, type="CareerEvent", id="acte", safe_id=True, **values
        )
        api.content.transition(act, transition="submit")
    with api.env.adopt_user(username="siteadmin"):
        api.content.transition(act, transition="validate", comment="Conforme.")
    return act


def _criterion(result, name):
    return next(c for c in result["criteria"] if c["criterion"] == name)


def test_facts_and_next_grade(portal, testdata):
    file = _file(portal, testdata)
    login(portal, "clerk.pn")
    facts = promotion.officer_facts(file=file, at=AT)
    assert facts["grade"] == "officier-2"
    assert facts["status"] == "active"
    assert facts["marks"] == {} and facts["trainings"] == []
    result = promotion.eligibility(file=file, at=AT)
    assert result["grade"] == "officier-1"
    assert [c["criterion"] for c in result["criteria"]] == [
        rules.STATUS,
        rules.YEARS_IN_GRADE,
        rules.YEARS_IN_SERVICE,
        rules.AVERAGE_MARK,
        rules.TRAININGS,
        rules.SANCTIONS,
        rules.AGE_LIMIT,
    ]
    # no evaluation yet, no OPJ training: not eligible
    assert result["eligible"] is False
    assert _criterion(result, rules.AVERAGE_MARK)["met"] is False
    assert _criterion(result, rules.YEARS_IN_GRADE)["met"] is True


def test_a_training_act_counts_from_its_date(portal, testdata):
    file = _file(portal, testdata)
    _validated_act(
        file, event_type="training", event_date=date(2025, 5, 2), reference="OPJ"
    )
    login(portal, "clerk.pn")
    after = promotion.eligibility(file=file, at=AT)
    assert _criterion(after, rules.TRAININGS)["met"] is True
    before = promotion.eligibility(file=file, at=date(2025, 5, 1))
    assert _criterion(before, rules.TRAININGS)["met"] is False
    label = translate(_criterion(after, rules.TRAININGS)["label"], target_language="fr")
    assert label == "formation OPJ"


def test_the_top_of_the_corps_has_no_next_grade(portal, testdata):
    tables = {"grades": {"a": {"corps": "c", "order": 1}}}
    assert promotion.next_grade(tables, "c", "a") is None


@pytest.fixture
def blame(portal, testdata):
    return _validated_act(
        _file(portal, testdata),
        event_type="sanction",
        sanction="mise-a-pied",
        event_date=date(2025, 3, 1),
        end_date=date(2025, 3, 31),
        reference="DEC-DISC-0001",
    )


@pytest.mark.parametrize(
    "user, level", [("hrmanager.pn", 3), ("clerk.pn", None), ("commander.pn", None)]
)
def test_the_sanction_is_not_revealed(portal, testdata, blame, user, level):
    login(portal, user)
    result = promotion.eligibility(file=blame.aq_parent, at=AT)
    sanction = _criterion(result, rules.SANCTIONS)
    # a mise à pied (level 3) within 3 years: above the allowed level 2
    assert sanction["met"] is False
    assert sanction["actual"] == level
    text = translate(sanction["label"], target_language="fr")
    assert text == "aucune sanction au-dessus du niveau 2"
    assert "mise" not in repr(result).lower()


def test_the_officer_sees_his_own_sanction_level(portal, testdata, blame):
    login(portal, testdata.FILES["pn_validated"])
    result = promotion.eligibility(file=blame.aq_parent, at=AT)
    assert _criterion(result, rules.SANCTIONS)["actual"] == 3


def test_labels_in_french(portal, testdata):
    criterion = {"criterion": rules.AVERAGE_MARK, "required": 12, "actual": 13.4}
    assert (
        translate(labels.label(criterion, {}, AT), target_language="fr")
        == "moyenne 13,4 ≥ 12"
    )
    years = {"criterion": rules.YEARS_IN_GRADE, "required": 3, "actual": 3}
    text = translate(
        labels.label(years, {"grade_date": date(2023, 9, 1)}, AT), target_language="fr"
    )
    assert text == "3 ans 2 mois dans le grade ≥ 3 ans"


def test_agency_list_on_the_bulk_path(portal, testdata):
    login(portal, "hrmanager.pn")
    agency = portal["police-nationale"]
    rows = promotion.eligibility_of_agency(agency=agency, at=AT)
    own = next(r for r in rows if r["matricule"] == testdata.FILES["pn_validated"])
    single = promotion.eligibility(file=_file(portal, testdata), at=AT)
    assert own["grade"] == single["grade"]
    assert [c["met"] for c in own["criteria"]] == [c["met"] for c in single["criteria"]]
    assert all(
        c["actual"] is None
        for r in rows
        for c in r["criteria"]
        if c["criterion"] == rules.SANCTIONS
    )


# --- over HTTP ----------------------------------------------------------------


@pytest.fixture
def url(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    return f"{portal_url}/{testdata.path_of('pn_validated')}/@eligibility"


def _get(url, auth, **params):
    return requests.get(url, auth=auth, headers=JSON, params=params, timeout=30)


@pytest.mark.parametrize("login_", ["clerk.pn", "commander.pn", "officer A"])
def test_allowed(url, testdata, login_):
    if login_ == "officer A":
        login_ = testdata.FILES["pn_validated"]
    response = _get(url, (login_, testdata.PASSWORD), at="2026-11-01")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["grade"] == "officier-1"
    assert body["eligible"] is False
    labels_ = [c["label"] for c in body["criteria"]]
    assert "en activité" in labels_ and "formation OPJ" in labels_


@pytest.mark.parametrize("login_", ["clerk.ocs", "officer B", None], ids=str)
def test_refused(url, testdata, login_):
    if login_ == "officer B":
        login_ = testdata.FILES["pn_validated2"]
    auth = (login_, testdata.PASSWORD) if login_ else None
    response = _get(url, auth)
    assert response.status_code in (401, 403, 404)
    assert "criteria" not in response.text


def test_bad_date_is_400_in_french(url, testdata):
    response = _get(url, ("clerk.pn", testdata.PASSWORD), at="01/11/2026")
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in response.json()["message"]


# --- pages -------------------------------------------------------------------


def _line(html):
    return html.split('class="field-eligibility">')[1].split("</dd>")[0]


def test_file_page_and_mon_dossier_show_the_line(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    html = requests.get(url, auth=("clerk.pn", testdata.PASSWORD), timeout=30).text
    line = _line(html)
    assert line.startswith("Officier de police de 1re classe : en activité ✔")
    assert "formation OPJ ✘" in line and "dans le grade ≥ 3 ans ✔" in line
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    html = requests.get(f"{portal_url}/@@mon-dossier", auth=officer, timeout=30).text
    assert "formation OPJ ✘" in _line(html)


def test_file_page_line_in_english(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    html = requests.get(
        url,
        auth=("clerk.pn", testdata.PASSWORD),
        cookies={"I18N_LANGUAGE": "en"},
        timeout=30,
    ).text
    assert "Promotion to the next grade" in html
    assert "training OPJ ✘" in _line(html)


# --- the référentiel kind --------------------------------------------------------


def test_promotion_rules_versioned_and_validated(portal):
    login(portal, "siteadmin")
    tables = defaults.tables()
    tables["promotion_rules"]["officier-1"]["min_average_mark"] = 25
    with pytest.raises(referentials.ReferentialError) as refused:
        referentials.add_version(effective="2027-01-01", tables=tables, today=AT)
    assert refused.value.field == "promotion_rules:officier-1"
    assert "entre 0 et 20" in refused.value.text()
    tables["promotion_rules"]["officier-1"]["min_average_mark"] = 14
    referentials.add_version(effective="2027-01-01", tables=tables, today=AT)
    rule = referentials.tables(at=date(2027, 1, 1))["promotion_rules"]["officier-1"]
    assert rule["min_average_mark"] == 14
    old = referentials.tables(at=AT)["promotion_rules"]["officier-1"]
    assert old["min_average_mark"] == 12
