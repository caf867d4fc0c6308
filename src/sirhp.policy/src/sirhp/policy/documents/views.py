"""Pages of scanned documents: the document, page previews, cover sheets,
batch filing (classement par lot), holding area, full-text search."""

from collections import OrderedDict
from datetime import date
from plone import api
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from sirhp.content.documents import storage
from sirhp.content.documents.types import document_types
from sirhp.content.domain import cover_sheet
from sirhp.content.domain import text as text_rules
from sirhp.content.domain.document_file import DocumentError
from sirhp.content.interfaces import IAgency
from sirhp.content.vocabularies.units import find_agency
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.documents import batch as batch_filing
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

TEXT_LABELS = {
    storage.PENDING: "Texte en cours d'extraction",
    storage.DONE: "Texte extrait",
    storage.FAILED: "Échec de l'extraction du texte",
}
MAX_PREVIEWS = 30
PAGE_SIZE = 20
SEARCH_PARAMETERS = ("q", "type", "du", "au", "agence", "unite")
MESSAGE_ONE_VALUE = _(
    "error_search_one_value",
    default="Recherche invalide : « ${name} » ne prend qu'une valeur.",
)
MESSAGE_NO_WORD = _(
    "error_search_no_word",
    default="Recherche invalide : saisissez au moins un mot (lettres ou chiffres).",
)
_previews = OrderedDict()  # (sha, page, width) -> JPEG; small in-process cache


class DocumentView(SirhpView):
    """A scanned document: metadata, state, text, page previews."""

    def state(self):
        return api.content.get_state(self.context, default="")

    def type_info(self):
        return document_types().get(self.context.document_type)

    def text_label(self):
        return TEXT_LABELS.get(self.context.text_status, "Texte non extrait")

    def can_edit(self):
        return has_permission("Modify portal content", self.context)

    def can_retry(self):
        return self.context.text_status == storage.FAILED and self.can_edit()

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTransitionsFor(self.context)

    def pages(self):
        count = getattr(self.context, "page_count", None) or 1
        return list(range(1, min(count, MAX_PREVIEWS) + 1))

    def file_url(self):
        from sirhp.content.api import parent_file

        file = parent_file(self.context)
        return file.absolute_url() if file is not None else None


class RetryTextView(SirhpView):
    """POST: queue the text extraction again (after a failure)."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST attendu.")
        CheckAuthenticator(self.request)
        storage.mark_pending(self.context)
        api.portal.show_message("Extraction du texte relancée.", request=self.request)
        return self.request.response.redirect(self.context.absolute_url())


def _blob_path(file):
    try:
        return file._blob.committed(), None
    except Exception:  # uncommitted (same transaction) or no blob file
        import tempfile

        handle = tempfile.NamedTemporaryFile(suffix=".pdf")
        handle.write(file.data)
        handle.flush()
        return handle.name, handle


class PagePreviewView(SirhpView):
    """``@@apercu?page=N&largeur=W``: one page as a JPEG (thumbnails, previews).

    Rendered by pdftoppm from the stored PDF, cached in memory by file hash;
    never writes to the database.
    """

    def __call__(self):
        try:
            page = int(self.request.form.get("page", 1))
            width = int(self.request.form.get("largeur", 200))
        except (TypeError, ValueError):
            raise BadRequest("page et largeur : des nombres.") from None
        count = getattr(self.context, "page_count", None) or 1
        if not 1 <= page <= count or not 40 <= width <= 1200:
            raise NotFound("Page inconnue.")
        key = (self.context.file_sha256, page, width)
        data = _previews.get(key)
        if data is None:
            path, handle = _blob_path(self.context.file)
            try:
                data = text_rules.render_page(path, page, width)
            except text_rules.TextError:
                raise NotFound("Aperçu indisponible.") from None
            finally:
                if handle is not None:
                    handle.close()
            _previews[key] = data
            while len(_previews) > 300:
                _previews.popitem(last=False)
        response = self.request.response
        response.setHeader("Content-Type", "image/jpeg")
        response.setHeader("Cache-Control", "private, max-age=86400")
        return data


class CoverSheetView(SirhpView):
    """``@@fiche-separation`` on a file: choose the type, get the PDF."""

    def types(self):
        return [
            {"value": t.code, "title": t.label, "restricted": t.restricted}
            for t in document_types().values()
        ]

    def __call__(self):
        code = self.request.form.get("type")
        if not code:
            return self.index()
        types = document_types()
        codes = code if isinstance(code, list) else [code]
        if any(c not in types for c in codes):
            raise BadRequest("Type de pièce inconnu.")
        agency = find_agency(self.context)
        sheets = [
            {
                "matricule": self.context.matricule,
                "document_type": c,
                "type_label": types[c].label,
                "name": self.context.Title(),
                "agency": agency.Title() if agency is not None else "",
            }
            for c in codes
        ]
        pdf = cover_sheet.render_cover_sheets(sheets)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition",
            f'inline; filename="fiche-{self.context.matricule}-{codes[0]}.pdf"',
        )
        return pdf


class BatchFilingView(SirhpView):
    """``@@classement-par-lot`` on an agency: upload a stack, read the report."""

    error = None
    report = None

    def __call__(self):
        batch_id = self.request.form.get("lot")
        if batch_id:
            self.report = batch_filing.batches(self.context).get(batch_id)
            if self.report is None:
                raise NotFound("Lot inconnu.")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            uploads = self.request.form.get("pile")
            if not isinstance(uploads, list):
                uploads = [uploads] if uploads else []
            files = [u.read() for u in uploads if hasattr(u, "read")]
            files = [data for data in files if data] or [b""]
            try:
                report = batch_filing.file_stack(
                    self.context,
                    files,
                    ", ".join(getattr(u, "filename", "") or "" for u in uploads),
                )
            except DocumentError as error:
                self.error = error.message
                self.request.response.setStatus(400)
                import transaction

                transaction.doom()
                return self.index()
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@classement-par-lot?lot={report['batch_id']}"
            )
        return self.index()

    def recent(self):
        items = list(batch_filing.batches(self.context).values())
        return list(reversed(items))[:10]

    def holding_count(self):
        return len(batch_filing.holding_area(self.context))


@implementer(IPublishTraverse)
class HoldingAreaView(SirhpView):
    """``@@pieces-en-attente``: pages not placed; download, or file them."""

    item_id = None
    error = None

    def publishTraverse(self, request, name):
        self.item_id = name
        return self

    def items(self):
        return list(reversed(list(batch_filing.holding_area(self.context).values())))

    def types(self):
        return [{"value": t.code, "title": t.label} for t in document_types().values()]

    def __call__(self):
        area = batch_filing.holding_area(self.context)
        if self.item_id:
            item = area.get(self.item_id)
            if item is None:
                raise NotFound("Pièce en attente introuvable.")
            response = self.request.response
            response.setHeader("Content-Type", "application/pdf")
            response.setHeader(
                "Content-Disposition", f'inline; filename="{item["file"].filename}"'
            )
            return item["file"].data
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            try:
                doc = batch_filing.file_held_item(
                    self.context,
                    form.get("item"),
                    form.get("matricule"),
                    form.get("type"),
                )
            except ValueError as error:
                self.error = str(error)
                self.request.response.setStatus(400)
                return self.index()
            api.portal.show_message("Pièce classée.", request=self.request)
            return self.request.response.redirect(doc.absolute_url())
        return self.index()


def _searchable(text):
    words = [
        "".join(ch for ch in word if ch.isalnum()) for word in (text or "").split()
    ]
    words = [w for w in words if w and w.lower() not in ("and", "or", "not")]
    return " ".join(f"{w}*" for w in words[:8]) or None


def _parse_date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class DocumentSearchView(SirhpView):
    """``@@recherche-pieces``: full text + type + dates + agency/unit.

    The catalog filters by View (``allowedRolesAndUsers``): nobody finds a
    document, nor its text, that he may not open.
    """

    def agency(self):
        return self.context if IAgency.providedBy(self.context) else None

    def agencies(self):
        catalog = api.portal.get_tool("portal_catalog")
        return [
            {"value": b.getId, "title": b.Title, "path": b.getPath()}
            for b in catalog(portal_type="Agency", sort_on="sortable_title")
        ]

    def units(self):
        agency = self.agency()
        if agency is None:
            return []
        return self.labels.items("sirhp.content.units")

    def types(self):
        return [{"value": t.code, "title": t.label} for t in document_types().values()]

    def __call__(self):
        if self.error():
            self.request.response.setStatus(400)
        return self.index()

    def _parameter(self, name):
        """One text value, or "" (a repeated or odd one is an error)."""
        value = self.request.form.get(name)
        return value if isinstance(value, str) else ""

    def form(self):
        return {
            "q": self._parameter("q").strip()[:200],
            "type": self._parameter("type"),
            "from": self._parameter("du"),
            "to": self._parameter("au"),
            "agency": self._parameter("agence"),
            "unit": self._parameter("unite"),
        }

    @memoize
    def error(self):
        """Why the search cannot be made (translated), or None."""
        form = self.request.form
        for name in SEARCH_PARAMETERS:
            if form.get(name) not in (None, "") and not isinstance(form[name], str):
                return translate(
                    Message(MESSAGE_ONE_VALUE, mapping={"name": name}),
                    context=self.request,
                )
        q = self.form()["q"]
        if q and _searchable(q) is None:
            return translate(MESSAGE_NO_WORD, context=self.request)
        return None

    def searched(self):
        if self.error():
            return False
        f = self.form()
        return any(f.values())

    def query(self):
        f = self.form()
        query = {
            "portal_type": "ScannedDocument",
            "sort_on": "document_sort",
            "sort_order": "descending",
        }
        if f["q"]:
            query["SearchableText"] = _searchable(f["q"])
        if f["type"]:
            query["document_type"] = f["type"]
        start, end = _parse_date(f["from"]), _parse_date(f["to"])
        if start and end:
            query["document_date"] = {"query": [start, end], "range": "min:max"}
        elif start:
            query["document_date"] = {"query": start, "range": "min"}
        elif end:
            query["document_date"] = {"query": end, "range": "max"}
        agency = self.agency()
        if agency is not None:
            query["path"] = "/".join(agency.getPhysicalPath())
        elif f["agency"]:
            query["agency"] = f["agency"]
        if f["unit"] and agency is not None:
            query["matricule"] = self._unit_matricules(f["unit"]) or ["-"]
        return query

    def _unit_matricules(self, unit_uid):
        """Files of the unit and of the units below it."""
        catalog = api.portal.get_tool("portal_catalog")
        unit = api.content.get(UID=unit_uid)
        if unit is None:
            return []
        uids = [
            b.UID
            for b in catalog(portal_type="Unit", path="/".join(unit.getPhysicalPath()))
        ]
        return [
            b.matricule
            for b in catalog(portal_type="PersonnelFile", unit=uids)
            if b.matricule
        ]

    def results(self):
        from Products.CMFPlone.PloneBatch import Batch

        if not self.searched():
            return []
        brains = api.portal.get_tool("portal_catalog")(**self.query())
        try:
            start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            start = 0
        return Batch(brains, PAGE_SIZE, start)

    def hit(self, brain):
        obj = brain.getObject()
        file = obj.aq_parent
        words = (self.form()["q"] or "").split()
        text = getattr(obj, "extracted_text", "") or ""
        return {
            "url": brain.getURL(),
            "title": brain.Title,
            "file_url": file.absolute_url(),
            "file_title": file.Title(),
            "matricule": brain.matricule,
            "date": self.format_date(getattr(obj, "document_date", None)),
            "state": self.state_label(brain.review_state),
            "snippet": text_rules.snippet(text, words) if text else "",
            "text_status": TEXT_LABELS.get(obj.text_status, ""),
        }
