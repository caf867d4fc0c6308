"""Fairness figures: a known tableau against a hand computation, Fisher's
p-value against a known value, the year report on the test data (acts and
evaluations created here, explicit dates), the year and table refusals."""

from datetime import date
from plone import api
import pytest
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.fairness import api as fairness
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.evaluation.test_evaluations import campaign  # noqa: F401 (fixture)
from tests.evaluation.test_evaluations import evaluation  # noqa: F401 (fixture)
from tests.evaluation.test_marks_index import _validated
from types import SimpleNamespace


def known_table(portal):
    """10 eligible men (4 promoted), 6 eligible women (1 promoted)."""
    base = "/".join(portal.getPhysicalPath()) + "/police-nationale/"

    def candidate(index, sex, decision, since):
        return {
            "uid": f"uid-{index}",
            "path": f"{base}f{index}",
            "matricule": f"M{index}",
            "title": f"Agent {index}",
            "rank": index + 1,
            "score": 10,
            "average": 12,
            "sex": sex,
            "region": "kayes" if index % 2 else "bamako",
            "corps": "officiers",
            "grade_since": since,
            "decision": decision,
            "reason": None,
        }

    men = [
        candidate(i, "M", "promoted" if i < 4 else "deferred", date(2022, 1, 1))
        for i in range(10)
    ]
    women = [
        candidate(10 + i, "F", "promoted" if i == 0 else "refused", date(2020, 1, 1))
        for i in range(6)
    ]
    return SimpleNamespace(
        title="Tableau 2027",
        candidates=men + women,
        year=2027,
        target_grade="officier-1",
        decided_on=date(2026, 11, 20),
        effective=date(2027, 1, 1),
    )


def _group(report, by, name):
    return next(g for g in report["groupings"][by]["groups"] if g["group"] == name)


def test_known_table_against_a_hand_computation(portal):
    report = fairness.table_report(table=known_table(portal))
    assert (report["eligible"], report["promoted"]) == (16, 5)
    men, women = _group(report, "sex", "M"), _group(report, "sex", "F")
    assert (men["eligible"], men["promoted"]) == (10, 4)
    assert (women["eligible"], women["promoted"]) == (6, 1)
    assert men["selection_rate"] == pytest.approx(0.4)
    assert women["selection_rate"] == pytest.approx(0.1667, abs=1e-4)
    assert men["impact_ratio"] == 1.0 and men["flag"] is False
    assert women["impact_ratio"] == pytest.approx(0.4167, abs=1e-4)
    assert women["flag"] is True
    # Fisher's exact test on [[4, 6], [1, 5]] (scipy.stats.fisher_exact:
    # 0.5879120879..., that is 107/182); the same for both groups
    assert women["fisher_p"] == pytest.approx(107 / 182)
    assert men["fisher_p"] == pytest.approx(107 / 182)
    # one agency: nothing to compare
    assert [g["group"] for g in report["groupings"]["agency"]["groups"]] == [
        "police-nationale"
    ]


def test_time_in_grade_of_the_promoted(portal):
    report = fairness.table_report(table=known_table(portal))
    times = {t["group"]: t for t in report["groupings"]["sex"]["time_in_grade"]}
    # men: 2022-01-01 -> 2027-01-01; the woman: 2020-01-01 -> 2027-01-01
    assert times["M"]["count"] == 4
    assert times["M"]["median_days"] == (date(2027, 1, 1) - date(2022, 1, 1)).days
    assert times["F"]["median_days"] == (date(2027, 1, 1) - date(2020, 1, 1)).days


def test_json_answer_has_plain_method(portal):
    request = portal.REQUEST
    answer = fairness.to_json(
        fairness.table_report(table=known_table(portal)), request=request
    )
    assert answer["method"][0]["figure"] == "eligible"
    assert answer["method"][0]["text"].startswith("Éligibles")


@pytest.mark.parametrize("text", ["", None, "26", "abcd", "1900", "20261"])
def test_bad_year(text):
    with pytest.raises(fairness.FairnessError) as raised:
        fairness.parse_year(text)
    assert raised.value.field == "year"


def test_unknown_table(portal):
    with api.env.adopt_roles(["Manager"]):
        with pytest.raises(fairness.FairnessError):
            fairness.report(context=portal["police-nationale"], table="nope")


def test_table_of_another_agency(portal, evaluation):  # noqa: F811
    # any catalogued object stands for the type's lookup (no PromotionTable yet)
    uid = evaluation.UID()
    original = fairness.TABLE_TYPE
    fairness.TABLE_TYPE = "Evaluation"
    try:
        with api.env.adopt_user(username="hrmanager.ocs"):
            with pytest.raises(SirhpNotFound):
                fairness.find_table(context=portal["ocs"], uid=uid)
    finally:
        fairness.TABLE_TYPE = original


def _promotion_act(file, when):
    with api.env.adopt_user(username="hrmanager.pn"):
        act = api.content.create(
            container=file,
            type="CareerEvent",
            id="promotion",
            safe_id=True,
            event_type="promotion",
            event_date=when,
            resulting_grade="officier-1",
            reference="DEC-AV-1",
        )
        api.content.transition(act, transition="submit")
    with api.env.adopt_user(username="siteadmin"):
        api.content.transition(act, transition="validate", comment="Conforme.")
    return act


def test_year_report_on_the_test_data(portal, testdata, evaluation):  # noqa: F811
    _validated(portal, testdata, evaluation)  # 13.80, by commander.pn, 2026
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    _promotion_act(file, date(2026, 4, 1))
    agency = portal["police-nationale"]
    with api.env.adopt_user(username="hrmanager.pn"):
        report = fairness.year_report(context=agency, year=2026)
        eligible = [
            r
            for r in fairness.promotion.eligibility_of_agency(
                agency=agency, at=fairness.eligible_on(2026)
            )
            if r["eligible"]
        ]
    assert report["agencies"] == ["police-nationale"]
    assert report["eligible"] == len(eligible)
    # officer A was not eligible on the eve of the year: counted apart
    assert report["promoted"] == 0
    assert report["promoted_not_eligible"] == 1
    assert report["exceptional"]["total"] == 0
    marks = report["marks"]
    assert marks["count"] == 1
    (rater,) = marks["groupings"]["evaluator"]
    assert rater["group"] == "commander.pn"
    assert rater["mean"] == pytest.approx(13.8)
    sex = file.sex
    assert [g["group"] for g in marks["groupings"]["sex"]] == [sex]
    assert [g["group"] for g in marks["groupings"]["region"]] == [file.region_of_origin]
    assert report["tables"] == []
    # another year: the act and the marks are not counted
    with api.env.adopt_user(username="hrmanager.pn"):
        other = fairness.year_report(context=agency, year=REFERENCE_DATE.year - 1)
    assert other["promoted_not_eligible"] == 0 and other["marks"]["count"] == 0


def test_portal_report_covers_the_agencies_the_user_may_see(portal):
    with api.env.adopt_user(username="hrmanager.pn"):
        mine = fairness.year_report(context=portal, year=2026)
    assert mine["agencies"] == ["police-nationale"]
    with api.env.adopt_user(username="auditor"):
        every = fairness.year_report(context=portal, year=2026)
    assert sorted(every["agencies"]) == ["ocs", "police-nationale"]
