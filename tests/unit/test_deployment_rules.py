"""The staff finder's pure rules: levels, age bands, availability, the
finder's parameters, facet counts. Explicit dates only."""

from datetime import date
from datetime import timedelta
import pytest
from sirhp.content.deployment import rules

DAY = date(2026, 11, 1)


def test_level_tokens_default_to_level_one():
    assert rules.level_tokens(["opj", "tir"], {"tir": 3}) == ["opj:1", "tir:3"]
    assert rules.level_tokens(["opj"], None) == ["opj:1"]
    assert rules.level_tokens(None, None) == []


def test_tokens_at_least():
    assert rules.tokens_at_least(["opj"], 2) == ["opj:2", "opj:3"]
    assert rules.tokens_at_least(["a", "b"], 3) == ["a:3", "b:3"]


@pytest.mark.parametrize(
    "birth, age, band",
    [
        (date(2002, 11, 1), 24, "18-24"),
        (date(2001, 11, 1), 25, "25-34"),
        (date(2001, 11, 2), 24, "18-24"),
        (date(1971, 11, 2), 54, "45-54"),
        (date(1971, 11, 1), 55, "55+"),
        (date(2010, 1, 1), 16, None),
    ],
)
def test_age_and_band_on_the_day(birth, age, band):
    assert rules.age_on(birth, DAY) == age
    assert rules.age_band(birth, DAY) == band


def test_birth_range_matches_the_ages():
    earliest, latest = rules.birth_range(25, 34, DAY)
    assert rules.age_on(latest, DAY) == 25
    assert rules.age_on(latest + timedelta(days=1), DAY) == 24
    assert rules.age_on(earliest, DAY) == 34
    assert rules.age_on(date.fromordinal(earliest.toordinal() - 1), DAY) == 35
    assert rules.birth_range(None, None, DAY) == (None, None)
    # 29 February on a common year's day
    assert rules.birth_range(1, None, date(2028, 2, 29)) == (None, date(2027, 2, 28))


def test_availability():
    assert rules.is_available("active", False)
    assert not rules.is_available("active", True)
    assert not rules.is_available("suspended", False)
    assert not rules.is_available("detached", False)
    assert rules.covers(date(2026, 11, 1), date(2026, 11, 1), DAY)
    assert rules.covers(date(2026, 10, 1), None, DAY)
    assert not rules.covers(date(2026, 11, 2), None, DAY)
    assert not rules.covers(date(2026, 10, 1), date(2026, 10, 31), DAY)
    assert not rules.covers(None, None, DAY)


ALLOWED = {"skill": {"opj"}, "language": {"bambara"}, "sex": {"M", "F"}}


def test_parse_query():
    query, problem = rules.parse_query(
        {
            "skill": "opj",
            "language": ["bambara"],
            "skill_level_min": "2",
            "available_on": "2026-11-09",
            "age_min": "",
            "b_size": "9999",
        },
        ALLOWED,
    )
    assert problem is None
    assert query == {
        "skill": ["opj"],
        "language": ["bambara"],
        "skill_level_min": 2,
        "available_on": date(2026, 11, 9),
        "b_size": rules.MAX_BATCH,
    }


def test_parse_query_of_a_saved_list():
    """A saved list keeps every parameter as a list: a number or a date
    given as a list of one is that value (several: refused)."""
    query, problem = rules.parse_query(
        {"language": ["bambara"], "age_min": ["30"], "available_on": ["2026-11-09"]},
        ALLOWED,
    )
    assert problem is None
    assert query == {
        "language": ["bambara"],
        "age_min": 30,
        "available_on": date(2026, 11, 9),
    }
    both = {"available_on": ["2026-11-09", "2026-11-10"]}
    assert rules.parse_query(both, ALLOWED)[1][0] == "deployment_bad_date"


@pytest.mark.parametrize(
    "form, msgid",
    [
        ({"language": "klingon"}, "deployment_bad_value"),
        ({"available_on": "09/11/2026"}, "deployment_bad_date"),
        ({"age_min": "vingt"}, "deployment_bad_number"),
        ({"skill_level_min": "4"}, "deployment_bad_level"),
        ({"b_start": "-1"}, "deployment_bad_value"),
    ],
)
def test_parse_query_refusals(form, msgid):
    query, problem = rules.parse_query(form, ALLOWED)
    assert query is None
    assert problem[0] == msgid


def test_count_facets():
    counts = rules.count_facets(
        [
            {"skill": ["opj", "tir"], "sex": "M"},
            {"skill": ["opj", "opj"], "sex": "F", "age_band": None},
            {"skill": [], "sex": "M"},
        ],
        names=("skill", "sex", "age_band"),
    )
    assert counts["skill"] == {"opj": 2, "tir": 1}
    assert counts["sex"] == {"M": 2, "F": 1}
    assert counts["age_band"] == {}
