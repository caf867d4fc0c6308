"""Public check of a training certificate (Vérification d'une attestation).

``/@@verifier-attestation?t=<token>`` (the QR code of the certificate)
answers, to anyone and without an account: the officer's name, the course,
the date passed and whether the certificate is valid, expires soon or has
expired; nothing else of the file. An unknown or forged token gets
« Attestation inconnue » (404). Read only, light (inline CSS, no script),
noindex. Not rate-limited: a token is 96 bits of HMAC, nothing to guess
(the badge check's limiter guards its typed card numbers).
"""

from datetime import date
from Products.Five import BrowserView
from sirhp.content.training import rules
from sirhp.content.training import verification
from sirhp.policy import _
from zope.i18n import translate

STATE_TEXT = {
    rules.VALID: _("certificate_valid", default="Attestation valide"),
    rules.EXPIRING: _(
        "certificate_expiring", default="Attestation valide, expire bientôt"
    ),
    rules.EXPIRED: _("certificate_expired", default="Attestation expirée"),
    None: _("certificate_unknown", default="Attestation inconnue"),
}


class VerifyCertificateView(BrowserView):
    """``@@verifier-attestation?t=<token>``: public, read only."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("X-Robots-Tag", "noindex")
        self.result = verification.check_certificate(
            token=str(self.request.form.get("t", "")), today=date.today()
        )
        if self.result is None:
            response.setStatus(404)
        return self.index()

    def t(self, message):
        return translate(message, context=self.request)

    def state(self):
        return self.result["state"] if self.result else None

    def state_text(self):
        return self.t(STATE_TEXT[self.state()])

    def fmt(self, day):
        return day.strftime("%d/%m/%Y") if day else ""
