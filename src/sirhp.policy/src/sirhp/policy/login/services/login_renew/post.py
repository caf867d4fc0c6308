"""``POST @login-renew``: plone.restapi's, whose renewed token stays valid.

plone.restapi stores the new token, then removes the old one; renewed
within the same second both are the same string, and the new token was
gone. It stays stored here."""

from plone.restapi.services.auth.renew import Renew
from sirhp.content.base.rest import SirhpService
from sirhp.policy.login.sessions import keep_token


class LoginRenewPost(SirhpService, Renew):
    def reply(self):
        auth = self.request._auth or ""
        old = auth[7:] if auth[:7].lower() == "bearer " else None
        result = super().reply()
        token = result.get("token") if isinstance(result, dict) else None
        if token and token == old:
            keep_token(token)
        return result
