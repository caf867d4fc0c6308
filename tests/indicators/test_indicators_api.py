"""The dashboard's figures against counts made here by walking the test
site's objects (never the catalog), on the reference date: the files, and
leave, evaluations, training and recruitment made in the test
(``records``); the scope of a commander and of the other agency; the
French refusal of a bad date."""

from collections import Counter
from plone import api
import pytest
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.indicators import api as indicators
from sirhp.content.indicators.api import IndicatorsError
from sirhp.content.indicators.figures import PRIORITY_DOMAINS
from sirhp.content.retirement.api import retirement_date_of
from sirhp.content.vocabularies.fixed import DEPARTED_STATUSES
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.indicators import records

AT = REFERENCE_DATE


def _files(container):
    for obj in container.objectValues():
        if obj.portal_type == "PersonnelFile":
            yield obj
        elif obj.portal_type in ("Agency", "Unit"):
            yield from _files(obj)


def _staff(portal, agency_ids, at=AT):
    """Validated files in service on ``at``, walked object by object."""
    result = []
    for agency_id in agency_ids:
        for file in _files(portal[agency_id]):
            if api.content.get_state(file) != "validated":
                continue
            if file.hire_date and file.hire_date > at:
                continue
            if file.status in DEPARTED_STATUSES:
                continue
            retirement = retirement_date_of(file=file)
            if retirement is not None and retirement <= at:
                continue
            result.append(file)
    return result


def _unit(file):
    return file.unit.to_object if file.unit and not file.unit.isBroken() else None


def _figures(context, login):
    with api.env.adopt_user(username=login):
        report = indicators.indicators(context=context, at=AT)
        return {f["id"]: f for f in report["figures"]}


def _counts(figure, column="count"):
    return {row["group"]: row[column] for row in figure["rows"]}


def _age(birth, at):
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


@pytest.mark.parametrize("login", ["hrmanager.pn", "auditor"])
def test_every_figure_equals_an_independent_count(portal, login):
    agency = portal["police-nationale"]
    staff = _staff(portal, ["police-nationale"])
    assert staff, "the test data has validated files in service"
    figures = _figures(agency, login)

    def unit_title(file):
        return _unit(file).Title() if _unit(file) is not None else ""

    expected = {
        "headcount_agency": Counter("police-nationale" for _f in staff),
        "headcount_region": Counter(getattr(_unit(f), "region", None) for f in staff),
        "headcount_unit": Counter(unit_title(f) for f in staff),
        "headcount_corps": Counter(f.corps for f in staff),
        "headcount_grade": Counter(f.grade for f in staff),
        "headcount_sex": Counter(f.sex for f in staff),
    }
    for id, counted in expected.items():
        assert _counts(figures[id]) == dict(counted), id
        assert figures[id]["total"]["count"] == len(staff)
    women = figures["women_by_grade"]
    for row in women["rows"]:
        in_grade = [f for f in staff if f.grade == row["group"]]
        assert row["staff"] == len(in_grade)
        assert row["women"] == sum(1 for f in in_grade if f.sex == "F")
    pyramid = Counter(
        (_age(f.birth_date, AT) // 5 * 5, f.sex) for f in staff if f.birth_date
    )
    for row in figures["age_pyramid"]["rows"]:
        start = int(row["group"].split("-")[0])
        assert row["women"] == pyramid[(start, "F")]
        assert row["men"] == pyramid[(start, "M")]
    assert figures["age_pyramid"]["total"]["total"] == sum(pyramid.values())
    retiring = Counter(
        retirement_date_of(file=f).year
        for f in staff
        if retirement_date_of(file=f) and retirement_date_of(file=f).year < AT.year + 5
    )
    assert _counts(figures["retirements"]) == {
        year: retiring[year] for year in range(AT.year, AT.year + 5)
    }
    assert figures["training_coverage"]["total"]["staff"] == len(staff)
    assert figures["recruitment_by_region"]["rows"] == []


def _children(container, portal_type):
    return [o for o in container.objectValues() if o.portal_type == portal_type]


def _on_leave(portal, agency_id):
    """Approved leave covering AT, by type, walking every file's requests."""
    return Counter(
        leave.leave_type
        for file in _files(portal[agency_id])
        for leave in _children(file, "LeaveRequest")
        if api.content.get_state(leave) == "approved" and leave.start <= AT <= leave.end
    )


def _trained(agency, domain):
    """UIDs of the files who passed a closed session of a ``domain`` course."""
    codes = {c.code for c in _children(agency, "TrainingCourse") if c.domain == domain}
    return {
        uid
        for session in _children(agency, "TrainingSession")
        if session.course_code in codes and api.content.get_state(session) == "closed"
        for uid, entry in (session.participants or {}).items()
        if entry["result"] == "passed"
    }


def _admitted(campaign):
    """Admitted by region, ranked here: averages over every stage, the
    regional quotas filled best first, the posts left on national merit
    (the campaign's rule); no two averages are equal in ``records``."""
    stages = [line.split("|")[0] for line in campaign.stages]
    averages = {
        c: sum(c.scores[s] for s in stages) / len(stages)
        for c in _children(campaign, "Candidate")
        if not c.eliminated_at and set(stages) <= set(c.scores or {})
    }
    best = sorted(averages, key=averages.get, reverse=True)
    quotas = {r: int(n) for r, n in (line.split("|") for line in campaign.quotas)}
    admitted = []
    for region, posts in quotas.items():
        admitted += [c for c in best if c.region_of_origin == region][:posts]
    left = [c for c in best if c not in admitted]
    admitted += left[: campaign.posts - len(admitted)]
    return Counter(c.region_of_origin for c in admitted), quotas


@pytest.mark.parametrize("login", ["hrmanager.pn", "auditor"])
def test_leave_evaluation_training_recruitment_equal_counts(portal, testdata, login):
    made = records.create(portal, testdata)
    agency = portal["police-nationale"]
    staff = _staff(portal, ["police-nationale"])
    figures = _figures(agency, login)

    on_leave = _on_leave(portal, "police-nationale")
    assert on_leave == {"annual": 1, "sick": 1}  # the requested one not counted
    assert _counts(figures["leave_today"]) == dict(on_leave)
    assert figures["leave_today"]["total"]["count"] == 2

    name = evaluation_api.evaluation_id(made["evaluations"])
    states = Counter(api.content.get_state(f[name]) for f in staff if name in f)
    assert states["validated"] == states["to_acknowledge"] == 1
    assert _counts(figures["evaluation_completion"]) == dict(states)
    assert figures["evaluation_completion"]["campaign"] == 2026

    coverage = figures["training_coverage"]
    regions = Counter(getattr(_unit(f), "region", None) for f in staff)
    rows = {row["group"]: row for row in coverage["rows"]}
    assert {g: r["staff"] for g, r in rows.items()} == dict(regions)
    for domain in PRIORITY_DOMAINS:
        trained = _trained(agency, domain)
        by_region = Counter(
            getattr(_unit(f), "region", None) for f in staff if f.UID() in trained
        )
        for region, row in rows.items():
            assert row[domain] == by_region[region], (domain, region)
        assert coverage["total"][domain] == sum(by_region.values())
    assert coverage["total"]["proximity"] == 1  # officer A passed, B failed

    concours = made["campaign"]
    candidates = Counter(c.region_of_origin for c in _children(concours, "Candidate"))
    admitted, quotas = _admitted(concours)
    assert admitted == {"segou": 3, "kayes": 1}  # Kayes' 2nd was eliminated
    expected = {
        region: {
            "candidates": candidates[region],
            "admitted": admitted[region],
            "quota": quotas.get(region, 0),
        }
        for region in set(candidates) | set(quotas)
    }
    found = {
        row["group"]: {k: row[k] for k in ("candidates", "admitted", "quota")}
        for row in figures["recruitment_by_region"]["rows"]
    }
    assert found == expected


def test_scope_of_a_commander(portal):
    agency = portal["police-nationale"]
    with api.env.adopt_user(username="commander2.pn"):
        report = indicators.indicators(context=agency, at=AT)
    figures = {f["id"]: f for f in report["figures"]}
    kayes = [
        f
        for f in _staff(portal, ["police-nationale"])
        if f.unit.to_object.getId() == "commissariat-kayes"
    ]
    assert figures["headcount_agency"]["total"]["count"] == len(kayes) == 1


def test_the_other_agency_sees_nothing_of_this_one(portal):
    with api.env.adopt_user(username="hrmanager.ocs"):
        report = indicators.indicators(context=portal["police-nationale"], at=AT)
        mine = indicators.indicators(context=portal, at=AT)
    assert report["figures"][0]["total"]["count"] == 0
    assert mine["agencies"] == ["ocs"]
    assert mine["figures"][0]["total"]["count"] == len(_staff(portal, ["ocs"]))


@pytest.mark.parametrize("text", ["", "2026-13-01", "01/11/2026", "1900-01-01"])
def test_bad_date_refused_in_french(portal, text):
    with pytest.raises(IndicatorsError) as raised:
        indicators.indicators(context=portal["police-nationale"], at=text)
    assert raised.value.text().startswith("Indiquez la date au format AAAA-MM-JJ")


def test_a_catalog_change_is_seen_at_once(portal, testdata):
    agency = portal["police-nationale"]
    before = _figures(agency, "hrmanager.pn")["headcount_sex"]["total"]["count"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    file.status = "retired"
    file.reindexObject()
    after = _figures(agency, "hrmanager.pn")["headcount_sex"]["total"]["count"]
    assert after == before - 1
