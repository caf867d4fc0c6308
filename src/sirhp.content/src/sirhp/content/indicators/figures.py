"""The figures of the dashboard, each ``{"id", "title", "columns", "rows",
"total", "chart"}``: built once from the rows the API collected, then read
alike by the page, its XLSX exports and ``@indicators`` (so a figure shown
is the figure exported and the figure REST answers).

``columns``: ``[(id, title message)]``, the first is ``label`` (the group's
code in ``group``, its label added by ``api.to_json``); ``chart``: the
columns the page draws; ``labels``: the named vocabulary of the groups.
"""

from sirhp.content import _
from sirhp.content.indicators import rules
from sirhp.content.training.vocabularies import TRAINING_DOMAINS

PRIORITY_DOMAINS = ("proximity", "human_rights", "gender")
DOMAIN_TITLES = dict(TRAINING_DOMAINS)

COL_COUNT = ("count", _("indicators_col_count", default="Effectif"))
COL_WOMEN = ("women", _("indicators_col_women", default="Femmes"))
COL_MEN = ("men", _("indicators_col_men", default="Hommes"))
COL_STAFF = ("staff", _("indicators_col_staff", default="Effectif"))
COL_SHARE = ("share", _("indicators_col_share", default="Part des femmes"))
COL_TOTAL = ("total", _("indicators_col_total", default="Total"))
MSG_TOTAL = _("indicators_total", default="Total")

HEADCOUNTS = (
    (
        "agency",
        _("indicators_by_agency", default="Effectif par agence"),
        _("indicators_col_agency", default="Agence"),
        None,
    ),
    (
        "region",
        _("indicators_by_region", default="Effectif par région"),
        _("indicators_col_region", default="Région"),
        "sirhp.content.regions",
    ),
    (
        "unit_title",
        _("indicators_by_unit", default="Effectif par unité"),
        _("indicators_col_unit", default="Unité"),
        None,
    ),
    (
        "corps",
        _("indicators_by_corps", default="Effectif par corps"),
        _("indicators_col_corps", default="Corps"),
        "sirhp.content.corps",
    ),
    (
        "grade",
        _("indicators_by_grade", default="Effectif par grade"),
        _("indicators_col_grade", default="Grade"),
        "sirhp.content.grades",
    ),
    (
        "sex",
        _("indicators_by_sex", default="Effectif par sexe"),
        _("indicators_col_sex", default="Sexe"),
        "sirhp.content.sex",
    ),
)


def figure(id, title, label, columns, rows, total, chart, labels=None, **extra):
    """One figure; ``rows``/``total`` are dicts keyed by column id."""
    return {
        "id": id,
        "title": title,
        "columns": [("label", label), *columns],
        "rows": rows,
        "total": dict(total, label=MSG_TOTAL),
        "chart": list(chart),
        "labels": labels,
        **extra,
    }


def headcounts(staff):
    """Headcount by agency, region, unit, corps, grade and sex."""
    result = []
    for key, title, label, vocabulary in HEADCOUNTS:
        rows = [
            {"group": group, "count": count}
            for group, count in rules.counts(staff, key)
        ]
        result.append(
            figure(
                f"headcount_{key.removesuffix('_title')}",
                title,
                label,
                [COL_COUNT],
                rows,
                {"count": len(staff)},
                ["count"],
                vocabulary,
            )
        )
    return result


def women_by_grade(staff):
    """Women's share by grade."""
    rows = [
        {"group": grade, "women": women, "staff": total, "share": share}
        for grade, women, total, share in rules.women_by(staff, "grade")
    ]
    women = sum(row["women"] for row in rows)
    return figure(
        "women_by_grade",
        _("indicators_women_by_grade", default="Part des femmes par grade"),
        _("indicators_col_grade", default="Grade"),
        [COL_WOMEN, COL_STAFF, COL_SHARE],
        rows,
        {"women": women, "staff": len(staff), "share": rules.share(women, len(staff))},
        ["share"],
        "sirhp.content.grades",
    )


def age_pyramid(staff, at):
    """5-year age bands by sex, age on ``at``."""
    rows = [
        {"group": band, "women": women, "men": men, "total": total}
        for band, women, men, total in rules.pyramid(staff, at)
    ]
    return figure(
        "age_pyramid",
        _("indicators_age_pyramid", default="Pyramide des âges"),
        _("indicators_col_age", default="Âge"),
        [COL_WOMEN, COL_MEN, COL_TOTAL],
        rows,
        {key: sum(row[key] for row in rows) for key in ("women", "men", "total")},
        ["women", "men"],
    )


def retirements(staff, at):
    """Retirements by age limit in the next 5 years, by year."""
    rows = [
        {"group": year, "count": count} for year, count in rules.retirements(staff, at)
    ]
    return figure(
        "retirements",
        _("indicators_retirements", default="Départs à la retraite (5 ans)"),
        _("indicators_col_year", default="Année"),
        [("count", _("indicators_col_departures", default="Départs"))],
        rows,
        {"count": sum(row["count"] for row in rows)},
        ["count"],
    )


def training_coverage(tables, staff_count, trained_counts):
    """Share of staff trained in each priority domain, by region.

    :param tables: ``{domain: training.rules.coverage(...)["region"]}``.
    :param staff_count: the staff counted.
    :param trained_counts: ``{domain: trained among the staff}``.
    """
    columns = [COL_STAFF]
    for domain in PRIORITY_DOMAINS:
        mapping = {"domain": DOMAIN_TITLES[domain]}
        trained = _(
            "indicators_col_trained", default="${domain} : formés", mapping=mapping
        )
        part = _(
            "indicators_col_trained_share", default="${domain} : part", mapping=mapping
        )
        columns += [(domain, trained), (f"{domain}_share", part)]
    regions = sorted(
        {region for table in tables.values() for region in table},
        key=lambda region: (region is None, region or ""),
    )
    rows = []
    for region in regions:
        row = {"group": region}
        for domain in PRIORITY_DOMAINS:
            cell = tables[domain].get(region) or {"staff": 0, "trained": 0}
            row["staff"] = cell["staff"]
            row[domain] = cell["trained"]
            row[f"{domain}_share"] = rules.share(cell["trained"], cell["staff"])
        rows.append(row)
    total = {"staff": staff_count}
    for domain in PRIORITY_DOMAINS:
        total[domain] = trained_counts[domain]
        total[f"{domain}_share"] = rules.share(trained_counts[domain], staff_count)
    return figure(
        "training_coverage",
        _("indicators_training", default="Formation aux priorités de la réforme"),
        _("indicators_col_region", default="Région"),
        columns,
        rows,
        total,
        [f"{domain}_share" for domain in PRIORITY_DOMAINS],
        "sirhp.content.regions",
    )


def recruitment(rows):
    """Candidates and admitted by region against the quota."""
    return figure(
        "recruitment_by_region",
        _("indicators_recruitment", default="Recrutement par région et quota"),
        _("indicators_col_region", default="Région"),
        [
            ("candidates", _("indicators_col_candidates", default="Candidats")),
            ("admitted", _("indicators_col_admitted", default="Admis")),
            ("quota", _("indicators_col_quota", default="Quota")),
        ],
        rows,
        {
            k: sum(r.get(k) or 0 for r in rows)
            for k in ("candidates", "admitted", "quota")
        },
        ["admitted"],
        "sirhp.content.regions",
    )


def evaluation_completion(year, by_state):
    """Evaluations of the latest campaign by workflow state."""
    rows = [{"group": state, "count": count} for state, count in by_state]
    return figure(
        "evaluation_completion",
        _(
            "indicators_evaluation",
            default="Évaluations de la dernière campagne, par état",
        ),
        _("indicators_col_state", default="État"),
        [("count", _("indicators_col_evaluations", default="Évaluations"))],
        rows,
        {"count": sum(row["count"] for row in rows)},
        ["count"],
        "state:Evaluation",
        campaign=year,
    )


def leave_today(by_type):
    """Officers on approved leave on the day, by leave type."""
    rows = [{"group": kind, "count": count} for kind, count in by_type]
    return figure(
        "leave_today",
        _("indicators_leave", default="En congé ce jour, par type"),
        _("indicators_col_leave_type", default="Type de congé"),
        [("count", _("indicators_col_absent", default="Absents"))],
        rows,
        {"count": sum(row["count"] for row in rows)},
        ["count"],
        "sirhp.content.leave_types",
    )
