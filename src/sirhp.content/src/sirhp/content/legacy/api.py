"""The legacy import's API: a register (XLSX or CSV) read, checked row by
row, then imported all or nothing as draft personnel files for the
four-eyes review, with the scans named ``<matricule>_<type>.pdf`` filed
into them.

Validation before any write: ``import_rows`` checks every row (and every
scan) first and refuses the whole import on the first problem; a failure
while creating rolls every created file back. Bulk path (``base.bulk``):
no initial version, no "agency modified" cascade, the catalog entries
written every ``BATCH`` files and a savepoint taken every ``SAVEPOINT``.
"""

from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base.bulk import BulkCreator
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.base.hooks import journal
from sirhp.content.documents import api as documents_api
from sirhp.content.documents.field import max_upload_mb
from sirhp.content.legacy import reader
from sirhp.content.legacy import rules
from sirhp.content.legacy.messages import MESSAGES
from sirhp.content.legacy.messages import MSG_COLUMNS
from sirhp.content.legacy.messages import MSG_CREATE_FAILED
from sirhp.content.legacy.messages import MSG_EMPTY
from sirhp.content.legacy.messages import MSG_INVALID
from sirhp.content.legacy.messages import MSG_UNREADABLE
from sirhp.content.legacy.messages import SCAN_MESSAGES
from sirhp.content.permissions import AddPersonnelFile
from sirhp.content.permissions import ImportPersonnelFiles
from sirhp.content.vocabularies.hr import statute_terms
import transaction
from typing import NamedTuple
from z3c.relationfield import RelationValue
from ZODB.POSException import ConflictError
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.intid.interfaces import IIntIds

BATCH = 500  # files between two writes of the catalog entries
SAVEPOINT = 2000  # files between two savepoints (each writes them once more)
IMPORTED = "legacy.import"  # the journal's action (sirhp.policy.audit.journal)


class LegacyImportError(SirhpError):
    """The register or one of its rows cannot be imported (400); ``problems``
    lists every row's refusals when there are some."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


class Upload(NamedTuple):
    """A read register: its headers, the column mapping used, and the
    mapped rows ``(row number, {field: raw value})``."""

    headers: list
    mapping: dict
    rows: list


def check_permission(agency):
    """Refuse unless the current user may import into ``agency``.

    :raises SirhpForbidden: no ``sirhp: Import personnel files`` or no
        ``sirhp: Add PersonnelFile`` there.
    """
    for permission in (ImportPersonnelFiles, AddPersonnelFile):
        if not api.user.has_permission(permission, obj=agency):
            raise SirhpForbidden(MESSAGES["forbidden"])


def lookups(agency) -> rules.Lookups:
    """The corps and grades in force and ``agency``'s units (by code and by
    their path in the agency), as the rules check cells against."""
    corps = {term.code: term.label for term in statute_terms("corps")}
    grades = {
        term.code: (term.label, term.extra[0] if term.extra else "")
        for term in statute_terms("grades")
    }
    base = "/".join(agency.getPhysicalPath())
    units = {}
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Unit", path=base):
        obj = brain._unrestrictedGetObject()
        units[brain.getPath()[len(base) + 1 :]] = (brain.Title, brain.UID)
        if getattr(obj, "code", None):
            units[obj.code] = (brain.Title, brain.UID)
    return rules.Lookups(corps, grades, units)


def template(*, agency) -> bytes:
    """The XLSX template of ``agency``: headers, an example, valid codes."""
    check_permission(agency)
    corps, grades, units = lookups(agency)
    return reader.template(corps, grades, units)


def read_upload(*, data: bytes, filename: str = "", mapping=None) -> Upload:
    """Read a register and map its columns.

    :param data: the XLSX or CSV bytes.
    :param mapping: ``{column index: field}`` chosen by the user; default:
        the automatic match of the headers (``rules.auto_mapping``).
    :raises LegacyImportError: unreadable, empty, or a required field
        mapped to no column.
    """
    try:
        headers, table = reader.read_table(data, filename)
    except reader.UnreadableFile:
        raise LegacyImportError(MSG_UNREADABLE) from None
    if mapping is None:
        mapping = rules.auto_mapping(headers)
    mapping = {
        int(index): field
        for index, field in mapping.items()
        if field in rules.FIELDS and 0 <= int(index) < len(headers)
    }
    missing = rules.missing_columns(mapping)
    if missing:
        labels = ", ".join(rules.FIELDS[field][1] for field in missing)
        raise LegacyImportError(_msg(MSG_COLUMNS, columns=labels))
    if not table:
        raise LegacyImportError(MSG_EMPTY)
    rows = [(number, rules.map_row(cells, mapping)) for number, cells in table]
    return Upload(headers, mapping, rows)


def taken_identifiers() -> dict:
    """Matricules and NINAs of every existing file, any agency (catalog
    indexes only; yes/no answers, no object handed out)."""
    catalog = api.portal.get_tool("portal_catalog")
    return {
        name: set(catalog._catalog.getIndex(name).uniqueValues())
        for name in ("matricule", "nina")
    }


def _msg(message, **mapping):
    return _(message, default=message.default, mapping=mapping)


def describe(problems, headers=(), mapping=None, request=None) -> list[dict]:
    """The problems as the report shows them: ``{"row", "column", "field",
    "message"}``, the column named as in the user's headers."""
    columns = {field: headers[index] for index, field in (mapping or {}).items()}
    request = request if request is not None else getRequest()
    lines = []
    for problem in problems:
        message = _msg(MESSAGES[problem.code], **problem.mapping)
        lines.append(
            {
                "row": problem.row,
                "field": problem.field,
                "column": columns.get(problem.field) or rules.FIELDS[problem.field][1],
                "message": translate(message, context=request, target_language=None)
                if request is not None
                else translate(message, target_language="fr"),
            }
        )
    return lines


def check_scans(scans, matricules, agency):
    """Problems of the scans ``{filename: bytes}``: bad name, unknown file
    or document type, refused file (``documents.api.check_document_file``)."""
    types = documents_api.document_types()
    existing = {
        brain.getId
        for brain in api.content.find(context=agency, portal_type="PersonnelFile")
    }
    problems = []
    for name, data in sorted((scans or {}).items()):
        parsed = rules.scan_name(name)
        if parsed is None:
            problems.append((name, _msg(SCAN_MESSAGES["name"], name=name)))
        elif parsed[0] not in matricules and parsed[0] not in existing:
            problems.append((name, _msg(SCAN_MESSAGES["file"], matricule=parsed[0])))
        elif parsed[1] not in types:
            problems.append((name, _msg(SCAN_MESSAGES["type"], code=parsed[1])))
        else:
            try:
                documents_api.check_document_file(data, max_upload_mb())
            except SirhpError as error:
                problems.append((name, error.message))
    return problems


def dry_run(*, agency, rows, scans=None, today=None) -> dict:
    """Check every row (and scan) as ``import_rows`` would; store nothing.

    :param agency: the agency to import into.
    :param rows: mapped rows ``(row number, {field: raw value})``
        (``read_upload(...).rows``).
    :param scans: ``{filename: bytes}`` of ``<matricule>_<type>.pdf`` scans.
    :param today: the day dates are checked against (default: today).
    :returns: ``{"rows", "valid", "problems": [Problem], "scan_problems",
        "records"}``.
    :raises SirhpForbidden: the user may not import into ``agency``.
    """
    check_permission(agency)
    records, problems = rules.check_rows(
        rows, lookups(agency), taken_identifiers(), today or date.today()
    )
    matricules = {record.get("matricule") for record in records}
    scan_problems = check_scans(scans, matricules, agency)
    return {
        "rows": len(rows),
        "valid": len(rows) - len({problem.row for problem in problems}),
        "problems": problems,
        "scan_problems": scan_problems,
        "records": records,
    }


def import_rows(*, agency, rows, scans=None, today=None, progress=None) -> dict:
    """Import every row as a draft personnel file owned by the current user,
    then file the scans; all or nothing.

    :param agency: the agency to import into.
    :param rows: mapped rows, as for ``dry_run``.
    :param scans: ``{filename: bytes}``, as for ``dry_run``.
    :param progress: called with ``(done, total)`` every ``BATCH`` files.
    :returns: ``{"created": [matricule], "documents": count}``.
    :raises LegacyImportError: a row or scan is refused (``problems``), or a
        file could not be created (every file created is rolled back).
    :raises SirhpForbidden: the user may not import into ``agency``.
    """
    checked = dry_run(agency=agency, rows=rows, scans=scans, today=today)
    if checked["problems"] or checked["scan_problems"]:
        raise LegacyImportError(MSG_INVALID, checked["problems"])
    records = checked["records"]
    savepoint = transaction.savepoint()
    try:
        _create(agency, records, rows, progress)
        documents = _file_scans(agency, scans or {})
    except ConflictError:
        raise
    except Exception as error:
        savepoint.rollback()
        row = getattr(error, "sirhp_row", "?")
        raise LegacyImportError(_msg(MSG_CREATE_FAILED, row=row)) from error
    created = [record["matricule"] for record in records]
    journal(
        IMPORTED,
        obj=agency,
        request=getRequest(),
        detail=f"{len(created)} dossiers, {documents} pièces",
    )
    return {"created": created, "documents": documents}


def _create(agency, records, rows, progress):
    """Create the files on the bulk path (``BulkCreator``: the journal's
    "create" line and the file's local roles through ``ObjectAddedInBulk``,
    the unit as a relation); an error raised carries its ``sirhp_row``."""
    intids = getUtility(IIntIds)
    unit_ids = {}
    total = len(records)
    creator = BulkCreator("PersonnelFile", relations=True)
    for done, (record, (number, _row)) in enumerate(zip(records, rows, strict=True), 1):
        fields = dict(record)
        fields.setdefault("status", "active")
        uid = fields.pop("unit", None)
        if uid:
            if uid not in unit_ids:
                unit_ids[uid] = intids.getId(api.content.get(UID=uid))
            fields["unit"] = RelationValue(unit_ids[uid])
        try:
            creator.add(agency, fields["matricule"], **fields)
        except ConflictError:
            raise
        except Exception as error:
            error.sirhp_row = number
            raise
        if done % BATCH == 0:
            creator.flush(savepoint=done % SAVEPOINT == 0)
            if progress:
                progress(done, total)
    creator.flush(savepoint=False)  # what is left: the commit writes it
    if progress:
        progress(total, total)


def _file_scans(agency, scans):
    """File each scan into its file as a draft document (source ``import``)."""
    count = 0
    for name, data in sorted(scans.items()):
        matricule, code = rules.scan_name(name)
        stored = documents_api.normalise_file(data, max_upload_mb())
        documents_api.file_document(
            file=agency[matricule],
            document_type=code,
            data=stored.data,
            filename=name,
            source="import",
        )
        count += 1
    return count
