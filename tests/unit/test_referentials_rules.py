"""Référentiels of the statute, pure rules: which version is in force, and
every check of a set of tables (each problem names its row)."""

from datetime import date
import pytest
from sirhp.content.referentials import defaults
from sirhp.content.referentials import rules

V1 = {"effective": "2021-01-01", "tables": {"n": 1}}
V2 = {"effective": "2026-07-01", "tables": {"n": 2}}


def rows_at_fault(tables):
    return [row for _msgid, _default, _mapping, row in rules.problems(tables)]


def test_version_at_picks_the_latest_in_force():
    assert rules.version_at([V2, V1], date(2026, 6, 30)) is V1
    assert rules.version_at([V2, V1], date(2026, 7, 1)) is V2
    assert rules.version_at([V1, V2], date(2020, 12, 31)) is None


def test_shipped_tables_are_valid():
    assert rules.problems(defaults.tables()) == []


def test_may_take_effect_only_after_the_version_in_force():
    today = date(2026, 11, 1)
    assert not rules.may_take_effect([V1, V2], date(2026, 7, 1), today)
    assert not rules.may_take_effect([V1, V2], date(2026, 1, 1), today)
    assert rules.may_take_effect([V1, V2], date(2026, 7, 2), today)
    # a future version is not in force: another one may come before it
    assert rules.may_take_effect([V1, V2], date(2026, 3, 1), date(2026, 2, 1))


@pytest.mark.parametrize(
    "kind, code, change, msgid",
    [
        ("grades", "caporal", {"corps": "gendarmes"}, "referential_grade_corps"),
        ("grades", "caporal", {"order": 1}, "referential_grade_order_twice"),
        ("grades", "caporal", {"order": 0}, "referential_grade_order"),
        (
            "grades",
            "caporal",
            {"echelons": {1: 2, 2: 0, 3: None}},
            "referential_echelon_years",
        ),
        (
            "grades",
            "caporal",
            {"echelons": {1: 2, 2: "x", 3: None}},
            "referential_echelon_years",
        ),
        ("grades", "caporal", {"echelons": {1: 2, 2: 2}}, "referential_last_echelon"),
        (
            "grades",
            "caporal",
            {"echelons": {1: 2, 3: None}},
            "referential_echelon_numbers",
        ),
        ("grades", "caporal", {"echelons": {}}, "referential_no_echelons"),
        ("grades", "caporal", {"age_limit": 75}, "referential_age_limit"),
        ("corps", "officiers", {"age_limit": 49}, "referential_age_limit"),
        ("corps", "officiers", {"age_limit": None}, "referential_age_limit"),
        ("corps", "officiers", {"label": " "}, "referential_no_label"),
        ("leave_types", "annual", {"yearly_days": -1}, "referential_leave_days"),
        ("leave_types", "annual", {"counting": "weeks"}, "referential_leave_counting"),
        ("sanctions", "blame", {"level": 1}, "referential_sanction_level_twice"),
        ("sanctions", "blame", {"level": "deux"}, "referential_sanction_level"),
    ],
)
def test_each_problem_names_its_row(kind, code, change, msgid):
    tables = defaults.tables()
    tables[kind][code].update(change)
    found = rules.problems(tables)
    assert found, change
    assert found[0][0] == msgid
    assert found[0][3] == f"{kind}:{code}"


def test_age_limits_bounds_are_allowed():
    tables = defaults.tables()
    tables["corps"]["officiers"]["age_limit"] = 50
    tables["corps"]["commissaires"]["age_limit"] = 70
    tables["leave_types"]["annual"]["yearly_days"] = 0
    tables["leave_types"]["sick"]["yearly_days"] = None
    assert rules.problems(tables) == []


def test_a_bad_code_and_a_bad_shape():
    tables = defaults.tables()
    tables["sanctions"]["Blâme!"] = {"label": "x", "level": 9}
    assert rows_at_fault(tables) == ["sanctions:Blâme!"]
    assert rules.problems({"corps": {}})[0][0] == "referential_shape"
    assert rules.problems(None)[0][0] == "referential_shape"


def test_echelon_numbers_as_json_strings():
    tables = defaults.tables()
    tables["grades"]["caporal"]["echelons"] = {"1": 2, "2": None}
    assert rules.problems(tables) == []


def test_ordered_grades_corps_by_corps_lowest_first():
    codes = rules.ordered_grades(defaults.tables())
    assert codes[:5] == [
        "commissaire",
        "commissaire-principal",
        "commissaire-divisionnaire",
        "controleur-general",
        "inspecteur-general",
    ]
    assert codes[-1] == "attache"
    assert len(codes) == len(defaults.GRADES)


def test_split_due_keeps_the_future_waiting():
    pending = ["2027-01-01", "2026-06-01", "2026-06-01", "2026-11-01"]
    assert rules.split_due(pending, date(2026, 11, 1)) == (
        ["2026-06-01", "2026-11-01"],
        ["2027-01-01"],
    )
    assert rules.split_due(None, date(2026, 11, 1)) == ([], [])


def test_shipped_promotion_rules_cover_every_grade_above_the_first():
    promotion = defaults.tables()["promotion_rules"]
    assert "officier-2" in promotion and "officier-stagiaire" not in promotion
    assert promotion["officier-1"]["required_trainings"] == ["opj"]
    assert promotion["caporal"]["min_years_in_grade"] == 3
