"""Evaluation and promotion in process, on the bench site (20,000 files):

- a campaign's evaluations created in one action (both agencies' campaigns:
  every active validated officer), then marked and validated as the system
  (set-up, not timed) so that the figures below read real marks;
- eligibility for the next grade of every officer of the agency;
- a tableau d'avancement built from the rules (the target grade with the
  most eligible officers);
- the fairness report of the year and of that tableau.

Everything is aborted at the end: the bench site is not changed and the
benchmark can be run again. Baseline of the same run: one catalog pass over
the agency's validated files reading their career metadata (what every
bulk path does at least once); each figure is also given as a ratio to it.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/promotion_inprocess.py OUTPUT.json
"""

from collections import Counter
from DateTime import DateTime
from datetime import date
import json
from plone import api
import sys
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

# the demo generator's reference date (sirhp.policy.setuphandlers.demo)
AT = date(2026, 11, 1)
YEAR = AT.year
GRID = {"discipline": 30, "efficacite": 40, "relations": 30}
TARGETS = {"evaluations_s": 60, "eligibility_s": 5, "tableau_s": 10, "fairness_s": 2}


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def baseline(site):
    """Seconds of one catalog pass over the agency's validated files."""
    catalog = site.portal_catalog

    def walk():
        brains = catalog.unrestrictedSearchResults(
            portal_type="PersonnelFile",
            review_state="validated",
            path="/".join(site["police-nationale"].getPhysicalPath()),
        )
        return sum(1 for brain in brains if brain.career_file is not None)

    count, seconds = timed(walk)
    return {"files": count, "seconds": seconds}


def evaluations(site):
    """Open both agencies' campaigns: their evaluations created in one
    action each (timed, catalogued: ``open_campaign``); then, on a site
    without the year's marks yet, mark and validate them as the system
    (set-up, not timed). A site that holds the year's campaigns already
    (committed by an earlier run) opens the next year's, unmarked."""
    from sirhp.content.evaluation import api as evaluation_api

    agencies = (("police-nationale", "hrmanager.pn"), ("ocs", "hrmanager.ocs"))
    year = YEAR
    if f"evaluation-{YEAR}" in site[agencies[0][0]]:
        year = YEAR + 1
    created, seconds, names = 0, 0.0, []
    for agency_id, user in agencies:
        with api.env.adopt_user(username=user):
            campaign = evaluation_api.create_campaign(
                agency=site[agency_id],
                year=year,
                grid=GRID,
                evaluation_deadline=date(year, 12, 15),
            )
            found, spent = timed(evaluation_api.open_campaign, campaign=campaign)
        created += found
        seconds += spent
        names.append(evaluation_api.evaluation_id(campaign))
    transaction.savepoint(optimistic=True)
    if year == YEAR:
        mark_and_validate(site, names)
    return {
        "year": year,
        "evaluations": created,
        "seconds": seconds,
        "per_20000_s": seconds * 20000 / max(created, 1),
        "target_s": TARGETS["evaluations_s"],
    }


def mark_and_validate(site, names):
    """Deterministic marks (8 to 19.5) and the validated state, as the
    system, for the evaluations named ``names``."""
    from sirhp.content.evaluation import api as evaluation_api

    wftool = site.portal_workflow
    brains = site.portal_catalog.unrestrictedSearchResults(
        portal_type="Evaluation", getId=names
    )
    for index, brain in enumerate(brains):
        evaluation = brain._unrestrictedGetObject()
        marks = {c: str(8 + (index * 7 + n * 3) % 24 / 2) for n, c in enumerate(GRID)}
        evaluation.marks = marks
        evaluation.evaluator = f"commandant-{index % 40}"
        evaluation.mark = evaluation_api.computed_mark(evaluation)
        wftool.setStatusOf(
            "sirhp_evaluation_workflow",
            evaluation,
            {
                "review_state": "validated",
                "action": "validate",
                "actor": "bench",
                "comments": "",
                "time": DateTime(),
            },
        )
        evaluation.reindexObject()
    transaction.savepoint(optimistic=True)


def eligibility(site):
    from sirhp.content.promotion import api as promotion_api

    with api.env.adopt_user(username="hrmanager.pn"):
        rows, seconds = timed(
            promotion_api.eligibility_of_agency, agency=site["police-nationale"], at=AT
        )
        # a second pass: the catalog records now in the ZODB cache, as on a
        # server that has been running
        _rows, warm = timed(
            promotion_api.eligibility_of_agency, agency=site["police-nationale"], at=AT
        )
    eligible = Counter(row["grade"] for row in rows if row["eligible"])
    return {
        "officers": len(rows),
        "eligible": sum(eligible.values()),
        "by_target_grade": dict(eligible.most_common()),
        "seconds": seconds,
        "warm_seconds": warm,
        "target_s": TARGETS["eligibility_s"],
    }


def relax_promotion_rules(site):
    """Promotion rules reduced to "status active" from the day after the
    versions in force (inside the aborted transaction), so that a grade has
    thousands of eligible officers: the size the acceptance asks for."""
    from sirhp.content.referentials import api as referentials

    with api.env.adopt_roles(["Manager"]):
        tables = referentials.tables(at=AT)
        tables["promotion_rules"] = {
            code: {"status": "active"} for code in tables["promotion_rules"]
        }
        referentials.add_version(effective=AT, tables=tables, today=date(AT.year, 1, 2))


CANDIDATES = 2000  # the tableau's size the acceptance asks for


def reclassify(site, rows, target, count):
    """File, as the system, a validated reclassement into the grade below
    ``target`` for ``count`` officers not yet eligible for it."""
    from sirhp.content.careers import api as careers
    from sirhp.content.promotion.eligibility import next_grade
    from sirhp.content.referentials import api as referentials

    tables = referentials.tables(at=AT)
    below = next(
        code
        for code, grade in tables["grades"].items()
        if next_grade(tables, grade["corps"], code) == target
    )
    others = [row for row in rows if not (row["eligible"] and row["grade"] == target)]
    for row in others[:count]:
        careers.add_act_as_system(
            file=site.unrestrictedTraverse(row["path"]),
            id="bench-reclassement",
            actor="bench",
            comment="",
            event_type="reclassement",
            event_date=date(AT.year, 1, 2),
            resulting_grade=below,
            resulting_echelon=1,
        )
    transaction.savepoint(optimistic=True)


def tableau(site):
    """Build a tableau for the target grade with the most eligible officers
    under relaxed rules (as hrmanager.pn), then decide it as the commission
    would (the first ``posts`` promoted), so that the fairness report below
    reads a real table."""
    from sirhp.content.promotion import api as promotion_api

    relax_promotion_rules(site)
    with api.env.adopt_user(username="hrmanager.pn"):
        rows = promotion_api.eligibility_of_agency(
            agency=site["police-nationale"], at=AT
        )
    counts = Counter(row["grade"] for row in rows if row["eligible"])
    target, eligible = counts.most_common(1)[0]
    if eligible < CANDIDATES:
        # a statute reclassification puts more officers in the grade below
        # the target (validated acts, not timed): the size asked for
        reclassify(site, rows, target, CANDIDATES - eligible)
        eligible = CANDIDATES
    posts = max(1, eligible // 10)
    with api.env.adopt_user(username="hrmanager.pn"):
        table = api.content.create(
            container=site["police-nationale"],
            type="PromotionTable",
            id="tableau-bench",
            target_grade=target,
            year=YEAR,
            posts=posts,
        )
        candidates, seconds = timed(promotion_api.build, table=table, at=AT)
    # the commission's decisions, written directly (not timed)
    table.candidates = [
        {**row, "decision": "promoted" if row["rank"] <= posts else "deferred"}
        for row in candidates
    ]
    table.decided_on = AT
    transaction.savepoint(optimistic=True)
    return table, {
        "target_grade": target,
        "candidates": len(candidates),
        "posts": posts,
        "seconds": seconds,
        "target_s": TARGETS["tableau_s"],
    }


def fairness(site, table):
    """The fairness figures of the tableau and of the year (the agency),
    as the page computes them (``fairness.api.report``)."""
    from sirhp.content.fairness import api as fairness_api

    agency = site["police-nationale"]
    with api.env.adopt_user(username="hrmanager.pn"):
        by_table, table_s = timed(
            fairness_api.report, context=agency, table=table.UID()
        )
        by_year, year_s = timed(fairness_api.report, context=agency, year=str(YEAR))
        _again, year_again_s = timed(
            fairness_api.report, context=agency, year=str(YEAR)
        )
    return {
        "table_eligible": by_table["eligible"],
        "table_seconds": table_s,
        "year_eligible": by_year["eligible"],
        "year_marks": by_year["marks"]["count"],
        "year_seconds": year_s,
        "year_again_seconds": year_again_s,
        "target_s": TARGETS["fairness_s"],
    }


def main(app, output):
    app = makerequest(app)
    site = app["sirhp"]
    setSite(site)
    try:
        results = {"baseline": baseline(site)}
        results["eligibility"] = eligibility(site)
        results["evaluations"] = evaluations(site)
        table, results["tableau"] = tableau(site)
        results["fairness"] = fairness(site, table)
        base = results["baseline"]["seconds"]
        for key in ("evaluations", "eligibility", "tableau"):
            results[key]["ratio"] = results[key]["seconds"] / base
        for key in ("table_seconds", "year_seconds"):
            results["fairness"][key.replace("seconds", "ratio")] = (
                results["fairness"][key] / base
            )
    finally:
        transaction.abort()
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2, default=str)
    print(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main(app, sys.argv[-1])  # noqa: F821 (zconsole provides app)
