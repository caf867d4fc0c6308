"""Pages of officer accounts: the records office sends a reset link."""

from plone import api
from plone.protect import CheckAuthenticator
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from sirhp.policy.login.accounts import send_reset
from sirhp.policy.login.links import MESSAGE_PUBLIC_URL_MISSING
from sirhp.policy.login.links import PublicUrlMissing
from zExceptions import BadRequest


class ResetAccessView(SirhpView):
    """POST: send the officer of this (validated) file a password reset link."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST")
        CheckAuthenticator(self.request)
        if api.content.get_state(self.context) != "validated":
            raise BadRequest("Dossier non validé : pas de compte agent.")
        try:
            address = send_reset(self.context, self.request)
        except PublicUrlMissing:
            api.portal.show_message(
                MESSAGE_PUBLIC_URL_MISSING, request=self.request, type="error"
            )
            return self.request.response.redirect(self.context.absolute_url())
        if address is None:
            api.portal.show_message(
                _(
                    "msg_no_account",
                    default="Pas de compte actif pour cet agent (dossier archivé ou "
                    "non encore validé).",
                ),
                request=self.request,
                type="error",
            )
        else:
            api.portal.show_message(
                _(
                    "msg_reset_sent",
                    default="Lien de réinitialisation envoyé à ${address}.",
                    mapping={"address": address},
                ),
                request=self.request,
            )
        return self.request.response.redirect(self.context.absolute_url())
