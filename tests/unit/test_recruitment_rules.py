"""Recruitment rules (``sirhp.content.recruitment.rules``): stages, quotas,
marks, elimination, statistics, spreadsheet rows. No Zope."""

import pytest
from sirhp.content.recruitment import rules

STAGES = rules.parse_stages(rules.DEFAULT_STAGES)
NINA = "123456789012345"
NINA2 = "ABCDEFGHIJ12345"


def keys(problems):
    return [p.key for p in problems]


def test_default_stages_in_order():
    assert [s.code for s in STAGES] == [
        "candidature",
        "preselection",
        "ecrit",
        "sport",
        "medical",
        "resultats",
    ]
    assert STAGES[2] == rules.Stage("ecrit", "Épreuves écrites", 20.0, 10.0)


@pytest.mark.parametrize(
    "lines,key",
    [
        (["ecrit|Écrit"], "stage_line"),
        (["ecrit|Écrit|0|0"], "stage_line"),
        (["ecrit|Écrit|20|x"], "stage_line"),
        (["ecrit|Écrit|20|21"], "stage_minimum"),
        (["ecrit|Écrit|20|5", "ecrit|Bis|20|5"], "stage_twice"),
        ([], "no_stage"),
    ],
)
def test_bad_stages(lines, key):
    with pytest.raises(rules.RuleError) as info:
        rules.parse_stages(lines)
    assert info.value.problems[0].key == key


def test_quotas():
    assert rules.parse_quotas(["segou|5", "", "kayes|0"], {"segou", "kayes"}) == {
        "segou": 5,
        "kayes": 0,
    }
    for lines, key in (
        (["segou|-1"], "quota_line"),
        (["segou"], "quota_line"),
        (["paris|2"], "quota_unknown"),
        (["segou|1", "segou|2"], "quota_twice"),
    ):
        with pytest.raises(rules.RuleError) as info:
            rules.parse_quotas(lines, {"segou"})
        assert info.value.problems[0].key == key
    assert keys(rules.check_quotas(10, {"segou": 6, "kayes": 4})) == []
    assert keys(rules.check_quotas(10, {"segou": 6, "kayes": 5})) == ["quota_total"]


def test_nina_shares_the_file_rule():
    assert keys(rules.check_nina("")) == ["nina_required"]
    assert keys(rules.check_nina("abc")) == ["nina_format"]
    assert keys(rules.check_nina(NINA)) == []


def test_marks_within_the_stage_range():
    marks, problems = rules.check_marks(
        STAGES, {"ecrit": "12,5", "sport": 20, "medical": 21, "oral": 3}
    )
    assert marks == {"ecrit": 12.5, "sport": 20.0}
    assert keys(problems) == ["mark_range", "unknown_stage"]
    assert problems[0].mapping == {"stage": "Visite médicale", "mark": 21, "max": "20"}
    _marks, problems = rules.check_marks(STAGES, {"ecrit": -1})
    assert keys(problems) == ["mark_range"]
    _marks, problems = rules.check_marks(STAGES, {"ecrit": "n/a"})
    assert keys(problems) == ["mark_range"]


def test_elimination_at_the_first_stage_below_its_minimum():
    assert rules.eliminating_stage(STAGES, {"ecrit": 10, "sport": 8}) is None
    # exactly the minimum passes; below eliminates, the first in stage order
    stage = rules.eliminating_stage(STAGES, {"sport": 7.5, "ecrit": 9.99})
    assert stage.code == "ecrit"
    assert rules.eliminating_stage(STAGES, {"candidature": 0}) is None  # no minimum


def test_status():
    all_marks = {s.code: 15 for s in STAGES}
    assert rules.status(STAGES, all_marks, None) == "admissible"
    assert rules.status(STAGES, {"ecrit": 15}, None) == "pending"
    assert rules.status(STAGES, all_marks, "sport") == "eliminated"


def test_statistics_by_region_and_sex():
    candidates = [
        {"uid": "a", "region": "segou", "sex": "F", "status": "admissible"},
        {"uid": "b", "region": "segou", "sex": "M", "status": "eliminated"},
        {"uid": "c", "region": "kayes", "sex": "M", "status": "pending"},
    ]
    stats = rules.statistics(candidates, {"segou": 1, "mopti": 2}, {"F": 1})
    assert stats["total"] == 3
    by_region = {row["code"]: row for row in stats["by_region"]}
    assert by_region["segou"] == {
        "code": "segou",
        "candidates": 2,
        "eliminated": 1,
        "admissible": 1,
        "quota": 1,
    }
    assert by_region["mopti"]["candidates"] == 0  # a quota without candidates
    assert by_region["kayes"]["quota"] is None
    by_sex = {row["code"]: row for row in stats["by_sex"]}
    assert (by_sex["F"]["candidates"], by_sex["F"]["quota"]) == (1, 1)
    assert "admitted" not in by_sex["F"]
    stats = rules.statistics(candidates, {}, {}, results=["a"])
    assert {r["code"]: r["admitted"] for r in stats["by_region"]} == {
        "kayes": 0,
        "segou": 1,
    }


def test_score_rows():
    headers = ["NINA", "ecrit", "sport"]
    rows = [
        (2, [NINA, 12, 9]),
        (3, [NINA2, 25, None]),
        (4, ["000000000000000", 10, 10]),
        (5, [NINA, 11, 11]),
        (6, ["bad", 1, 1]),
    ]
    report = rules.score_rows(headers, rows, STAGES, {NINA, NINA2})
    assert [(r["row"], r["ok"]) for r in report] == [
        (2, True),
        (3, False),
        (4, False),
        (5, False),
        (6, False),
    ]
    assert report[0]["marks"] == {"ecrit": 12.0, "sport": 9.0}
    assert keys(report[1]["errors"]) == ["mark_range"]
    assert keys(report[2]["errors"]) == ["nina_unknown"]
    assert keys(report[3]["errors"]) == ["nina_twice_file"]
    assert keys(report[4]["errors"]) == ["nina_format"]


@pytest.mark.parametrize(
    "headers,key",
    [(["matricule", "ecrit"], "header_nina"), (["NINA", "oral"], "header_stage")],
)
def test_score_rows_bad_header(headers, key):
    with pytest.raises(rules.RuleError) as info:
        rules.score_rows(headers, [], STAGES, set())
    assert info.value.problems[0].key == key
