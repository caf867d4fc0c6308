"""``POST @logout``: ends every session of the account (cookie and tokens).

plone.restapi's own answered 400 without logging out a cookie session once
tokens are stored."""

from sirhp.content.base.rest import SirhpService
from sirhp.policy.login.sessions import logout


class LogoutPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        logout(self.request)
        return self.reply_no_content()
