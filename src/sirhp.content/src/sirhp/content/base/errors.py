"""The one exception base of the domain API.

Every refusal of a domain function (``sirhp.content.<domain>.api``) is a
``SirhpError`` carrying an i18n message (French default, English
translation in the ``sirhp`` catalogue) and the HTTP status a REST service
answers with. Views show ``error.text(request)``; REST services answer
``rest.error_reply(...)``. Nothing is stored when one is raised: the caller
dooms the transaction.
"""

from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message


class SirhpError(ValueError):
    """A refusal the user can act on (HTTP 400 by default).

    :param message: an i18n ``Message`` (or plain French text).
    :param field: the name of the field at fault, if any.
    """

    status = 400
    type = "BadRequest"

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def text(self, request=None):
        """The message in the language of ``request`` (French by default)."""
        message = self.message
        if isinstance(message, Message):
            request = request if request is not None else getRequest()
            if request is None:  # scripts, unit tests: French, not zope.i18n's "en"
                return translate(message, target_language="fr", default=message.default)
            return translate(message, context=request, default=message.default)
        return str(message)

    def __str__(self):
        return self.text()


class SirhpForbidden(SirhpError):
    """The user may not do this (HTTP 403)."""

    status = 403
    type = "Forbidden"


class SirhpNotFound(SirhpError):
    """The object asked for does not exist for this user (HTTP 404)."""

    status = 404
    type = "NotFound"


class SirhpConflict(SirhpError):
    """The object changed since the user read it (HTTP 409)."""

    status = 409
    type = "Conflict"


class SirhpUnavailable(SirhpError):
    """A service the request needs cannot work now (HTTP 503)."""

    status = 503
    type = "ServiceUnavailable"
