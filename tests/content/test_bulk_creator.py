"""An evaluation created on the bulk path (``BulkCreator``, a campaign's
20,000 at once) is the same as one added the usual way: same catalog
entry (every index and column), same permissions, owner, local roles,
workflow state and history, an intid; and the evaluation's own indexers
(``evaluation/catalog.py``) give what Plone's generic ones give."""

from AccessControl.Permission import pname
from Acquisition import aq_base
from plone import api
from plone.indexer.wrapper import IndexableObjectWrapper
from sirhp.content.base.bulk import BulkCreator
from tests.evaluation.campaigns import new_campaign
import transaction
from zope.component import getUtility
from zope.interface import directlyProvidedBy
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
    "state_since",
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
    campaign = new_campaign(portal)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    usual = api.content.create(
        container=file, type="Evaluation", id="usual", **_fields(campaign)
    )
    creator = BulkCreator("Evaluation")
    bulk = creator.add(file, "bulk", **_fields(campaign))
    creator.flush()
    return usual, bulk


def test_what_is_left_unflushed_is_catalogued_at_the_commit(portal, testdata):
    campaign = new_campaign(portal)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    catalog = portal.portal_catalog
    creator = BulkCreator("Evaluation")
    first = creator.add(file, "first", **_fields(campaign))
    creator.flush()
    left = creator.add(file, "left", **_fields(campaign))

    def catalogued(obj):
        return catalog.getrid("/".join(obj.getPhysicalPath())) is not None

    assert catalogued(first)
    assert not catalogued(left)
    hooks = list(transaction.get().getBeforeCommitHooks())
    # one per transaction, not one per add
    assert [h for h, _a, _k in hooks if getattr(h, "__self__", None) is creator] == [
        creator._flush_left
    ]
    for hook, args, kwargs in hooks:  # what the commit runs first
        hook(*args, **kwargs)
    assert catalogued(left)
    assert creator._pending == []


def _entry(catalog, obj):
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    assert rid is not None, obj.getId()
    index = catalog.getIndexDataForRID(rid)
    metadata = catalog.getMetadataForRID(rid)
    return (
        {k: _same(v) for k, v in index.items() if k not in PER_OBJECT},
        {k: _same(v) for k, v in metadata.items() if k not in PER_OBJECT},
        index,
    )


def _same(value):
    """A keyword index answers its keywords in no set order."""
    if isinstance(value, (list, tuple)):
        return sorted(value, key=repr)
    return value


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


def _file_pair(portal):
    """A file created the usual way and one on the bulk path (the legacy
    import's), from two rows of the same register."""
    from sirhp.content.content.versioning import without_initial_versions
    from sirhp.content.legacy import api as legacy
    from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
    from tests.legacy import rows as registers
    from z3c.relationfield import RelationValue

    agency = portal["police-nationale"]
    data = registers.xlsx([registers.row(1), registers.row(2)])
    rows = legacy.read_upload(data=data, filename="agents.xlsx").rows
    with api.env.adopt_user(username="clerk.pn"):
        report = legacy.dry_run(agency=agency, rows=rows, today=REFERENCE_DATE)
        fields = dict(report["records"][0], status="active")
        unit = api.content.get(UID=fields.pop("unit"))
        fields["unit"] = RelationValue(getUtility(IIntIds).getId(unit))
        with without_initial_versions():  # as the import (a migration) does
            usual = api.content.create(
                container=agency,
                type="PersonnelFile",
                id=fields["matricule"],
                **fields,
            )
        legacy.import_rows(agency=agency, rows=rows[1:], today=REFERENCE_DATE)
    return usual, agency[report["records"][1]["matricule"]], unit


def test_a_file_on_the_bulk_path(portal):
    from zc.relation.interfaces import ICatalog

    usual, bulk, unit = _file_pair(portal)
    catalog = portal.portal_catalog
    identity = {"matricule", "nina", "Title", "sortable_title", "SearchableText"}
    usual_index, usual_metadata, usual_all = _entry(catalog, usual)
    bulk_index, bulk_metadata, bulk_all = _entry(catalog, bulk)
    for name in identity:
        for entry in (usual_index, usual_metadata, bulk_index, bulk_metadata):
            entry.pop(name, None)
    assert bulk_index == usual_index
    assert bulk_metadata == usual_metadata

    def roles(file):
        return {
            ("OFFICER" if who == file.matricule else who): sorted(granted)
            for who, granted in file.get_local_roles()
        }

    assert roles(bulk) == roles(usual)
    assert "OFFICER" in roles(bulk)
    assert sorted(bulk_all["allowedRolesAndUsers"]) == sorted(
        r.replace(usual.matricule, bulk.matricule)
        for r in usual_all["allowedRolesAndUsers"]
    )
    assert api.content.get_state(bulk) == api.content.get_state(usual) == "draft"
    for permission in portal.portal_workflow.getWorkflowsFor(bulk)[0].permissions:
        name = pname(permission)
        assert getattr(aq_base(bulk), name, None) == getattr(
            aq_base(usual), name, None
        ), permission
    intids = getUtility(IIntIds)
    found = {
        relation.from_object.getId()
        for relation in getUtility(ICatalog).findRelations(
            {"to_id": intids.getId(unit)}
        )
    }
    assert {usual.getId(), bulk.getId()} <= found


def test_relation_fields_are_those_z3c_relationfield_visits(portal):
    """The relation fields found once per type are the names
    z3c.relationfield's ``addRelations`` looks at on a file."""
    from sirhp.content.base.bulk import relation_fields
    from z3c.relationfield.event import _potential_relations

    catalog = portal.portal_catalog
    brain = catalog.unrestrictedSearchResults(portal_type="PersonnelFile")[0]
    file = brain._unrestrictedGetObject()
    found = relation_fields(file)
    assert ("unit", False) in found
    assert {name for name, _list in found} == {
        name for name, _index, _value in _potential_relations(file)
    } | {name for name, is_list in found if is_list}


def test_every_bulk_file_has_its_unit_relation(portal, monkeypatch):
    """The fields found on the first file serve the next ones: each file of
    an import of three is a source of its unit's relation; a file with an
    interface of its own takes z3c.relationfield's full search."""
    from sirhp.content.base import bulk
    from sirhp.content.legacy import api as legacy
    from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
    from tests.legacy import rows as registers
    from zc.relation.interfaces import ICatalog
    from zope.interface import alsoProvides
    from zope.interface import Interface

    agency = portal["police-nationale"]
    numbers = (11, 12, 13)
    matricules = [f"{900000 + n:06d}K" for n in numbers]  # registers.row's
    rows = legacy.read_upload(
        data=registers.xlsx([registers.row(n) for n in numbers]),
        filename="agents.xlsx",
    ).rows
    with api.env.adopt_user(username="clerk.pn"):
        legacy.import_rows(agency=agency, rows=rows, today=REFERENCE_DATE)
    intids = getUtility(IIntIds)
    catalog = getUtility(ICatalog)
    for matricule in matricules:
        file = agency[matricule]
        (relation,) = catalog.findRelations({"from_id": intids.getId(file)})
        assert relation.from_attribute == "unit"
        assert relation.to_object == file.unit.to_object

    # an imported file provides nothing of its own: the fields found once
    # serve it
    assert tuple(directlyProvidedBy(agency[matricules[1]])) == ()

    class IMarked(Interface):
        pass

    searched = []
    monkeypatch.setattr(bulk, "addRelations", lambda obj, e: searched.append(obj))
    creator = BulkCreator("PersonnelFile", relations=True)
    creator._relation_fields = []  # found on another file: not for this one
    file = agency[matricules[0]]
    alsoProvides(file, IMarked)
    creator._add_relations(file)
    assert searched == [file]


def test_sirhp_subscribers_of_a_new_object_also_listen_to_bulk_adds(portal):
    """What SIRHP does when a file or an evaluation is added, it does when
    one is added in bulk."""
    from sirhp.content.base.bulk import IObjectAddedInBulk
    from zope.component import getGlobalSiteManager
    from zope.lifecycleevent.interfaces import IObjectAddedEvent

    registrations = [
        r
        for r in getGlobalSiteManager().registeredHandlers()
        if len(r.required) == 2 and r.handler.__module__.startswith("sirhp.")
    ]
    for portal_type in ("PersonnelFile", "Evaluation"):
        sample = portal.portal_catalog.unrestrictedSearchResults(
            portal_type=portal_type
        )
        obj = sample[0]._unrestrictedGetObject() if len(sample) else None
        if obj is None:
            continue

        on_add = {
            r.handler
            for r in registrations
            if r.required[0].providedBy(obj)
            and IObjectAddedEvent.isOrExtends(r.required[1])
            and r.required[1] is not IObjectAddedInBulk
            and r.required[1].__name__ in ("IObjectAddedEvent", "IObjectMovedEvent")
        }
        on_bulk = {
            r.handler
            for r in registrations
            if r.required[0].providedBy(obj) and r.required[1] is IObjectAddedInBulk
        }
        # moves: on_moved ignores additions; file_moved adds the local roles
        names = {h.__name__ for h in on_add} - {"file_moved", "on_moved"}
        if portal_type == "PersonnelFile":
            names.add("update_file_local_roles")  # what file_moved does on add
        assert names <= {h.__name__ for h in on_bulk}, portal_type


def _full_entry(catalog, obj):
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    return (
        {k: _same(v) for k, v in catalog.getIndexDataForRID(rid).items()},
        {k: _same(v) for k, v in catalog.getMetadataForRID(rid).items()},
    )


def test_the_indexes_not_asked_hold_nothing(portal, testdata):
    """``indexers.entries`` asks only the indexes an evaluation may have a
    value for: catalogued again in full, every index's entry and every
    metadata column of the bulk-created evaluation stay the same, and the
    indexes not asked hold nothing for an evaluation added the usual way."""
    from sirhp.content.indexers.entries import NewEntries

    usual, bulk = _pair(portal, testdata)
    catalog = portal.portal_catalog
    asked = NewEntries(catalog).indexes(bulk)
    not_asked = set(catalog.indexes()) - set(asked)
    assert asked and len(not_asked) >= 20, not_asked
    assert {"path", "allowedRolesAndUsers", "UID", "review_state"} <= set(asked)
    before = _full_entry(catalog, bulk)
    catalog.catalog_object(bulk, "/".join(bulk.getPhysicalPath()))
    assert _full_entry(catalog, bulk) == before
    usual_index = _full_entry(catalog, usual)[0]
    for name in not_asked:
        index = catalog._catalog.getIndex(name)
        rid = catalog.getrid("/".join(usual.getPhysicalPath()))
        assert not index.getEntryForObject(rid), name
        assert usual_index.get(name, "") in ("", None, [], ()), name


def test_roles_of_new_evaluations_as_plone(portal, testdata):
    """``allowedRolesAndUsers`` of bulk-created evaluations (local roles above
    the files read once per container) is Plone's, in files with local
    roles of their own, in a file that blocks inheritance, and in one more
    file of the same container after it."""
    campaign = new_campaign(portal)
    names = ("pn_validated", "pn_pending", "pn_validated2", "pn_draft")
    files = [portal.unrestrictedTraverse(testdata.path_of(n)) for n in names]
    files[1].manage_setLocalRoles("reviewer.pn", ["HRManager"])
    files[2].__ac_local_roles_block__ = True
    creator = BulkCreator("Evaluation")
    created = [creator.add(file, "bulk", **_fields(campaign)) for file in files]
    creator.flush()
    catalog = portal.portal_catalog
    plone = [
        IndexableObjectWrapper(obj, catalog).allowedRolesAndUsers for obj in created
    ]
    ours = [_full_entry(catalog, obj)[0]["allowedRolesAndUsers"] for obj in created]
    assert ours == [sorted(roles, key=repr) for roles in plone]
    assert "user:reviewer.pn" in ours[1] and "user:reviewer.pn" not in ours[0]
    assert ours[2] != ours[3]  # the blocked file's evaluation sees less
