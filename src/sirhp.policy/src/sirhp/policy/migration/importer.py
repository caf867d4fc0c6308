"""Import of an export folder into a fresh SIRHP site, all or nothing.

Why collective.exportimport alone refused every item while reporting
"success": the SIRHP deserializer refuses any key that is not a writable
field, and an exported item carries metadata (``@id``, ``UID``, ``parent``,
``review_state``...). The library then deleted the new object, logged a
warning, went on and committed the rest (files without their records, empty
files whose children failed). Here:

- the request is marked ``IMigrationImportLayer``: only the fields reach
  plone.restapi (``deserializer.ImportDeserializer``);
- the workflow state is the exported history's, set without transitions (the
  four-eyes and comment guards judge people's acts, not a migration), then
  the role mappings are recomputed;
- items come in the export's order (agencies, units, files, records); the
  agencies the policy created are updated in place, keeping the export's UID;
- what the domain APIs write outside the schema comes back as exported
  (``attributes``);
- relations after the content, then accounts, local roles, ordering, dates;
- any refused item, missing container or later failure raises
  ``MigrationError``: the caller aborts the one transaction, nothing stays.
"""

from collective.exportimport.import_content import ImportContent
from collective.exportimport.import_content import reset_dates
from collective.exportimport.import_other import ImportOrdering
from collective.exportimport.import_other import ImportRelations
from collective.exportimport.interfaces import IMigrationMarker
import json
import os
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from sirhp.policy import _
from sirhp.policy.base.localroles import block_inheritance
from sirhp.policy.base.localroles import remove_local_roles
from sirhp.policy.base.localroles import set_exact_local_roles
from sirhp.policy.migration import attributes
from sirhp.policy.migration import manifest
from sirhp.policy.migration.errors import MigrationError
from sirhp.policy.migration.interfaces import IMigrationImportLayer
from sirhp.policy.migration.members import import_members
from zope.interface import alsoProvides
from zope.interface import noLongerProvides

PORTAL_PLACEHOLDER = "<Portal>"
UPDATE_EXISTING = 2  # collective.exportimport: reuse the item, overwrite data


class SiteContentImport(ImportContent):
    """``@@import_content`` that stops at the first refused item."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.portal = context
        self.limit = None
        self.commit = None  # one transaction: the caller commits or aborts
        self.import_to_current_folder = False
        self.handle_existing_content = UPDATE_EXISTING
        self.import_old_revisions = False
        self.errors = []

    def commit_hook(self, added, index):
        """Never commits: the caller commits the whole import or nothing
        (``self.commit`` is None; this guards against a request's
        ``commit`` option too)."""

    def import_new_content(self, data):
        # The library deletes a refused item and goes on; deleting a file
        # whose fields were never set raises again (its matricule is
        # missing): either way the whole import is refused.
        try:
            return super().import_new_content(data)
        except Exception as exc:
            if not self.errors:
                self.errors.append(str(exc))
            return []

    def handle_container(self, item):
        container = super().handle_container(item)
        if container is None:
            self.errors.append(f"{item['@id']} : conteneur introuvable")
        return container

    def handle_new_object(self, item, index, new):
        try:
            return super().handle_new_object(item, index, new)
        except Exception as exc:
            self.errors.append(f"{item['@id']} : {exc}")
            raise

    def dict_hook_personnelfile(self, item):
        # A file is added under its matricule only (``check_id_is_matricule``
        # runs on the added event, before the deserializer sets any field).
        item["factory_kwargs"] = {"matricule": item["matricule"]}
        return item

    def global_dict_hook(self, item):
        item = super().global_dict_hook(item)
        if item and item["@type"] in attributes.FACTORY:
            # requests and candidates are checked on the added event, before
            # the deserializer sets any field
            item["factory_kwargs"] = attributes.factory_kwargs(item)
        return item

    def obj_hook_personnelfile(self, obj, item):
        # The photos are form-omitted (set by the photo page, which checks and
        # crops them): plone.restapi leaves them out, the export's bytes are
        # stored as they are.
        _store_blobs(obj, item, NamedBlobImage)
        if "photo_crop" in item:  # form-omitted too: stored as exported
            obj.photo_crop = item["photo_crop"]

    def obj_hook_badgeprintbatch(self, obj, item):
        # A print batch's PDF and card numbers are written by the printing
        # (form-omitted, read-only): stored as exported.
        _store_blobs(obj, item, NamedBlobFile)
        if item.get("card_numbers") and not obj.card_numbers:
            obj.card_numbers = list(item["card_numbers"])

    def global_obj_hook(self, obj, item):
        attributes.import_attributes(obj, item)
        if item.get("exportimport.creators"):
            obj.setCreators(item["exportimport.creators"])
        return obj

    def import_review_state(self, obj, item):
        """The state comes with the history (``import_workflow_history``)."""

    def import_workflow_history(self, obj, item):
        super().import_workflow_history(obj, item)
        history = getattr(obj, "workflow_history", None) or {}
        for workflow_id, entries in list(history.items()):
            # DCWorkflow appends with ``history + (entry,)``: a list (JSON)
            # would break the next transition.
            history[workflow_id] = tuple(entries)
        workflow_tool = api.portal.get_tool("portal_workflow")
        for workflow in workflow_tool.getWorkflowsFor(obj):
            workflow.updateRoleMappingsFor(obj)
        obj.reindexObject()


def _read(directory, filename):
    with open(os.path.join(directory, filename), encoding="utf-8") as f:
        return json.load(f)


def import_content(portal, request, items):
    view = SiteContentImport(portal, request)
    alsoProvides(request, IMigrationMarker, IMigrationImportLayer)
    try:
        added = view.import_new_content(items)
    finally:
        noLongerProvides(request, IMigrationImportLayer)
        noLongerProvides(request, IMigrationMarker)
    if view.errors or len(added) != len(items):
        first = view.errors[0] if view.errors else ""
        raise MigrationError(
            _(
                "migration_import_refused",
                default="Import refusé : ${count} élément(s) sur ${total} "
                "non importé(s). ${first} Rien n'a été importé.",
                mapping={
                    "count": len(items) - len(added),
                    "total": len(items),
                    "first": first,
                },
            )
        )
    return added


def import_localroles(portal, data):
    """Local roles exactly as exported (the roles the creation events gave
    are replaced), inheritance blocks included."""
    for item in data:
        if item["uuid"] == PORTAL_PLACEHOLDER:
            obj = portal
        else:
            obj = api.content.get(UID=item["uuid"])
        if obj is None:
            raise MigrationError(
                _(
                    "migration_localroles_target",
                    default="Import refusé : rôles locaux d'un élément absent "
                    "(${uid}). Rien n'a été importé.",
                    mapping={"uid": item["uuid"]},
                )
            )
        wanted = item.get("localroles") or {}
        extra = set(dict(obj.get_local_roles())) - set(wanted)
        remove_local_roles(obj, extra)
        for principal, roles in wanted.items():
            set_exact_local_roles(obj, principal, roles)
        block_inheritance(obj, bool(item.get("block")))
        obj.reindexObjectSecurity()


def import_site(*, portal, directory, request=None):
    """Import an export folder (``export.export_site``) into ``portal``.

    Nothing is committed here: the caller commits on success and aborts on
    any exception (``scripts/migrate.py``).

    :param portal: a fresh SIRHP site (policy installed, no demo data).
    :param directory: the export folder.
    :returns: the manifest of the export (dict).
    :raises MigrationError: a missing or inconsistent folder, or any item,
        relation or local role that could not be imported.
    """
    request = request if request is not None else portal.REQUEST
    try:
        expected = _read(directory, manifest.MANIFEST)
        items = _read(directory, manifest.CONTENT)
        others = {key: _read(directory, name) for key, name in manifest.FILES.items()}
    except (OSError, ValueError) as exc:
        raise MigrationError(
            _(
                "migration_folder_unreadable",
                default="Dossier d'export illisible (${error}). Rien n'a été importé.",
                mapping={"error": str(exc)},
            )
        ) from exc
    import_content(portal, request, items)
    attributes.restore_numbering()
    ImportRelations(portal, request).import_relations(others["relations"])
    import_members(others["members"])
    import_localroles(portal, others["localroles"])
    ImportOrdering(portal, request).import_ordering(others["ordering"])
    # Creation and modification dates as exported (the library keeps them
    # aside until the end: the import itself modifies every object).
    portal.ZopeFindAndApply(portal, search_sub=True, apply_func=reset_dates)
    return expected


def _store_blobs(obj, item, factory):
    """Form-omitted blob fields (photos, a print batch's PDF), which
    plone.restapi leaves out: stored as exported."""
    for name, data in manifest.blob_values(item):
        if getattr(obj, name, None) is None:
            value = item[name]
            setattr(
                obj,
                name,
                factory(
                    data=data,
                    filename=value.get("filename"),
                    contentType=value.get("content-type") or "",
                ),
            )
