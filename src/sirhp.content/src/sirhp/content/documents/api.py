"""Batch filing (classement par lot) and the holding area (pièces en attente).

``file_stack`` takes a scanned stack (one PDF, or several images / PDFs in
order), finds the cover sheets, files each run of pages as a **draft**
ScannedDocument of the sheet's type into the sheet's file, and keeps every
page it could not place in the agency's holding area (never dropped):

- pages before the first cover sheet;
- a cover sheet that is recognised (black band) but whose code is
  unreadable, with the pages after it;
- a readable sheet naming a file that is not in this agency (or not
  visible to the clerk), a file where the clerk may not add documents
  (permission ``sirhp: Add ScannedDocument``, checked by creating the
  document as the clerk), or an unknown document type.

Each part is created as the clerk: the same permission as the add form. The
report (what went where) and the holding area live in the agency's
annotations: no new content type, nothing visible to the other agency.
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from datetime import datetime
import io
from pathlib import Path
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from secrets import token_hex
from sirhp.content.documents.field import max_upload_mb
from sirhp.content.documents.types import document_types
from sirhp.content.domain import cover_sheet
from sirhp.content.domain.document_file import normalise_file
import tempfile
import time
from zope.annotation.interfaces import IAnnotations

HOLDING_KEY = "sirhp.documents.holding"
BATCHES_KEY = "sirhp.documents.batches"

MSG_NO_FILE = "Dossier {matricule} introuvable dans cette agence"
MSG_NO_PERMISSION = "Ajout de pièce non autorisé dans le dossier {matricule}"
MSG_BAD_TYPE = "Type de pièce inconnu « {code} »"


def holding_area(agency) -> OOBTree:
    annotations = IAnnotations(agency)
    if HOLDING_KEY not in annotations:
        annotations[HOLDING_KEY] = OOBTree()
    return annotations[HOLDING_KEY]


def batches(agency) -> OOBTree:
    annotations = IAnnotations(agency)
    if BATCHES_KEY not in annotations:
        annotations[BATCHES_KEY] = OOBTree()
    return annotations[BATCHES_KEY]


def new_batch_id() -> str:
    return f"{datetime.now():%Y%m%d-%H%M%S}-{token_hex(2)}"


def merge_stack(files: list[bytes]) -> tuple[bytes, int]:
    """One PDF of the uploaded files in order (each checked and converted)."""
    from pypdf import PdfReader
    from pypdf import PdfWriter

    stored = [normalise_file(data, max_upload_mb()) for data in files]
    if len(stored) == 1:
        return stored[0].data, stored[0].pages
    writer = PdfWriter()
    for item in stored:
        writer.append(PdfReader(io.BytesIO(item.data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), sum(item.pages for item in stored)


def _find_file(agency, matricule):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="PersonnelFile",
        matricule=matricule,
        path="/".join(agency.getPhysicalPath()),
    )
    return brains[0].getObject() if brains else None


def hold(agency, batch_id, reason, pdf: bytes, pages: list[int], user_id) -> dict:
    """Keep pages in the holding area; returns the report entry."""
    area = holding_area(agency)
    item_id = f"{batch_id}-{len(area) + 1}-{token_hex(2)}"
    area[item_id] = PersistentMapping(
        id=item_id,
        batch_id=batch_id,
        reason=reason,
        pages=list(pages),
        created=datetime.now(),
        creator=user_id,
        file=NamedBlobFile(
            data=pdf, contentType="application/pdf", filename=f"{item_id}.pdf"
        ),
    )
    return {
        "id": item_id,
        "reason": reason,
        "pages": list(pages),
        "url": f"{agency.absolute_url()}/@@pieces-en-attente/{item_id}",
    }


def create_document(file, code, pdf, batch_id, user_id, filename):
    """A draft ScannedDocument created as the current user (permission checked)."""
    return createContentInContainer(
        file,
        "ScannedDocument",
        checkConstraints=True,
        document_type=code,
        file=NamedBlobFile(data=pdf, contentType="application/pdf", filename=filename),
        batch_id=batch_id,
        scan_source="batch",
        scan_date=date.today(),
        scan_operator=user_id,
    )


def file_stack(agency, files: list[bytes], filename: str = "") -> dict:
    """File a scanned stack into ``agency``; returns the report (also stored)."""
    from AccessControl import Unauthorized
    from pypdf import PdfReader

    started = time.monotonic()
    user_id = api.user.get_current().getId()
    batch_id = new_batch_id()
    stack, page_count = merge_stack(files)
    with tempfile.TemporaryDirectory(prefix="sirhp-batch-") as tmp:
        path = Path(tmp) / "stack.pdf"
        path.write_bytes(stack)
        marks = cover_sheet.read_stack(path)
    parts, held, empty = cover_sheet.plan_split(marks)
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
        reason = None
        file = _find_file(agency, part.matricule)
        info = types.get(part.document_type)
        if file is None:
            reason = MSG_NO_FILE.format(matricule=part.matricule)
        elif info is None:
            reason = MSG_BAD_TYPE.format(code=part.document_type)
        else:
            try:
                doc = create_document(
                    file,
                    part.document_type,
                    pdf,
                    batch_id,
                    user_id,
                    f"lot-{batch_id}-{number}.pdf",
                )
            except (Unauthorized, ValueError):
                reason = MSG_NO_PERMISSION.format(matricule=part.matricule)
        if reason:
            entry = hold(agency, batch_id, reason, pdf, part.pages, user_id)
            entry["matricule"] = part.matricule
            entry["document_type"] = part.document_type
            report["held"].append(entry)
            continue
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
    batches(agency)[batch_id] = report
    return report


def file_held_item(agency, item_id, matricule, code) -> object:
    """File a held item into a file (as the current user); removes it from
    the holding area. Raises ValueError (French) when it cannot."""
    from AccessControl import Unauthorized

    area = holding_area(agency)
    item = area.get(item_id)
    if item is None:
        raise ValueError("Pièce en attente introuvable.")
    file = _find_file(agency, (matricule or "").strip().upper())
    if file is None:
        raise ValueError(MSG_NO_FILE.format(matricule=matricule))
    if code not in document_types():
        raise ValueError(MSG_BAD_TYPE.format(code=code))
    try:
        doc = create_document(
            file,
            code,
            item["file"].data,
            item["batch_id"],
            api.user.get_current().getId(),
            item["file"].filename,
        )
    except (Unauthorized, ValueError):
        raise ValueError(MSG_NO_PERMISSION.format(matricule=matricule)) from None
    del area[item_id]
    return doc
