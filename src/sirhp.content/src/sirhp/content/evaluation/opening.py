"""Opening an evaluation campaign: one draft evaluation per officer of its
population, created in one action (part of the domain API: ``api``
re-exports these functions).

A campaign of the Police nationale evaluates about 20,000 officers: the
creation takes the bulk path (``sirhp.content.base.bulk.BulkCreator``), the
files are found by path without reading their catalog metadata and, over
ZEO or RelStorage, asked for ``BATCH`` at a time (``base.prefetch``), the
catalog entries are written every ``BATCH`` files and a savepoint taken
every ``SAVEPOINT``.
"""

from AccessControl import Unauthorized
from plone import api
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.base.add_permission import AddPermission
from sirhp.content.base.bulk import BulkCreator
from sirhp.content.base.catalog import paths as catalog_paths
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.prefetch import prefetch_files
from sirhp.content.permissions import AddEvaluation
from sirhp.content.permissions import OpenEvaluationCampaign
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message

BATCH = 500  # files between two writes of the catalog entries
SAVEPOINT = 2000  # files between two savepoints (each costs a write more)
OPENED = "evaluation.opened"  # the journal's action
MAX_CHUNK = 5000  # files in one part of an opening by parts
MSG_CHUNK = _(
    "evaluation_chunk_invalid",
    default="Partie invalide : « chunk » va de 0 à ${last} pour des parts de "
    "${size} dossiers (« chunk_size » de 1 à ${max}).",
)


def _population_query(campaign):
    query = {
        "path": "/".join(campaign.aq_parent.getPhysicalPath()),
        "portal_type": "PersonnelFile",
        "review_state": "validated",
        "personnel_status": "active",
    }
    if campaign.population_corps:
        query["corps"] = list(campaign.population_corps)
    return query


def population(*, campaign):
    """Catalog entries of the files a campaign evaluates: validated files of
    its agency, status active, of the chosen corps if any."""
    return api.content.find(sort_on="sortable_title", **_population_query(campaign))


def evaluation_id(campaign):
    """The id an officer's evaluation of ``campaign`` has in the file (one
    per officer and campaign: a second run finds it)."""
    return f"evaluation-{campaign.year}-{campaign.UID()[:8]}"


def population_paths(*, campaign):
    """The paths of the files ``campaign`` evaluates, in path order (the
    parts of an opening by parts are slices of this list: contiguous paths
    make the parallel parts write to different places of the catalog).

    :param campaign: the EvaluationCampaign.
    :returns: a sorted list of physical paths (strings).
    """
    catalog = api.portal.get_tool("portal_catalog")
    results = catalog.searchResults(**_population_query(campaign))
    return sorted(catalog_paths(results, catalog))


def chunk_count(total, chunk_size):
    """How many parts of ``chunk_size`` files cover ``total`` files (one at
    least: an empty population is one empty part)."""
    return max(1, -(-total // chunk_size))


def _chunk(paths, chunk, chunk_size):
    if chunk is None:
        return paths
    valid_size = type(chunk_size) is int and 1 <= chunk_size <= MAX_CHUNK  # noqa: E721
    last = chunk_count(len(paths), chunk_size if valid_size else BATCH) - 1
    # type(): a bool is not a part number
    if not (valid_size and type(chunk) is int and 0 <= chunk <= last):  # noqa: E721
        raise SirhpError(
            Message(
                MSG_CHUNK, mapping={"last": last, "size": chunk_size, "max": MAX_CHUNK}
            ),
            field="chunk",
        )
    return paths[chunk * chunk_size : (chunk + 1) * chunk_size]


def create_evaluations(*, campaign, chunk=None, chunk_size=BATCH):
    """One draft Evaluation per officer of the campaign's population, in one
    action; idempotent (an officer who has one is skipped).

    Bulk path (``BulkCreator``): no event chain, no initial version, no
    "file modified" cascade; the files are found by path, without reading
    their catalog metadata; catalog entries written every ``BATCH`` files,
    a savepoint every ``SAVEPOINT``.

    With ``chunk``, only that part of the population (``population_paths``
    sliced in parts of ``chunk_size``): several Zope clients then create a
    large campaign's evaluations in parallel, one transaction per part
    (``scripts/open_campaign.py``); a part redone after a conflict skips
    what it created already.

    :param campaign: the EvaluationCampaign.
    :param chunk: the part, from 0 (default: the whole population).
    :param chunk_size: files per part (1 to ``MAX_CHUNK``).
    :returns: the number of evaluations created by this run.
    :raises Unauthorized: a file where the user may not add one.
    :raises SirhpError: a part that does not exist (French message).
    """
    portal = api.portal.get()
    may_add = AddPermission("Evaluation").allowed
    paths = _chunk(population_paths(campaign=campaign), chunk, chunk_size)
    name = evaluation_id(campaign)
    values = {
        "campaign": campaign.UID(),
        "year": campaign.year,
        "grid_kind": campaign.grid_kind,
        "acknowledge_days": campaign.acknowledge_days,
        "evaluation_deadline": campaign.evaluation_deadline,
    }
    grid = dict(campaign.grid or {})
    creator = BulkCreator("Evaluation")
    created = 0
    for index, path in enumerate(paths):
        if index % BATCH == 0:  # over ZEO: the next files in a few requests
            prefetch_files(portal, paths[index : index + BATCH])
        # the search above was the user's; the add permission is the check
        file = portal.unrestrictedTraverse(path)
        if name in file:
            continue
        if not may_add(file):
            raise Unauthorized(AddEvaluation)
        creator.add(file, name, grid=dict(grid), **values)
        created += 1
        if created % BATCH == 0:
            creator.flush(savepoint=created % SAVEPOINT == 0)
    creator.flush(savepoint=False)  # what is left: the commit writes it
    return created


def open_campaign(*, campaign, request=None, chunk=None, chunk_size=BATCH):
    """Open ``campaign``: create its evaluations (``create_evaluations``) and
    journal how many, for who runs it.

    :param campaign: the EvaluationCampaign.
    :param request: the request to journal with (default: the current one).
    :param chunk: only this part of the population (see
        ``create_evaluations``); the journal line names the part.
    :param chunk_size: files per part.
    :returns: the number of evaluations created (0 when every officer of
        the population has one already).
    :raises Unauthorized: without ``sirhp: Open evaluation campaign`` on
        the campaign, or without the right to add an evaluation in one of
        the files.
    :raises SirhpError: a part that does not exist.
    """
    if not api.user.has_permission(OpenEvaluationCampaign, obj=campaign):
        raise Unauthorized(OpenEvaluationCampaign)
    count = create_evaluations(campaign=campaign, chunk=chunk, chunk_size=chunk_size)
    detail = f"{count} évaluation(s) créée(s)"
    if chunk is not None:
        detail += f" (partie {chunk + 1}, {chunk_size} dossiers par partie)"
    hooks.journal(OPENED, obj=campaign, request=request or getRequest(), detail=detail)
    return count
