"""``@@totp`` (enrol, recovery codes, disable), ``@@totp-verifier`` (the code
after login) and ``@@totp-reinitialiser`` (an administrator's reset)."""

import hashlib
import hmac
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
import segno
from sirhp.policy import _
from sirhp.policy.login import recovery_codes
from sirhp.policy.login import totp
from sirhp.policy.login import totp_gate
from sirhp.policy.login import totp_store
from urllib.parse import quote
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.i18nmessageid import Message

MSG_CODES_SHOWN_ONCE = _(
    "msg_totp_codes_once",
    default="Notez ces codes de secours maintenant : ils ne seront plus affichés.",
)
MSG_RECOVERY_USED = _(
    "msg_totp_recovery_used",
    default="Code de secours accepté (il ne servira plus). Codes restants : ${count}.",
)
MSG_RECOVERY_NONE_LEFT = _(
    "msg_totp_recovery_none_left",
    default="Code de secours accepté. C'était le dernier : générez-en de "
    "nouveaux dans « Double authentification ».",
)
ERROR_LOCKED = "Trop d'échecs : réessayez plus tard."
ERROR_RESET_REASON = _(
    "error_totp_reset_reason",
    default="Le motif de la réinitialisation est obligatoire.",
)
ERROR_RESET_USER = _("error_totp_reset_user", default="Compte inconnu : « ${userid} ».")
ERROR_RESET_NO_USER = _(
    "error_totp_reset_no_user", default="Indiquez l'identifiant du compte."
)
ERROR_RESET_NOT_ENROLLED = _(
    "error_totp_reset_not_enrolled",
    default="Ce compte n'utilise pas la double authentification : rien à "
    "réinitialiser.",
)
MSG_RESET_DONE = _(
    "msg_totp_reset_done",
    default="Double authentification de « ${userid} » réinitialisée : ses codes "
    "de secours sont supprimés.",
)


def _signature(user_id, secret):
    message = f"enrol|{user_id}|{secret}".encode()
    return hmac.new(totp_gate.signing_key(), message, hashlib.sha256).hexdigest()


class _Base(BrowserView):
    error = None

    def user(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connexion requise.")
        return api.user.get_current()

    def came_from(self):
        return totp_gate.safe_came_from(self.request, api.portal.get().absolute_url())

    def posted(self):
        return self.request.get("REQUEST_METHOD", "GET").upper() == "POST"

    def refuse(self, message):
        self.error = message
        self.request.response.setStatus(400)
        return self.index()

    def translate(self, message):
        return translate(message, context=self.request)


class TotpView(_Base):
    """Enrolment: a new secret (QR code, text), confirmed by a first code.

    Nothing is stored until the code proves the app holds the secret; until
    then the secret travels in the form with a signature (no write on GET).
    The recovery codes are shown once, in the answer to the POST that makes
    them (enrolment, regeneration), never stored in clear.
    """

    secret = None
    codes = None
    continue_url = None

    def __call__(self):
        user = self.user()
        self.user_id = user.getId()
        self.login = user.getUserName()
        if self.posted():
            CheckAuthenticator(self.request)
            if self.request.form.get("disable"):
                return self.disable()
            if self.request.form.get("regenerate"):
                return self.regenerate()
            return self.confirm()
        if not self.enrolled():
            self.secret = totp.new_secret()
        return self.index()

    def enrolled(self):
        return totp_store.is_enrolled(self.user_id)

    def codes_left(self):
        return recovery_codes.recovery_codes_left(self.user_id)

    def codes_total(self):
        return recovery_codes.RECOVERY_COUNT

    def codes_once_message(self):
        return self.translate(MSG_CODES_SHOWN_ONCE)

    def show_codes(self, codes, why, continue_url):
        """The page with the new codes (no cache: they are shown only here)."""
        recovery_codes.log_codes_generated(self.request, api.user.get_current(), why)
        self.codes = codes
        self.continue_url = continue_url
        self.request.response.setHeader("Cache-Control", "no-store")
        return self.index()

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
        if totp_gate.locked(self.request, self.login):
            self.secret = secret
            return self.refuse(ERROR_LOCKED)
        if not totp.enrol(self.user_id, secret, form.get("code")):
            totp_gate.record_failure(self.request, self.login)
            self.secret = secret
            return self.refuse(totp_gate.MESSAGE_OTP_WRONG)
        totp_gate.set_verified(self.request, self.user_id)
        api.portal.show_message(
            "Double authentification activée.", request=self.request, type="info"
        )
        return self.show_codes(
            recovery_codes.new_recovery_codes(self.user_id),
            "enrolment",
            self.came_from(),
        )

    def regenerate(self):
        """New recovery codes, after a current TOTP code (not a recovery code)."""
        if not self.enrolled():
            return self.refuse("La double authentification n'est pas activée.")
        if totp_gate.locked(self.request, self.login):
            return self.refuse(ERROR_LOCKED)
        if not totp.check_code(self.user_id, self.request.form.get("code")):
            totp_gate.record_failure(self.request, self.login)
            return self.refuse(totp_gate.MESSAGE_OTP_WRONG)
        return self.show_codes(
            recovery_codes.new_recovery_codes(self.user_id),
            "regeneration",
            f"{api.portal.get().absolute_url()}/@@totp",
        )

    def disable(self):
        if not self.enrolled():
            return self.refuse("La double authentification n'est pas activée.")
        if totp_gate.locked(self.request, self.login):
            return self.refuse(ERROR_LOCKED)
        if self.required():
            return self.refuse(
                "La double authentification est obligatoire pour votre fonction."
            )
        if not totp.check_code(self.user_id, self.request.form.get("code")):
            totp_gate.record_failure(self.request, self.login)
            return self.refuse(totp_gate.MESSAGE_OTP_WRONG)
        totp_store.remove(self.user_id)
        totp_gate.clear_verified(self.request)
        api.portal.show_message(
            "Double authentification désactivée.", request=self.request, type="info"
        )
        return self.request.response.redirect(
            f"{api.portal.get().absolute_url()}/@@totp"
        )


class VerifierView(_Base):
    """The code asked after the password, once per login session: a TOTP code
    or a recovery code (used up, journaled)."""

    def __call__(self):
        user = self.user()
        user_id = user.getId()
        if not totp_store.is_enrolled(user_id):
            return self.request.response.redirect(
                f"{api.portal.get().absolute_url()}/@@totp"
            )
        if not self.posted():
            return self.index()
        CheckAuthenticator(self.request)
        login = user.getUserName()
        if totp_gate.locked(self.request, login):
            return self.refuse(ERROR_LOCKED)
        method = totp.check_second_factor(user_id, self.request.form.get("code"))
        if method is None:
            totp_gate.record_failure(self.request, login)
            return self.refuse(totp_gate.MESSAGE_OTP_WRONG)
        if method == totp.RECOVERY:
            recovery_codes.log_recovery_used(self.request, user, "web")
            left = recovery_codes.recovery_codes_left(user_id)
            message = (
                Message(MSG_RECOVERY_USED, mapping={"count": left})
                if left
                else MSG_RECOVERY_NONE_LEFT
            )
            api.portal.show_message(
                self.translate(message), request=self.request, type="warning"
            )
        totp_gate.set_verified(self.request, user_id)
        return self.request.response.redirect(self.came_from())


class ResetView(_Base):
    """``@@totp-reinitialiser?userid=``: an administrator removes a user's
    second factor (lost phone). POST with the CSRF token and a reason; the
    journal records who, whom and why. Without ``userid``: the enrolled
    accounts."""

    userid = None
    target = None

    def __call__(self):
        self.user()
        form = self.request.form
        userid = form.get("userid")
        self.userid = userid.strip() if isinstance(userid, str) else None
        if self.userid:
            self.target = api.user.get(userid=self.userid)
            # enrolled but not a site user: the Zope root's admin
            if self.target is None and not totp_store.is_enrolled(self.userid):
                self.userid = None
                return self.refuse(
                    self.translate(
                        Message(
                            ERROR_RESET_USER, mapping={"userid": form.get("userid")}
                        )
                    )
                )
        if not self.posted():
            return self.index()
        CheckAuthenticator(self.request)
        if not self.userid:
            return self.refuse(self.translate(ERROR_RESET_NO_USER))
        reason = form.get("reason")
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            return self.refuse(self.translate(ERROR_RESET_REASON))
        if not totp.reset(self.userid, reason, request=self.request):
            return self.refuse(self.translate(ERROR_RESET_NOT_ENROLLED))
        api.portal.show_message(
            self.translate(Message(MSG_RESET_DONE, mapping={"userid": self.userid})),
            request=self.request,
            type="info",
        )
        return self.request.response.redirect(self.reset_url(self.userid))

    def reset_url(self, userid=None):
        url = f"{api.portal.get().absolute_url()}/@@totp-reinitialiser"
        return f"{url}?userid={quote(userid)}" if userid else url

    def target_name(self):
        target = self.target
        if target is None:
            return self.userid or ""
        fullname = target.getProperty("fullname", "") or ""
        login = target.getUserName()
        return f"{fullname} ({login})" if fullname else login

    def enrolled(self):
        return self.userid is not None and totp_store.is_enrolled(self.userid)

    def codes_left(self):
        return recovery_codes.recovery_codes_left(self.userid)

    def reason(self):
        value = self.request.form.get("reason")
        return value if isinstance(value, str) else ""

    def enrolled_accounts(self):
        """Every enrolled account (id, name, codes left, reset address)."""
        accounts = []
        for userid in sorted(totp_store.enrolled_user_ids()):
            user = api.user.get(userid=userid)
            accounts.append(
                {
                    "userid": userid,
                    "name": (user.getProperty("fullname", "") or "") if user else "",
                    "codes_left": recovery_codes.recovery_codes_left(userid),
                    "url": self.reset_url(userid),
                }
            )
        return accounts


class ResetLinkViewlet(ViewletBase):
    """On a user's page in Users and Groups (``@@user-information``): the
    link to ``@@totp-reinitialiser`` when that user has a second factor."""

    def update(self):
        super().update()
        userid = self.request.form.get("userid")
        self.userid = userid if isinstance(userid, str) else ""
        self.available = bool(self.userid) and totp_store.is_enrolled(self.userid)

    def codes_left(self):
        return recovery_codes.recovery_codes_left(self.userid)

    def reset_url(self):
        return (
            f"{api.portal.get().absolute_url()}/@@totp-reinitialiser"
            f"?userid={quote(self.userid)}"
        )

    def render(self):
        return self.index() if self.available else ""
