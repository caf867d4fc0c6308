"""``POST @users/<id>/reset-password``: the same answer for every id.

Whoever may not manage users gets the same answer for every id (the reset
mail goes through ``reset.request_reset``); administrators keep
plone.restapi's answers, but a reset link is never built without the
portal's public address (``links.PublicUrlMissing``: 400)."""

from plone.restapi import _ as RESTAPI_
from plone.restapi.services.users.add import UsersPost as BaseUsersPost
from sirhp.content.base.rest import SirhpService
from sirhp.policy.login.reset import request_reset


class UsersPost(SirhpService, BaseUsersPost):
    def update_password(self, data):
        if self.can_manage_users:
            return super().update_password(data)
        username = self.params[0]
        if not data:
            request_reset(username)
            return self.reply_no_content()
        if self._get_user_by_login_name(username) is None:
            # plone.restapi's own answers (its _error), word for word: an
            # unknown id must answer as a known one does
            if data.get("reset_token"):
                return self._error(
                    403,
                    "Unknown Token",
                    RESTAPI_("The reset_token is unknown/not valid."),
                )
            if data.get("old_password"):
                return self._error(
                    403,
                    "Wrong user",
                    RESTAPI_(
                        "You need to be logged in as the user '${username}' to set "
                        "the password.",
                        mapping={"username": username},
                    ),
                )
        return super().update_password(data)
