"""Evaluation marks read in bulk, without loading evaluations and without
putting a mark into the catalog's metadata.

A mark is confidential: only those who may see the evaluation read it
(``sirhp: Field: read evaluation marks`` follows ``View`` in every state of
``sirhp_evaluation_workflow``). So marks are catalog INDEXES, never
metadata columns: a search answer (``@search`` with ``metadata_fields``,
the listings) cannot carry them, and a query on them finds only the
evaluations the user may see anyway. The trusted callers below (promotion
eligibility, fairness, campaign follow-up) read the index's entry of each
evaluation found: one catalog query, no object loaded.

Indexes (FieldIndex): ``evaluation_mark`` (the mark out of 20 as a float,
absent while incomplete), ``evaluation_evaluator`` (the user id of the
evaluator), ``evaluation_year`` (the campaign's year).
"""

from decimal import Decimal
from plone import api
from plone.indexer import indexer
from sirhp.content.base.catalog import records
from sirhp.content.interfaces import IEvaluation

MARK = "evaluation_mark"
EVALUATOR = "evaluation_evaluator"
YEAR = "evaluation_year"
INDEXES = (MARK, EVALUATOR, YEAR)
VALIDATED = "validated"


@indexer(IEvaluation)
def evaluation_mark(obj):
    """The mark out of 20 (a float: the index sorts and ranges on it)."""
    if not obj.mark:
        raise AttributeError(MARK)  # incomplete: not indexed
    return float(obj.mark)


@indexer(IEvaluation)
def evaluation_evaluator(obj):
    """Who filled the marks (a user id)."""
    if not obj.evaluator:
        raise AttributeError(EVALUATOR)
    return obj.evaluator


@indexer(IEvaluation)
def evaluation_year(obj):
    """The campaign's year."""
    if not obj.year:
        raise AttributeError(YEAR)
    return obj.year


def reindex(evaluation):
    """Index what the marks changed (after ``set_marks`` and ``revise``)."""
    evaluation.reindexObject(idxs=["modified", *INDEXES])


def _as_mark(value):
    return None if value is None else Decimal(f"{value:.2f}")


def rows(*, context, year=None, states=(VALIDATED,)):
    """Every evaluation under ``context`` with a mark, read from the
    indexes (unrestricted: the callers are trusted computations that
    return figures, or marks only to whom may read them).

    :param context: an agency, a file or the portal.
    :param year: only this campaign year (default: every year).
    :param states: the workflow states counted (default: validated only,
        the marks that count for promotion).
    :returns: ``[{"file_path", "year", "mark" (Decimal), "evaluator",
        "state"}]``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    query = {
        "portal_type": "Evaluation",
        "path": "/".join(context.getPhysicalPath()),
        "review_state": list(states),
    }
    if year is not None:
        query[YEAR] = int(year)
    indexes = {name: catalog._catalog.getIndex(name) for name in INDEXES}
    found = []
    results = catalog.unrestrictedSearchResults(**query)
    rids = catalog._catalog.uids
    for path, values in records(results, catalog, ("review_state",)):
        rid = rids[path]
        mark = indexes[MARK].getEntryForObject(rid, None)
        if mark is None:
            continue
        found.append(
            {
                "file_path": path.rpartition("/")[0],
                "year": indexes[YEAR].getEntryForObject(rid, None),
                "mark": _as_mark(mark),
                "evaluator": indexes[EVALUATOR].getEntryForObject(rid, None),
                "state": values["review_state"],
            }
        )
    return found


def by_file(*, context, states=(VALIDATED,)):
    """The validated marks of every file under ``context``:
    ``{file path: {year: Decimal}}`` (the bulk twin of ``of_file``)."""
    result = {}
    for row in rows(context=context, states=states):
        result.setdefault(row["file_path"], {})[row["year"]] = row["mark"]
    return result


def of_file(file):
    """The validated marks of one officer: ``{year: Decimal}``."""
    return by_file(context=file).get("/".join(file.getPhysicalPath()), {})
