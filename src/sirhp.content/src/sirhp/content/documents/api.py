"""The document domain's API: what views and REST services call (plone.api
style: keyword arguments; refusals raised as ``DocumentError`` or one of its
HTTP siblings). Every document is created as the current user with
``checkConstraints``: the file's ``sirhp: Add ScannedDocument``, as the add
form.

**Batch filing** (classement par lot): a scanned stack (one PDF, or images /
PDFs in order) is split on its cover sheets; each run of pages is filed as a
**draft** of the sheet's type in the sheet's file. Every page it cannot
place is held in the agency's holding area (``holding.py``), never dropped:
pages before the first sheet, an unreadable sheet and its pages, a sheet
naming a file not in this agency (or not visible), a file where the user
may not add documents, an unknown type.
"""

from AccessControl import Unauthorized
from datetime import date
from datetime import datetime
import io
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from plone.registry.interfaces import IRegistry
from pypdf import PdfReader
from sirhp.content import _
from sirhp.content import logger
from sirhp.content.base.errors import SirhpConflict
from sirhp.content.documents import cover_sheet
from sirhp.content.documents import stack_reading
from sirhp.content.documents import storage
from sirhp.content.documents.field import max_upload_mb
from sirhp.content.documents.holding import batches
from sirhp.content.documents.holding import hold
from sirhp.content.documents.holding import holding_area
from sirhp.content.documents.holding import new_batch_id
from sirhp.content.documents.pdf import check_document_file  # noqa: F401 (API)
from sirhp.content.documents.pdf import normalise_file  # noqa: F401 (API)
from sirhp.content.documents.previews import page_preview  # noqa: F401 (re-export)
from sirhp.content.documents.refusals import DocumentError
from sirhp.content.documents.refusals import filled
from sirhp.content.documents.refusals import MSG_UNKNOWN  # noqa: F401 (API)
from sirhp.content.documents.refusals import pdf_filename  # noqa: F401 (API)
from sirhp.content.documents.rules import by_code
from sirhp.content.documents.rules import DocumentType
from sirhp.content.documents.rules import plan_split
from sirhp.content.documents.search import search  # noqa: F401 (re-export)
from sirhp.content.documents.text_jobs import claim_text_jobs  # noqa: F401 (API)
from sirhp.content.documents.text_jobs import text_queue  # noqa: F401 (API)
from sirhp.content.documents.text_jobs import worker_last_seen  # noqa: F401 (API)
from sirhp.content.documents.text_jobs import worker_seen  # noqa: F401 (API)
from sirhp.content.domain.terms import TermSyntaxError
from sirhp.content.interfaces import IScannedDocument
from sirhp.content.vocabularies.units import find_agency
import time
from zope.component import queryUtility

TYPES_RECORD = "sirhp.document_types"

MSG_NO_FILE = _("Dossier ${matricule} introuvable dans cette agence")
MSG_NO_PERMISSION = _("Ajout de pièce non autorisé dans le dossier ${matricule}")
MSG_BAD_TYPE = _("Type de pièce inconnu « ${code} »")
MSG_UNKNOWN_TYPE = _("Type de pièce inconnu.")
MSG_HELD_MISSING = _("Pièce en attente introuvable.")
MSG_TEXT_EXPECTED = _("« text » (chaîne) ou « error » attendu.")
MSG_FILE_CHANGED = _("Le fichier a changé entre-temps.")


# --- document types -----------------------------------------------------------


def document_types() -> dict[str, DocumentType]:
    """The document types of the site, by code (registry, HR-edited).

    :returns: ``{code: DocumentType}``; empty if the lines are broken.
    """
    registry = queryUtility(IRegistry)
    if registry is None:
        return {}
    try:
        return by_code(registry.get(TYPES_RECORD) or [])
    except TermSyntaxError as exc:  # pragma: no cover - guarded by the form
        logger.error("Vocabulary %s is broken: %s", TYPES_RECORD, exc)
        return {}


def is_restricted(code) -> bool:
    """Whether documents of type ``code`` are restricted.

    :param code: a document type code; unknown codes are normal (a broken
        vocabulary restricts nothing new).
    """
    info = document_types().get(code or "")
    return bool(info and info.restricted)


def is_restricted_document(obj) -> bool:
    """Whether ``obj`` is a scanned document of a restricted type."""
    return IScannedDocument.providedBy(obj) and is_restricted(
        getattr(obj, "document_type", None)
    )


# --- filing -----------------------------------------------------------------------


def file_document(*, file, document_type, data, filename, source, batch_id=None):
    """File a PDF as a draft ScannedDocument, as the current user.

    :param file: the personnel file to file it into.
    :param document_type: a document type code.
    :param data: the PDF (checked again when stored: ``storage``).
    :param filename: the name of the stored file.
    :param source: the scan origin (``sirhp.scan_metadata``: ``batch``...).
    :param batch_id: the batch it comes from, if any.
    :returns: the new document.
    :raises Unauthorized: the user may not add documents to ``file``.
    :raises DocumentError: the file is refused (subclass of ``ValueError``).
    """
    return createContentInContainer(
        file,
        "ScannedDocument",
        checkConstraints=True,
        document_type=document_type,
        file=NamedBlobFile(data=data, contentType="application/pdf", filename=filename),
        batch_id=batch_id,
        scan_source=source,
        scan_date=date.today(),
        scan_operator=api.user.get_current().getId(),
    )


def _find_file(agency, matricule):
    brains = api.portal.get_tool("portal_catalog")(
        portal_type="PersonnelFile",
        matricule=matricule,
        path="/".join(agency.getPhysicalPath()),
    )
    return brains[0].getObject() if brains else None


# --- batch filing and the holding area ---------------------------------------------


def _file_into(agency, matricule, document_type, pdf, filename, batch_id, types):
    """File ``pdf`` into the agency's file of ``matricule`` (as typed: the
    messages repeat it), as the current user; the one place batch filing
    checks where a document may go.

    :raises DocumentError: no such file here, unknown type, or not allowed.
    """
    file = _find_file(agency, (matricule or "").strip().upper())
    if file is None:
        raise DocumentError(filled(MSG_NO_FILE, matricule=matricule))
    if document_type not in types:
        raise DocumentError(filled(MSG_BAD_TYPE, code=document_type))
    try:
        return file_document(
            file=file,
            document_type=document_type,
            data=pdf,
            filename=filename,
            source="batch",
            batch_id=batch_id,
        )
    except (Unauthorized, ValueError):
        raise DocumentError(filled(MSG_NO_PERMISSION, matricule=matricule)) from None


def file_stack(*, agency, files: list[bytes], filename: str = "") -> dict:
    """File a scanned stack into ``agency`` (see the module's docstring).

    :param agency: the agency whose files the cover sheets name.
    :param files: the stack: one PDF, or images / PDFs in order.
    :param filename: the uploaded names, kept in the report.
    :returns: the report, also stored (``batches``): ``batch_id``, ``pages``,
        ``covers``, ``filed`` and ``held`` entries, ``empty_covers``.
    :raises DocumentError: a file of the stack is refused: nothing filed.
    """
    started = time.monotonic()
    user_id = api.user.get_current().getId()
    batch_id = new_batch_id()
    # read once for the same bytes: a retry after a conflict files at once
    stack, page_count, marks = stack_reading.read(files, max_upload_mb())
    parts, held, empty = plan_split(list(marks))
    reader = PdfReader(io.BytesIO(stack))
    types = document_types()
    report = {
        "batch_id": batch_id,
        "created": datetime.now().isoformat(timespec="seconds"),
        "creator": user_id,
        "filename": filename,
        "pages": page_count,
        "covers": len(parts) + len(empty),
        "filed": [],
        "held": [],
        "empty_covers": empty,
    }
    for number, part in enumerate(parts, start=1):
        pdf = cover_sheet.extract_pages(reader, part.pages)
        try:
            doc = _file_into(
                agency,
                part.matricule,
                part.document_type,
                pdf,
                f"lot-{batch_id}-{number}.pdf",
                batch_id,
                types,
            )
        except DocumentError as error:
            # the report keeps the French sentence (stored data)
            reason = str(error.message)
            entry = hold(agency, batch_id, reason, pdf, part.pages, user_id)
            entry["matricule"] = part.matricule
            entry["document_type"] = part.document_type
            report["held"].append(entry)
            continue
        info = types[part.document_type]
        file = doc.aq_parent
        report["filed"].append(
            {
                "matricule": part.matricule,
                "file_title": file.Title(),
                "file_url": file.absolute_url(),
                "document_type": part.document_type,
                "type_label": info.label,
                "restricted": info.restricted,
                "pages": part.pages,
                "url": doc.absolute_url(),
                "cover_page": part.cover_page,
            }
        )
    for item in held:
        pdf = cover_sheet.extract_pages(reader, item.pages)
        report["held"].append(
            hold(agency, batch_id, item.reason, pdf, item.pages, user_id)
        )
    report["seconds"] = round(time.monotonic() - started, 2)
    batches(agency=agency)[batch_id] = report
    return report


def file_held_item(*, agency, item_id, matricule, document_type):
    """File a held item into a file, as the current user; it leaves the
    holding area.

    :param agency: the agency whose holding area keeps the item.
    :param item_id: the held item's id.
    :param matricule: the matricule of the file to file it into.
    :param document_type: a document type code.
    :returns: the new document.
    :raises DocumentError: unknown item, file or type; not allowed.
    """
    area = holding_area(agency=agency)
    item = area.get(item_id)
    if item is None:
        raise DocumentError(MSG_HELD_MISSING)
    doc = _file_into(
        agency,
        matricule,
        document_type,
        item["file"].data,
        item["file"].filename,
        item["batch_id"],
        document_types(),
    )
    del area[item_id]
    return doc


def store_text(*, document, text=None, method="", error=None, sha256=None) -> str:
    """Store the extracted text of ``document``, or why extraction failed.

    :param text: the text (a string), unless ``error`` is given.
    :param method: ``pdftotext``, ``ocr`` or ``mixed``.
    :param error: the French reason of a failure.
    :param sha256: the hash of the file the text was read from.
    :returns: the new text status.
    :raises SirhpConflict: the file was replaced meanwhile (the new one is
        queued).
    :raises DocumentError: neither a text nor an error.
    """
    if sha256 and sha256 != getattr(document, "file_sha256", None):
        raise SirhpConflict(MSG_FILE_CHANGED)
    if error:
        storage.set_failure(document, str(error))
    elif isinstance(text, str):
        storage.set_text(document, text, str(method or ""))
    else:
        raise DocumentError(MSG_TEXT_EXPECTED)
    return document.text_status


def retry_text(*, document) -> str:
    """Queue the text extraction of ``document`` again (after a failure).

    :returns: the new text status (``pending``).
    """
    storage.mark_pending(document)
    return document.text_status


# --- cover sheets (page previews: ``previews.page_preview``) ------------------------------------------------


def cover_sheets(*, file, codes: list[str]) -> bytes:
    """The cover sheets of ``file``, one per document type, as one PDF.

    :param file: the personnel file the sheets name.
    :param codes: document type codes.
    :raises DocumentError: an unknown type.
    """
    types = document_types()
    if any(code not in types for code in codes):
        raise DocumentError(MSG_UNKNOWN_TYPE)
    agency = find_agency(file)
    return cover_sheet.render_cover_sheets(
        {
            "matricule": file.matricule,
            "document_type": code,
            "type_label": types[code].label,
            "name": file.Title(),
            "agency": agency.Title() if agency is not None else "",
        }
        for code in codes
    )
