"""REST endpoints of scanned documents.

- ``GET <site>/@text-queue?limit=N``: documents waiting for their text
  (the text worker's account: ``sirhp: Extract document text``);
- ``GET <document>/@text-source``: the document's PDF, for the worker (the
  journal records a text extraction by the worker, not a download);
- ``POST <document>/@text``: the worker stores the text, or the failure;
- ``POST <document>/@text-retry``: staff who may edit the document queue it
  again after a failure;
- ``POST <agency>/@batch-filing``: the "Classement par lot" of a stack
  (``{"data": "<base64>", "filename": "..."}``), answering the report.

Errors: HTTP status + ``{"type", "message"}`` in French; nothing stored.
"""

from base64 import b64decode
import binascii
from plone import api
from plone.namedfile.browser import Download
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from sirhp.content.documents import storage
from sirhp.content.domain.document_file import DocumentError
import transaction
from zope.interface import alsoProvides

MAX_QUEUE = 50


def _error(service, status, message, type_="BadRequest"):
    transaction.doom()
    service.request.response.setStatus(status)
    return {"type": type_, "message": message}


class TextQueueGet(Service):
    def reply(self):
        try:
            limit = min(MAX_QUEUE, max(1, int(self.request.form.get("limit", 10))))
        except (TypeError, ValueError):
            limit = 10
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type="ScannedDocument",
            text_status=storage.PENDING,
            sort_on="modified",
        )[:limit]
        items = []
        for brain in brains:
            obj = brain._unrestrictedGetObject()
            url = obj.absolute_url()
            items.append(
                {
                    "@id": url,
                    "UID": brain.UID,
                    "download": f"{url}/@text-source",
                    "sha256": getattr(obj, "file_sha256", None),
                }
            )
        return {"items": items, "items_total": len(items)}


class TextSourceGet(Service):
    """The stored PDF, streamed like ``@@download/file``."""

    def render(self):
        self.check_permission()
        download = Download(self.context, self.request)
        download.fieldname = "file"
        return download()


class TextPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request)
        if not isinstance(body, dict):
            return _error(self, 400, "Corps JSON attendu.")
        sha = body.get("sha256")
        if sha and sha != getattr(self.context, "file_sha256", None):
            # The file was replaced while the worker read it: the new one is queued.
            return _error(self, 409, "Le fichier a changé entre-temps.", "Conflict")
        if body.get("error"):
            storage.set_failure(self.context, str(body["error"]))
        else:
            text = body.get("text")
            if not isinstance(text, str):
                return _error(self, 400, "« text » (chaîne) ou « error » attendu.")
            storage.set_text(self.context, text, str(body.get("method") or ""))
        return {"text_status": self.context.text_status}


class TextRetryPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        storage.mark_pending(self.context)
        return {"text_status": self.context.text_status}


class BatchFilingPost(Service):
    def reply(self):
        from sirhp.policy.documents.batch import file_stack

        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request)
        if not isinstance(body, dict) or not isinstance(body.get("data"), str):
            return _error(
                self, 400, "Envoyez la pile numérisée en base64 dans « data »."
            )
        try:
            data = b64decode(body["data"], validate=True)
        except (binascii.Error, ValueError):
            return _error(self, 400, "« data » n'est pas du base64 valide.")
        try:
            report = file_stack(self.context, [data])
        except DocumentError as error:
            return _error(self, 400, error.message)
        self.request.response.setStatus(201)
        return report
