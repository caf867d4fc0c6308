"""An evaluation created on the bulk path (``BulkCreator``, a campaign's
20,000 at once) is the same as one added the usual way: same catalog
entry (every index and column), same permissions, owner, local roles,
workflow state and history, an intid; and the evaluation's own indexers
(``evaluation/catalog.py``) give what Plone's generic ones give."""

from AccessControl.Permission import pname
from Acquisition import aq_base
from datetime import date
from plone import api
from plone.app.testing import login
from plone.indexer.wrapper import IndexableObjectWrapper
from sirhp.content.base.bulk import BulkCreator
from sirhp.content.evaluation import api as evaluation_api
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

# what differs between two objects by nature: their identity and the time
# they were made
PER_OBJECT = {
    "UID",
    "getId",
    "id",
    "path",
    "getObjPositionInParent",
    "created",
    "modified",
    "effective",
    "CreationDate",
    "ModificationDate",
    "EffectiveDate",
    "Date",
    "getPath",
    "getURL",
    "cmf_uid",
    "sync_uid",
    "Title",
    "sortable_title",
    "SearchableText",
    "effectiveRange",
    "allowedRolesAndUsers",
}


def _fields(campaign):
    return {
        "campaign": campaign.UID(),
        "year": campaign.year,
        "grid_kind": campaign.grid_kind,
        "grid": dict(campaign.grid),
        "acknowledge_days": campaign.acknowledge_days,
        "evaluation_deadline": campaign.evaluation_deadline,
    }


def _pair(portal, testdata):
    login(portal, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=portal["police-nationale"],
        year=2026,
        grid={"discipline": 100},
        evaluation_deadline=date(2026, 12, 15),
    )
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    usual = api.content.create(
        container=file, type="Evaluation", id="usual", **_fields(campaign)
    )
    creator = BulkCreator("Evaluation")
    bulk = creator.add(file, "bulk", **_fields(campaign))
    creator.flush()
    return usual, bulk


def _entry(catalog, obj):
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    assert rid is not None, obj.getId()
    index = catalog.getIndexDataForRID(rid)
    metadata = catalog.getMetadataForRID(rid)
    return (
        {k: v for k, v in index.items() if k not in PER_OBJECT},
        {k: v for k, v in metadata.items() if k not in PER_OBJECT},
        index,
    )


def test_same_catalog_entry(portal, testdata):
    usual, bulk = _pair(portal, testdata)
    catalog = portal.portal_catalog
    usual_index, usual_metadata, usual_all = _entry(catalog, usual)
    bulk_index, bulk_metadata, bulk_all = _entry(catalog, bulk)
    assert bulk_index == usual_index
    assert bulk_metadata == usual_metadata
    # the per-object ones are there, and the roles are the same
    assert bulk_all["UID"] == bulk.UID()
    assert bulk_all["path"] == "/".join(bulk.getPhysicalPath())
    assert sorted(bulk_all["allowedRolesAndUsers"]) == sorted(
        usual_all["allowedRolesAndUsers"]
    )
    assert bulk_all["Title"] == usual_all["Title"]


def test_same_security_owner_and_workflow(portal, testdata):
    usual, bulk = _pair(portal, testdata)
    workflow = portal.portal_workflow.getWorkflowsFor(bulk)[0]
    assert workflow.permissions
    for permission in workflow.permissions:
        name = pname(permission)
        assert getattr(aq_base(bulk), name, None) == getattr(
            aq_base(usual), name, None
        ), permission
    assert bulk.getOwnerTuple() == usual.getOwnerTuple()
    assert bulk.get_local_roles() == usual.get_local_roles()
    assert api.content.get_state(bulk) == api.content.get_state(usual) == "draft"
    history = bulk.workflow_history[workflow.id]
    assert len(history) == 1
    assert history[0]["review_state"] == "draft"
    assert history[0]["actor"] == "hrmanager.pn"
    intids = getUtility(IIntIds)
    assert intids.queryId(bulk) is not None
    assert aq_base(intids.getObject(intids.getId(bulk))) is aq_base(bulk)


def test_evaluation_indexers_answer_as_plone(portal, testdata):
    usual, _bulk = _pair(portal, testdata)
    catalog = portal.portal_catalog
    plone = IndexableObjectWrapper(usual, catalog)
    from sirhp.content.evaluation import catalog as ours

    assert ours.is_default_page(usual)() is plone.is_default_page
    assert ours.getObjSize(usual)() == plone.getObjSize
    assert ours.mime_type(usual)() == plone.mime_type
    assert getattr(plone, "image_scales", None) is None
