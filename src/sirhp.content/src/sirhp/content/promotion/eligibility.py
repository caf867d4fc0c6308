"""Promotion eligibility: is an officer eligible for the next grade of his
corps, and why, criterion by criterion (rules: ``promotion.rules``, the
rules per target grade: the référentiel ``promotion_rules``). Called
through ``promotion.api``, which re-exports these functions.

Facts come from the catalog where it holds them (career acts' metadata,
the indexed retirement date); a file's sanctions are read on the acts
themselves (the catalog never holds a sanction's nature), unrestricted for
the computation, and their level is returned only to a caller who may read
disciplinary data. ``@eligibility``, the file page and « Mon dossier »
call ``eligibility``; the tableau d'avancement (``build``, ``decide``,
``publish``; storage and checks: ``promotion.tables``) calls
``eligibility_of_agency``. Exceptional promotions (statute art. 19:
bravery, injury) are pending promotion acts flagged by their ground.
"""

from datetime import date
from decimal import Decimal
from functools import lru_cache
from functools import partial
from plone import api
from sirhp.content.base.catalog import records
from sirhp.content.careers import api as careers
from sirhp.content.careers import rules as career_rules
from sirhp.content.evaluation import marks as evaluation_marks
from sirhp.content.permissions import ReadDisciplinary
from sirhp.content.promotion import labels
from sirhp.content.promotion import rules
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules as referential_rules
from types import SimpleNamespace

TRAINING = "training"  # the career act of a training passed
SANCTION = "sanction"


def parse_at(text):
    """The day asked for (``YYYY-MM-DD``; empty: today).

    :returns: a ``date`` or None (today).
    :raises CareerError: a bad date (French 400), as ``@career``.
    """
    return careers.parse_at(text)


def marks_of(file):
    """The officer's validated evaluation marks ``{year: Decimal out of
    20}`` (read from the catalog's indexes: ``evaluation.marks``).

    :param file: a personnel file.
    :returns: dict.
    """
    return evaluation_marks.of_file(file)


def training_code(act):
    """The course code of a training act (dict of ``career_act``).

    A closed training session files its act with the course code as
    reference (``training.api.close``): « OPJ » → ``opj``.
    """
    return str(act.get("reference") or "").strip().lower() or None


def next_grade(tables, corps, grade):
    """The grade after ``grade`` in its corps' order, or None at the top.

    :param tables: the référentiels in force.
    :param corps: the corps code (None: the grade's own).
    :param grade: the grade held.
    """
    corps = corps or career_rules.corps_of(grade, tables)
    order = referential_rules.grades_of(tables, corps)
    if grade not in order:
        return None
    position = order.index(grade) + 1
    return order[position] if position < len(order) else None


def _sanctions(catalog, path, tables):
    """[(date, level)] of the validated sanction acts under ``path``,
    grouped by file path: few acts, read unrestricted."""
    levels = tables.get("sanctions") or {}
    result = {}
    for brain in catalog.unrestrictedSearchResults(
        portal_type="CareerEvent",
        event_type=SANCTION,
        review_state="validated",
        path=path,
        show_inactive=True,
    ):
        act = brain._unrestrictedGetObject()
        level = (levels.get(getattr(act, "sanction", None)) or {}).get("level")
        if level and act.event_date:
            result.setdefault(brain.getPath().rpartition("/")[0], []).append(
                (act.event_date, level)
            )
    return result


def officer_facts(*, file, at):
    """What ``rules.eligibility`` needs of an officer on ``at``.

    :param file: a personnel file.
    :param at: a ``date``.
    :returns: dict: ``grade``, ``corps``, ``grade_date``, ``hire_date``,
        ``birth_date``, ``status``, ``age_limit``, ``marks``, ``trainings``
        (course codes), ``sanctions`` ([(date, level)]: restricted data,
        never to be returned as such).
    """
    tables = referentials.tables(at=at)
    found = careers.all_acts(file=file)
    start = careers.initial(file=file)
    situation = career_rules.situation_at(found, at, start)
    corps = career_rules.corps_of(situation["grade"], tables) or getattr(
        file, "corps", None
    )
    path = "/".join(file.getPhysicalPath())
    catalog = api.portal.get_tool("portal_catalog")
    return {
        "grade": situation["grade"],
        "corps": corps,
        "grade_date": situation["grade_date"],
        "hire_date": start["hire_date"],
        "birth_date": getattr(file, "birth_date", None),
        "status": situation["status"],
        "age_limit": referential_rules.age_limit(tables, corps, situation["grade"]),
        "marks": marks_of(file),
        "trainings": sorted(
            {
                training_code(act)
                for act in found
                if act["type"] == TRAINING and act["date"] <= at
            }
            - {None}
        ),
        "sanctions": _sanctions(catalog, path, tables).get(path, []),
    }


def _answer(facts, tables, at, sanction_visible, grade_after=None, explain=True):
    grade = (grade_after or partial(next_grade, tables))(facts["corps"], facts["grade"])
    if grade is None:
        return {"grade": None, "grade_title": None, "eligible": False, "criteria": []}
    rule = (tables.get("promotion_rules") or {}).get(grade, {})
    result = rules.eligibility(facts, rule, at)
    for criterion in result["criteria"]:
        if criterion["criterion"] == rules.SANCTIONS and not sanction_visible:
            criterion["actual"] = None
        if explain:
            criterion["label"] = labels.label(criterion, facts, at)
        for key in ("required", "actual"):
            if isinstance(criterion[key], Decimal):
                criterion[key] = float(criterion[key])
    return {
        "grade": grade,
        "grade_title": tables["grades"][grade].get("label"),
        **result,
    }


def eligibility(*, file, at=None):
    """Is the officer of ``file`` eligible for the next grade of his corps
    on ``at``, criterion by criterion.

    The sanction criterion's ``actual`` (the worst level in the period) is
    None unless the caller may read disciplinary data on the file.

    :param file: a personnel file (the caller may view it: checked by the
        page and the REST service).
    :param at: a ``date`` (default: today).
    :returns: ``{"grade", "grade_title", "eligible", "criteria":
        [{"criterion", "label" (i18n message), "required", "actual",
        "met"}]}``; ``grade`` None (not eligible, no criteria) at the top of
        the corps or without a known grade.
    """
    at = at or date.today()
    facts = officer_facts(file=file, at=at)
    visible = bool(api.user.has_permission(ReadDisciplinary, obj=file))
    return _answer(facts, referentials.tables(at=at), at, visible)


def _agency_query(agency, portal_type, **extra):
    return {
        "portal_type": portal_type,
        "review_state": "validated",
        "path": "/".join(agency.getPhysicalPath()),
        "show_inactive": True,
        **extra,
    }


def eligibility_of_agency(*, agency, at=None, explain=True):
    """Every validated file of ``agency`` the caller may see, with its
    eligibility for the next grade: the bulk path of the tableau
    d'avancement (one catalog query for the files, one for the acts, one
    for the few sanction acts; no file is loaded).

    The situation applies the acts in force on ``at`` over the file's
    stored values (``career_file`` metadata), as the consistency check
    does; the age limit reads the indexed retirement date. Sanction levels
    are never returned (``actual`` None): the list is for the commission.

    :param agency: an agency.
    :param at: a ``date`` (default: today).
    :param explain: each criterion with its French ``label`` (False: the
        figures only, for the counts of the fairness report).
    :returns: list, by matricule, of ``{"uid", "url", "path", "title",
        "matricule", "unit_title", "sex", "region", "corps", "grade_since"
        (the day the grade held was taken), "hire_date", "average" (over the
        next grade rule's campaigns, a Decimal or None), **eligibility}``.
    """
    at = at or date.today()
    tables = referentials.tables(at=at)
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(agency.getPhysicalPath())
    acts = {}
    # no catalog sort (it costs more than sorting each file's few acts)
    found_acts = catalog(**_agency_query(agency, "CareerEvent"))
    for act_path, values in records(found_acts, catalog, ("career_act",)):
        if values["career_act"]:
            acts.setdefault(act_path.rpartition("/")[0], []).append(
                values["career_act"]
            )
    for found in acts.values():
        found.sort(key=_act_date)
    sanctions = _sanctions(catalog, path, tables)
    marks = evaluation_marks.by_file(context=agency)  # marks_of's bulk twin
    grade_after = lru_cache(maxsize=None)(partial(next_grade, tables))
    # URLs from the agency's (virtual hosting included), not one request
    # traversal per brain
    base_url, base_path = agency.absolute_url(), path
    rows = []
    files = catalog(**_agency_query(agency, "PersonnelFile"))
    for file_path, values in records(files, catalog, FILE_COLUMNS):
        entry = SimpleNamespace(**values)  # the columns, as a brain has them
        stored = dict(entry.career_file or {})
        found = acts.get(file_path, [])
        situation = career_rules.situation_at(found, at, stored)
        corps = career_rules.corps_of(situation["grade"], tables) or entry.corps
        facts = {
            **situation,
            "corps": corps,
            "hire_date": stored.get("hire_date"),
            "age_limit": referential_rules.age_limit(tables, corps, situation["grade"]),
            "retirement_date": entry.retirement_date,
            "marks": marks.get(file_path, {}),
            "trainings": sorted(
                {
                    training_code(a)
                    for a in found
                    if a["type"] == TRAINING and a["date"] <= at
                }
                - {None}
            ),
            "sanctions": sanctions.get(file_path, []),
        }
        answer = _answer(facts, tables, at, False, grade_after, explain)
        rule = (tables.get("promotion_rules") or {}).get(answer["grade"]) or {}
        rows.append(
            {
                "uid": entry.UID,
                "url": base_url + file_path[len(base_path) :],
                "path": file_path,
                "title": entry.Title,
                "matricule": entry.matricule,
                "unit_title": entry.unit_title,
                "sex": entry.sex,
                "region": entry.region,
                "corps": corps,
                "grade_since": situation["grade_date"],
                "hire_date": stored.get("hire_date"),
                "average": rules.average_mark(
                    facts["marks"], rule.get("over_last_campaigns"), at
                ),
                **answer,
            }
        )
    rows.sort(key=lambda row: row["matricule"] or "")
    return rows


# the file columns the bulk pass reads (no brain built: base/catalog.py)
FILE_COLUMNS = (
    "UID",
    "Title",
    "career_file",
    "corps",
    "retirement_date",
    "matricule",
    "unit_title",
    "sex",
    "region",
)


def _act_date(act):
    return act.get("date") or date.min
