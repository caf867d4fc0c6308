"""Messages in the user's language, where no page translates them for us."""

from zope.globalrequest import getRequest
from zope.i18n import translate


def french(message):
    """``message`` in the current request's language (French by default).

    For texts carried by exceptions (``WorkflowException``, ``BadRequest``)
    that plone.restapi and the transition page show as they are.
    """
    return translate(message, context=getRequest(), default=message.default)
