"""Public check of an official document (Vérification d'un document).

``/@@verifier-document?t=<token>`` (the QR code of the PDF) answers, to
anyone and without an account: « Document valide » or « Document révoqué »
with the document's kind, the holder's name and the date of issue; nothing
else of the file. An unknown or forged token gets « Document inconnu »
(404). Read only, light (inline CSS, no script), noindex; a token is 96 bits
of HMAC, nothing to guess.
"""

from Products.Five import BrowserView
from sirhp.content.attestations import verification
from sirhp.policy import _
from zope.i18n import translate

STATE_TEXT = {
    verification.VALID: _("document_valid", default="Document valide"),
    verification.REVOKED: _("document_revoked", default="Document révoqué"),
    None: _("document_unknown", default="Document inconnu"),
}


class VerifyDocumentView(BrowserView):
    """``@@verifier-document?t=<token>``: public, read only."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("X-Robots-Tag", "noindex")
        self.result = verification.check_document(
            token=str(self.request.form.get("t", ""))
        )
        if self.result is None:
            response.setStatus(404)
        return self.index()

    def state(self):
        return self.result["state"] if self.result else None

    def state_text(self):
        return translate(STATE_TEXT[self.state()], context=self.request)

    def fmt(self, day):
        return day.strftime("%d/%m/%Y") if day else ""
