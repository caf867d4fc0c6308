"""The one REST error helper and the base of every SIRHP service.

Every SIRHP endpoint is a ``plone.restapi`` service (one folder per
endpoint, one module per HTTP verb) whose ``reply()`` calls the domain API.
``SirhpService`` turns a ``SirhpError`` into the HTTP status it carries and
the JSON body ``{"type", "message", "error": {"type", "message"}}``: the
top-level ``message`` as every SIRHP answer, ``error`` as plone.restapi's
own errors, so a client reads one shape whatever refused the request. The
transaction is doomed: nothing is stored half-way.
"""

import json
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import _no_content_marker
from plone.restapi.services import Service
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
import transaction
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

MSG_JSON_OBJECT = _("rest_json_object_expected", default="Corps JSON attendu.")


def error_reply(request, status, message, type_="BadRequest"):
    """Set ``status`` on the response, doom the transaction, and return the
    error body. ``message`` is an i18n message or an error's text."""
    transaction.doom()
    if not isinstance(message, SirhpError):
        message = SirhpError(message)
    request.response.setStatus(status)
    return error_body(message.text(request), type_)


def error_body(text: str, type_: str) -> dict:
    """The JSON body of every SIRHP error (also for errors raised outside a
    service: the publisher's exception views)."""
    return {"type": type_, "message": text, "error": {"type": type_, "message": text}}


class SirhpService(Service):
    """A plone.restapi service whose domain refusals become HTTP answers.

    Subclasses implement ``reply()`` as thin callers of the domain API and
    let ``SirhpError`` propagate.
    """

    def render(self):
        self.check_permission()
        try:
            content = self.reply()
        except SirhpError as error:
            content = error_reply(self.request, error.status, error, error.type)
        if content is not _no_content_marker:
            self.request.response.setHeader("Content-Type", self.content_type)
            return json.dumps(
                content, indent=2, sort_keys=True, separators=(", ", ": ")
            )

    def body(self):
        """The JSON body as a dict; a ``SirhpError`` (400) for anything else."""
        body = json_body(self.request)
        if not isinstance(body, dict):
            raise SirhpError(MSG_JSON_OBJECT)
        return body

    def disable_csrf(self):
        """Token-less API clients write as with every plone.restapi service."""
        alsoProvides(self.request, IDisableCSRFProtection)


@implementer(IPublishTraverse)
class SirhpPathService(SirhpService):
    """A service that takes path segments after its name
    (``@collective-decision/<id>/validate``): ``self.params``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self
