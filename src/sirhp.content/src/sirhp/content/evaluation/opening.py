"""Opening an evaluation campaign: one draft evaluation per officer of its
population, created in one action (part of the domain API: ``api``
re-exports these functions).

A campaign of the Police nationale evaluates about 20,000 officers: the
creation takes the bulk path (``sirhp.content.base.bulk.BulkCreator``), the
files are found by path without reading their catalog metadata, and the
catalog entries are written every ``BATCH`` files.
"""

from AccessControl import Unauthorized
from plone import api
from sirhp.content.base import hooks
from sirhp.content.base.bulk import BulkCreator
from sirhp.content.base.catalog import paths as catalog_paths
from sirhp.content.permissions import AddEvaluation
from sirhp.content.permissions import OpenEvaluationCampaign
from zope.globalrequest import getRequest

BATCH = 500  # files between two writes of the catalog entries (a savepoint)
OPENED = "evaluation.opened"  # the journal's action


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


def create_evaluations(*, campaign):
    """One draft Evaluation per officer of the campaign's population, in one
    action; idempotent (an officer who has one is skipped).

    Bulk path (``BulkCreator``): no event chain, no initial version, no
    "file modified" cascade; the files are found by path, without reading
    their catalog metadata; catalog entries written every ``BATCH`` files.

    :param campaign: the EvaluationCampaign.
    :returns: the number of evaluations created by this run.
    :raises Unauthorized: a file where the user may not add one.
    """
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    fti = api.portal.get_tool("portal_types").getTypeInfo("Evaluation")
    results = catalog.searchResults(**_population_query(campaign))
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
    for path in catalog_paths(results, catalog):
        # the search above was the user's; the add permission is the check
        file = portal.unrestrictedTraverse(path)
        if name in file:
            continue
        if not fti.isConstructionAllowed(file):
            raise Unauthorized(AddEvaluation)
        creator.add(file, name, grid=dict(grid), **values)
        created += 1
        if created % BATCH == 0:
            creator.flush()
    creator.flush()
    return created


def open_campaign(*, campaign, request=None):
    """Open ``campaign``: create its evaluations (``create_evaluations``) and
    journal how many, for who runs it.

    :param campaign: the EvaluationCampaign.
    :param request: the request to journal with (default: the current one).
    :returns: the number of evaluations created (0 when every officer of
        the population has one already).
    :raises Unauthorized: without ``sirhp: Open evaluation campaign`` on
        the campaign, or without the right to add an evaluation in one of
        the files.
    """
    if not api.user.has_permission(OpenEvaluationCampaign, obj=campaign):
        raise Unauthorized(OpenEvaluationCampaign)
    count = create_evaluations(campaign=campaign)
    hooks.journal(
        OPENED,
        obj=campaign,
        request=request or getRequest(),
        detail=f"{count} évaluation(s) créée(s)",
    )
    return count
