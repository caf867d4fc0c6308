"""The promotion rules référentiel, pure checks: one row per target grade,
every problem naming its row (``promotion_rules:<grade>``)."""

import pytest
from sirhp.content.referentials import defaults
from sirhp.content.referentials import promotion_rules
from sirhp.content.referentials import rules


def test_shipped_rules_are_valid():
    tables = defaults.tables()
    assert rules.problems(tables) == []
    assert promotion_rules.problems(tables) == []


def test_promotion_rules_are_optional():
    tables = defaults.tables()
    del tables["promotion_rules"]
    assert rules.problems(tables) == []
    assert promotion_rules.problems(tables) == []


def test_the_statute_tables_do_not_check_the_promotion_rules():
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"]["min_years_in_grade"] = -1
    assert rules.problems(tables) == []


@pytest.mark.parametrize(
    "code, change, msgid",
    [
        ("gendarme", {}, "referential_promotion_grade"),
        ("caporal", {"min_years_in_grade": -1}, "referential_promotion_count"),
        ("caporal", {"min_years_in_grade": 2.5}, "referential_promotion_count"),
        ("caporal", {"min_years_in_service": "3"}, "referential_promotion_count"),
        ("caporal", {"over_last_campaigns": 0}, "referential_promotion_count"),
        ("caporal", {"sanction_years": True}, "referential_promotion_count"),
        ("caporal", {"max_sanction_level": -1}, "referential_promotion_count"),
        ("caporal", {"max_sanction_level": 6}, "referential_promotion_sanction_level"),
        ("caporal", {"min_average_mark": 21}, "referential_promotion_mark"),
        ("caporal", {"min_average_mark": -0.5}, "referential_promotion_mark"),
        ("caporal", {"min_average_mark": "12"}, "referential_promotion_mark"),
        ("caporal", {"required_trainings": "opj"}, "referential_promotion_trainings"),
        ("caporal", {"required_trainings": ["OPJ"]}, "referential_promotion_trainings"),
        ("caporal", {"required_trainings": [""]}, "referential_promotion_trainings"),
        ("caporal", {"status": "Actif !"}, "referential_promotion_status"),
    ],
)
def test_problems_name_their_row(code, change, msgid):
    tables = defaults.tables()
    row = tables["promotion_rules"].get(code, {})
    tables["promotion_rules"][code] = {**row, **change}
    found = promotion_rules.problems(tables)
    assert [p[0] for p in found] == [msgid]
    assert found[0][3] == f"promotion_rules:{code}"


@pytest.mark.parametrize(
    "change",
    [
        {"min_years_in_grade": 0},
        {"min_years_in_service": 0},
        {"over_last_campaigns": 1},
        {"sanction_years": 1},
        {"max_sanction_level": 0},  # no sanction at all allowed
        {"max_sanction_level": 5},  # the highest level of the sanctions
        {"min_average_mark": 0},
        {"min_average_mark": 20},
        {"min_average_mark": 12.5},
        {"required_trainings": []},
        {"required_trainings": ["opj", "police-proximite"]},
    ],
)
def test_boundaries_are_accepted(change):
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"].update(change)
    assert promotion_rules.problems(tables) == []


def test_sanction_level_is_read_from_the_sanctions_table():
    tables = defaults.tables()
    tables["sanctions"]["radiation"] = {"label": "Radiation", "level": 6}
    tables["promotion_rules"]["caporal"]["max_sanction_level"] = 6
    assert promotion_rules.problems(tables) == []
    found = promotion_rules.problems(
        {
            **tables,
            "sanctions": {},
            "promotion_rules": {"caporal": {"max_sanction_level": 1}},
        }
    )
    assert found[0][2]["highest"] == 0


def test_count_messages_name_the_field_in_french():
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"]["min_years_in_grade"] = -1
    _msgid, _default, mapping, _row = promotion_rules.problems(tables)[0]
    assert mapping["field"] == "années dans le grade"
    assert mapping["minimum"] == 0


def test_empty_criteria_are_not_checked():
    tables = defaults.tables()
    tables["promotion_rules"]["caporal"] = {"min_average_mark": 12.5}
    assert promotion_rules.problems(tables) == []


def test_not_a_table_is_refused():
    tables = defaults.tables()
    tables["promotion_rules"] = ["caporal"]
    assert [p[0] for p in promotion_rules.problems(tables)] == [
        "referential_promotion_shape"
    ]
