"""Pages of scanned documents: the document, page previews, cover sheets,
batch filing (classement par lot) and the holding area. The document search
is ``search.py``. Each page calls ``sirhp.content.documents.api`` and shows
a refusal's ``text(request)``."""

from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.api import parent_file
from sirhp.content.base.errors import SirhpError
from sirhp.content.documents import api as documents
from sirhp.content.documents import storage
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
import transaction
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

TEXT_LABELS = {
    storage.PENDING: _("label_text_pending", default="Texte en cours d'extraction"),
    storage.DONE: _("label_text_done", default="Texte extrait"),
    storage.FAILED: _("label_text_failed", default="Échec de l'extraction du texte"),
}
MSG_NO_TEXT = _("label_text_none", default="Texte non extrait")
MSG_POST_EXPECTED = _("error_post_expected", default="POST attendu.")
MSG_RETRIED = _("message_text_retried", default="Extraction du texte relancée.")
MSG_PREVIEW_NUMBERS = _(
    "error_preview_numbers", default="page et largeur : des nombres."
)
MSG_BATCH_UNKNOWN = _("error_document_batch_unknown", default="Lot inconnu.")
MSG_FILED = _("message_held_item_filed", default="Pièce classée.")
MAX_PREVIEWS = 30
RECENT_BATCHES = 10


class DocumentView(SirhpView):
    """A scanned document: metadata, state, text, page previews."""

    def state(self):
        return api.content.get_state(self.context, default="")

    def type_info(self):
        return documents.document_types().get(self.context.document_type)

    def text_label(self):
        label = TEXT_LABELS.get(self.context.text_status, MSG_NO_TEXT)
        return translate(label, context=self.request)

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
        file = parent_file(self.context)
        return file.absolute_url() if file is not None else None


class RetryTextView(SirhpView):
    """POST: queue the text extraction again (after a failure)."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest(translate(MSG_POST_EXPECTED, context=self.request))
        CheckAuthenticator(self.request)
        documents.retry_text(document=self.context)
        api.portal.show_message(
            translate(MSG_RETRIED, context=self.request), request=self.request
        )
        return self.request.response.redirect(self.context.absolute_url())


class PagePreviewView(SirhpView):
    """``@@apercu?page=N&largeur=W``: one page as a JPEG (thumbnails, previews)."""

    def __call__(self):
        try:
            page = int(self.request.form.get("page", 1))
            width = int(self.request.form.get("largeur", 200))
        except (TypeError, ValueError):
            raise BadRequest(
                translate(MSG_PREVIEW_NUMBERS, context=self.request)
            ) from None
        try:
            data = documents.page_preview(document=self.context, page=page, width=width)
        except SirhpError as error:
            raise NotFound(error.text(self.request)) from None
        response = self.request.response
        response.setHeader("Content-Type", "image/jpeg")
        response.setHeader("Cache-Control", "private, max-age=86400")
        return data


class CoverSheetView(SirhpView):
    """``@@fiche-separation`` on a file: choose the type, get the PDF."""

    def types(self):
        return [
            {"value": t.code, "title": t.label, "restricted": t.restricted}
            for t in documents.document_types().values()
        ]

    def __call__(self):
        code = self.request.form.get("type")
        if not code:
            return self.index()
        codes = code if isinstance(code, list) else [code]
        try:
            pdf = documents.cover_sheets(file=self.context, codes=codes)
        except SirhpError as error:
            raise BadRequest(error.text(self.request)) from None
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
            self.report = documents.batches(agency=self.context).get(batch_id)
            if self.report is None:
                raise NotFound(translate(MSG_BATCH_UNKNOWN, context=self.request))
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            return self.file_stack()
        return self.index()

    def file_stack(self):
        uploads = self.request.form.get("pile")
        if not isinstance(uploads, list):
            uploads = [uploads] if uploads else []
        files = [u.read() for u in uploads if hasattr(u, "read")]
        try:
            report = documents.file_stack(
                agency=self.context,
                files=[data for data in files if data] or [b""],
                filename=", ".join(getattr(u, "filename", "") or "" for u in uploads),
            )
        except SirhpError as error:
            self.error = error.text(self.request)
            self.request.response.setStatus(error.status)
            transaction.doom()
            return self.index()
        return self.request.response.redirect(
            f"{self.context.absolute_url()}/@@classement-par-lot?lot={report['batch_id']}"
        )

    def recent(self):
        items = list(documents.batches(agency=self.context).values())
        return list(reversed(items))[:RECENT_BATCHES]

    def holding_count(self):
        return len(documents.holding_area(agency=self.context))


@implementer(IPublishTraverse)
class HoldingAreaView(SirhpView):
    """``@@pieces-en-attente``: pages not placed; download, or file them."""

    item_id = None
    error = None

    def publishTraverse(self, request, name):
        self.item_id = name
        return self

    def items(self):
        area = documents.holding_area(agency=self.context)
        return list(reversed(list(area.values())))

    def types(self):
        return [
            {"value": t.code, "title": t.label}
            for t in documents.document_types().values()
        ]

    def __call__(self):
        if self.item_id:
            return self.download()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            try:
                doc = documents.file_held_item(
                    agency=self.context,
                    item_id=form.get("item"),
                    matricule=form.get("matricule"),
                    document_type=form.get("type"),
                )
            except SirhpError as error:
                self.error = error.text(self.request)
                self.request.response.setStatus(error.status)
                return self.index()
            api.portal.show_message(
                translate(MSG_FILED, context=self.request), request=self.request
            )
            return self.request.response.redirect(doc.absolute_url())
        return self.index()

    def download(self):
        item = documents.holding_area(agency=self.context).get(self.item_id)
        if item is None:
            raise NotFound(translate(documents.MSG_HELD_MISSING, context=self.request))
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", f'inline; filename="{item["file"].filename}"'
        )
        return item["file"].data
