"""The demo careers follow the référentiels' rules (pure, no Plone layer)."""

from datetime import date
from datetime import timedelta
import pytest
from sirhp.content.careers import rules
from sirhp.content.referentials import defaults
from sirhp.content.referentials import rules as referential_rules
from sirhp.content.retirement import rules as retirement_rules
from sirhp.policy.setuphandlers.demo import careers

REF = careers.REFERENCE_DATE
TABLES = defaults.tables()
UNITS = ["u1", "u2", "u3", "u4"]
CORPS = ("commissaires", "officiers", "sous-officiers", "appui")


def _careers(count=500):
    for index in range(count):
        corps = CORPS[index % len(CORPS)]
        hire = date(1990, 1, 1) + timedelta(days=(index * 97) % 13000)
        birth = careers.birth_date_for(
            index, hire.replace(year=hire.year - 24), hire, corps, TABLES
        )
        ending = index % 10 == 9
        acts, final = careers.career_for(
            index, hire, corps, UNITS, TABLES, ending=ending, birth_date=birth
        )
        yield index, corps, hire, birth, ending, acts, final


CAREERS = tuple(_careers())


def test_reference_date_is_the_generators():
    from sirhp.policy.setuphandlers.demo import REFERENCE_DATE

    assert careers.REFERENCE_DATE == REFERENCE_DATE


def test_deterministic():
    assert tuple(_careers(50)) == CAREERS[:50]


@pytest.mark.parametrize("index", range(0, 500, 50))
def test_recruitment_in_the_first_grade(index):
    _index, corps, hire, _b, _e, acts, _f = CAREERS[index]
    first = acts[0]
    assert first["type"] == "recruitment" and first["date"] == hire
    assert first["grade"] == referential_rules.grades_of(TABLES, corps)[0]
    assert first["echelon"] == 1 and first["status"] == "active"
    assert first["unit"] in UNITS


def test_acts_before_the_reference_date():
    for *_rest, acts, _final in CAREERS:
        assert all(act["date"] <= REF for act in acts)
        assert [a["date"] for a in acts] == sorted(a["date"] for a in acts)


def test_final_situation_is_what_the_acts_give():
    for *_rest, acts, final in CAREERS:
        validated = [act for act in acts if not act["pending"]]
        assert final == rules.situation_at(validated, REF)
        assert final == rules.situation_at(acts, REF)


def test_grade_order_and_seniority_in_grade():
    for _i, corps, _h, _b, _e, acts, _f in CAREERS:
        grades = referential_rules.grades_of(TABLES, corps)
        held, since = grades[0], acts[0]["date"]
        for act in acts[1:]:
            if act.get("grade"):
                assert grades.index(act["grade"]) == grades.index(held) + 1, act
                years = rules.seniority(since, act["date"])["years"]
                assert years >= careers.MIN_YEARS_IN_GRADE, (since, act)
                assert act["echelon"] == 1
                held, since = act["grade"], act["date"]


def test_echelon_durations():
    for *_rest, acts, _final in CAREERS:
        grade, echelon, since = acts[0]["grade"], 1, acts[0]["date"]
        for act in acts[1:]:
            if act.get("grade"):
                grade, echelon, since = act["grade"], 1, act["date"]
            elif act.get("echelon"):
                assert act["echelon"] == echelon + 1, act
                years = referential_rules.echelon_years(TABLES, grade, echelon)
                assert years and act["date"] >= rules.add_months(since, 12 * years)
                echelon, since = act["echelon"], act["date"]


def test_no_overlapping_periods():
    for *_rest, acts, _final in CAREERS:
        temporary = [a for a in acts if a.get("end_date")]
        for first, second in zip(temporary, temporary[1:], strict=False):
            assert first["end_date"] < second["date"]
        for act in temporary:
            assert act["end_date"] >= act["date"]
            # no advancement while in availability
            if act["type"] == "availability":
                assert not [
                    a
                    for a in acts
                    if (a.get("grade") or a.get("echelon"))
                    and a is not act
                    and act["date"] <= a["date"] <= act["end_date"]
                ]
        periods = rules.periods(acts)
        for first, second in zip(periods, periods[1:], strict=False):
            assert first["end"] is not None and first["end"] < second["start"]


def test_endings_and_retirements():
    ended = [c for c in CAREERS if c[4]]
    assert ended
    for _i, corps, _h, birth, _e, acts, final in ended:
        assert acts[-1]["type"] in careers.ENDINGS
        assert final["status"] == careers.ENDINGS[acts[-1]["type"]]
        if acts[-1]["type"] == "retirement":
            limit = referential_rules.age_limit(TABLES, corps, acts[0]["grade"])
            assert acts[-1]["date"] == retirement_rules.retirement_date(birth, limit)
    coming = 0
    for _i, corps, hire, birth, ending, _a, _f in CAREERS:
        limit = referential_rules.age_limit(TABLES, corps)
        retire = retirement_rules.retirement_date(birth, limit)
        assert (hire - birth).days > 18 * 365
        if not ending and REF < retire <= rules.add_months(REF, 72):
            coming += 1
    assert coming >= 30


def test_variety():
    types = {act["type"] for *_rest, acts, _f in CAREERS for act in acts}
    assert {
        "recruitment",
        "promotion",
        "transfer",
        "detachment",
        "availability",
    } <= types
    assert {"decoration", "sanction"} <= types
    assert any(act["pending"] for *_rest, acts, _f in CAREERS for act in acts)
    statuses = {final["status"] for *_rest, final in CAREERS}
    assert {"active", "detached", "available"} <= statuses


def test_leaves():
    leaves = [leave for index in range(500) for leave in careers.leaves_for(index)]
    assert {state for *_rest, state in leaves} == {"approved", "requested"}
    assert any(start <= REF <= end for _t, start, end, _s in leaves)
    assert all(end >= start for _t, start, end, _s in leaves)
