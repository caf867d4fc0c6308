"""``@@totp`` (enrol, disable) and ``@@totp-verifier`` (the code after login)."""

import hashlib
import hmac
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
import segno
from sirhp.policy.login import totp
from zExceptions import Unauthorized


def _signature(user_id, secret):
    message = f"enrol|{user_id}|{secret}".encode()
    return hmac.new(totp._key(), message, hashlib.sha256).hexdigest()


class _Base(BrowserView):
    error = None

    def user(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connexion requise.")
        return api.user.get_current()

    def came_from(self):
        return totp.safe_came_from(self.request, api.portal.get().absolute_url())

    def posted(self):
        return self.request.get("REQUEST_METHOD", "GET").upper() == "POST"

    def refuse(self, message):
        self.error = message
        self.request.response.setStatus(400)
        return self.index()


class TotpView(_Base):
    """Enrolment: a new secret (QR code, text), confirmed by a first code.

    Nothing is stored until the code proves the app holds the secret; until
    then the secret travels in the form with a signature (no write on GET).
    """

    secret = None

    def __call__(self):
        user = self.user()
        self.user_id = user.getId()
        self.login = user.getUserName()
        if self.posted():
            CheckAuthenticator(self.request)
            if self.request.form.get("disable"):
                return self.disable()
            return self.confirm()
        if not self.enrolled():
            self.secret = totp.new_secret()
        return self.index()

    def enrolled(self):
        return totp.is_enrolled(self.user_id)

    def required(self):
        return totp.required_by_role(api.user.get_current())

    def signature(self):
        return _signature(self.user_id, self.secret)

    def uri(self):
        return totp.provisioning_uri(self.secret, self.login)

    def qr_svg(self):
        return segno.make(self.uri(), error="m").svg_inline(scale=4)

    def confirm(self):
        form = self.request.form
        secret, signature = form.get("secret"), form.get("signature")
        if (
            not isinstance(secret, str)
            or not isinstance(signature, str)
            or not hmac.compare_digest(signature, _signature(self.user_id, secret))
        ):
            self.secret = totp.new_secret()
            return self.refuse("Formulaire invalide : recommencez l'activation.")
        if self.enrolled():
            return self.refuse("La double authentification est déjà activée.")
        if totp.locked(self.request, self.login):
            self.secret = secret
            return self.refuse("Trop d'échecs : réessayez plus tard.")
        if not totp.enrol(self.user_id, secret, form.get("code")):
            totp.record_failure(self.request, self.login)
            self.secret = secret
            return self.refuse(totp.MESSAGE_OTP_WRONG)
        totp.set_verified(self.request, self.user_id)
        api.portal.show_message(
            "Double authentification activée.", request=self.request, type="info"
        )
        return self.request.response.redirect(self.came_from())

    def disable(self):
        if not self.enrolled():
            return self.refuse("La double authentification n'est pas activée.")
        if self.required():
            return self.refuse(
                "La double authentification est obligatoire pour votre fonction."
            )
        if not totp.check_code(self.user_id, self.request.form.get("code")):
            totp.record_failure(self.request, self.login)
            return self.refuse(totp.MESSAGE_OTP_WRONG)
        totp.remove(self.user_id)
        totp.clear_verified(self.request)
        api.portal.show_message(
            "Double authentification désactivée.", request=self.request, type="info"
        )
        return self.request.response.redirect(
            f"{api.portal.get().absolute_url()}/@@totp"
        )


class VerifierView(_Base):
    """The code asked after the password, once per login session."""

    def __call__(self):
        user = self.user()
        user_id = user.getId()
        if not totp.is_enrolled(user_id):
            return self.request.response.redirect(
                f"{api.portal.get().absolute_url()}/@@totp"
            )
        if not self.posted():
            return self.index()
        CheckAuthenticator(self.request)
        login = user.getUserName()
        if totp.locked(self.request, login):
            return self.refuse("Trop d'échecs : réessayez plus tard.")
        if not totp.check_code(user_id, self.request.form.get("code")):
            totp.record_failure(self.request, login)
            return self.refuse(totp.MESSAGE_OTP_WRONG)
        totp.set_verified(self.request, user_id)
        return self.request.response.redirect(self.came_from())
