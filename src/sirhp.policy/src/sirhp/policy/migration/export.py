"""Export of a whole SIRHP site into one folder (``scripts/migrate.py export``).

collective.exportimport does the work; its hooks add what SIRHP needs:

- every field, the medical and disciplinary ones included: the exporter is a
  Manager, who holds the fields' read permissions, but the everyday JSON of a
  file leaves the medical fields out without a consultation reason
  (``audit.serializer``); the reason of the export is that reason, journaled
  once, and required;
- workflow state and history, blobs inline (base-64), relations, members and
  groups (password hashes of the site's user folder), local roles (the
  agencies', the files' and the restricted documents'), ordering;
- a manifest (counts per type and state, sha256 of each blob).
"""

from collective.exportimport.export_content import ExportContent
from collective.exportimport.export_other import ExportLocalRoles
from collective.exportimport.export_other import ExportOrdering
from collective.exportimport.export_other import ExportRelations
from collective.exportimport.interfaces import IBase64BlobsMarker
from collective.exportimport.interfaces import IMigrationMarker
import json
import os
from plone import api
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.interfaces import IFieldSerializer
from Products.CMFPlone.interfaces import IPloneSiteRoot
from sirhp.content.base.hooks import journal
from sirhp.content.content.field_access import field_permissions
from sirhp.policy import _
from sirhp.policy.migration import attributes
from sirhp.policy.migration import manifest
from sirhp.policy.migration.errors import MigrationError
from sirhp.policy.migration.members import export_members
from zope.component import queryMultiAdapter
from zope.interface import alsoProvides
from zope.interface import noLongerProvides

# Parents before children, and what a type's events need before it: agencies,
# units, files, then their records (path order inside each rank).
TYPE_RANK = {"Agency": 0, "Unit": 1, "PersonnelFile": 2}
# Keys of the everyday JSON that say something was left out; not data.
DROPPED_KEYS = ("sensitive_fields_omitted",)


def import_order(item):
    return (TYPE_RANK.get(item["@type"], 3), item["@id"])


class SiteContentExport(ExportContent):
    """``@@export_content`` of every SIRHP item, protected fields included."""

    def global_obj_hook(self, obj):
        # The site root exists on the target site: its settings are the
        # profile's, not data.
        return None if IPloneSiteRoot.providedBy(obj) else obj

    def global_dict_hook(self, item, obj):
        for key in DROPPED_KEYS:
            item.pop(key, None)
        if hasattr(obj, "listCreators"):
            item["exportimport.creators"] = list(obj.listCreators())
        attributes.export_attributes(item, obj)
        for name in field_permissions(obj, READ_PERMISSIONS_KEY):
            if name in item:
                continue
            field = _field(obj, name)
            serializer = queryMultiAdapter((field, obj, self.request), IFieldSerializer)
            if serializer is not None:
                item[name] = serializer()
        return item


def _field(obj, name):
    for schema in iterSchemata(obj):
        if name in schema:
            return schema[name]
    return None


def export_content(portal, request):
    """Every content item of ``portal`` as collective.exportimport dicts, in
    import order."""
    view = SiteContentExport(portal, request)
    view.portal_type = list(api.portal.get_tool("portal_types").objectIds())
    view.path = "/".join(portal.getPhysicalPath())
    view.depth = -1
    view.include_blobs = 1
    view.include_revisions = False
    view.migration = True
    view.write_errors = True
    view.errors = []
    alsoProvides(request, IBase64BlobsMarker, IMigrationMarker)
    try:
        items = [item for item in view.export_content() if item]
    finally:
        noLongerProvides(request, IBase64BlobsMarker)
        noLongerProvides(request, IMigrationMarker)
    if view.errors:
        raise MigrationError(
            _(
                "migration_export_failed",
                default="Export interrompu : ${count} élément(s) illisible(s) "
                "(${first}). Rien n'a été écrit.",
                mapping={"count": len(view.errors), "first": view.errors[0]["path"]},
            )
        )
    return sorted(items, key=import_order)


def export_others(portal, request):
    """Relations, members and groups, local roles, ordering."""
    return {
        "relations": ExportRelations(portal, request).get_all_references(),
        "members": export_members(portal, request),
        "localroles": ExportLocalRoles(portal, request).all_localroles(),
        "ordering": ExportOrdering(portal, request).all_orders(),
    }


def export_site(*, portal, directory, reason, request=None):
    """Export the whole site into ``directory`` (created; must be empty).

    :param portal: the SIRHP site.
    :param directory: the folder to write ``content.json``, ``relations.json``,
        ``members.json``, ``localroles.json``, ``ordering.json`` and
        ``manifest.json`` to.
    :param reason: why the personnel data leaves the site (journaled).
    :returns: the manifest (dict).
    :raises MigrationError: no reason, a non-empty folder, an unreadable item,
        or an unwritable journal; nothing is written then.
    """
    reason = (reason or "").strip()
    if not reason:
        raise MigrationError(
            _(
                "migration_reason_required",
                default="Motif de l'export requis : les dossiers du personnel "
                "et leurs données médicales quittent le site.",
            )
        )
    if os.path.exists(directory) and os.listdir(directory):
        raise MigrationError(
            _(
                "migration_directory_not_empty",
                default="Le dossier d'export ${directory} n'est pas vide.",
                mapping={"directory": directory},
            )
        )
    request = request if request is not None else portal.REQUEST
    # Journaled first: an export the journal cannot record is not made.
    journal(
        "export",
        obj=portal,
        request=request,
        raise_errors=True,
        reason=reason,
        detail="migration",
    )
    items = export_content(portal, request)
    others = export_others(portal, request)
    result = manifest.build(
        items,
        relations=len(others["relations"]),
        members=len(others["members"]["members"]),
        groups=len(others["members"]["groups"]),
        localroles=len(others["localroles"]),
    )
    os.makedirs(directory, exist_ok=True)
    _write(directory, manifest.CONTENT, items)
    for key, filename in manifest.FILES.items():
        _write(directory, filename, others[key])
    _write(directory, manifest.MANIFEST, result)
    return result


def _write(directory, filename, data):
    with open(os.path.join(directory, filename), "w", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True, indent=1, ensure_ascii=False)
