"""Page previews of a stored document (thumbnails, the document page).

Rendered on demand by ``pdftoppm`` (``text.render_page``) from the stored
PDF and kept in a small in-process cache, by file hash: nothing is written
to the database on GET. Reached through ``api.page_preview``.
"""

from collections import OrderedDict
from sirhp.content import _
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.documents import text as text_tools
import tempfile

WIDTHS = (40, 1200)
CACHE_SIZE = 300
MSG_PAGE_UNKNOWN = _("Page inconnue.")
MSG_NO_PREVIEW = _("Aperçu indisponible.")

_previews = OrderedDict()  # (sha, page, width) -> JPEG


def page_preview(*, document, page: int, width: int) -> bytes:
    """One page of ``document`` as a JPEG ``width`` pixels wide.

    :param document: a scanned document.
    :param page: the page number (1-based).
    :param width: in pixels, 40 to 1200.
    :raises SirhpNotFound: no such page or width, or no preview possible.
    """
    count = getattr(document, "page_count", None) or 1
    low, high = WIDTHS
    if not 1 <= page <= count or not low <= width <= high:
        raise SirhpNotFound(MSG_PAGE_UNKNOWN)
    key = (document.file_sha256, page, width)
    data = _previews.get(key)
    if data is None:
        data = _render(document.file, page, width)
        _previews[key] = data
        while len(_previews) > CACHE_SIZE:
            _previews.popitem(last=False)
    return data


def _render(file, page, width):
    try:
        path = file._blob.committed()
    except Exception:  # uncommitted (same transaction) or no blob file
        path = None
    try:
        if path is not None:
            return text_tools.render_page(path, page, width)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(file.data)
            handle.flush()
            return text_tools.render_page(handle.name, page, width)
    except text_tools.TextError:
        raise SirhpNotFound(MSG_NO_PREVIEW) from None
