"""Where batch filing keeps what it did and what it could not place.

The holding area (pièces en attente: pages a batch could not place, as a
PDF each) and the batch reports live in the agency's annotations: no new
content type, no workflow, nothing visible to the other agency. Reached
through ``api`` (``holding_area``, ``batches``, ``file_stack``...).
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from persistent.mapping import PersistentMapping
from plone.namedfile.file import NamedBlobFile
from secrets import token_hex
from zope.annotation.interfaces import IAnnotations

HOLDING_KEY = "sirhp.documents.holding"
BATCHES_KEY = "sirhp.documents.batches"


def holding_area(*, agency) -> OOBTree:
    """The pages of ``agency`` that a batch could not place, by item id."""
    annotations = IAnnotations(agency)
    if HOLDING_KEY not in annotations:
        annotations[HOLDING_KEY] = OOBTree()
    return annotations[HOLDING_KEY]


def batches(*, agency) -> OOBTree:
    """The reports of the batches filed in ``agency``, by batch id."""
    annotations = IAnnotations(agency)
    if BATCHES_KEY not in annotations:
        annotations[BATCHES_KEY] = OOBTree()
    return annotations[BATCHES_KEY]


def new_batch_id() -> str:
    return f"{datetime.now():%Y%m%d-%H%M%S}-{token_hex(2)}"


def hold(agency, batch_id, reason, pdf: bytes, pages: list[int], user_id) -> dict:
    """Keep pages in the holding area; returns the report entry."""
    area = holding_area(agency=agency)
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
