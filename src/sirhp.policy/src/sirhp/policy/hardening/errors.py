"""Errors answered as what they are, in French (English for users who chose
it), never as a 500 or a page that says more than it should.

- ``ErrorView`` (``index.html`` of every exception in the SIRHP site):
  Plone's error page without the link to the closed contact form; a
  ``BadRequest`` shows its reason (400); a missing version of a record
  (``ArchivistRetrieveError``: ``@history/<n>``, ``versions_history_form``)
  is the 404 of a missing page; a redirection (the TOTP gate, the forced
  password change) has an empty body, not the page of the object it leaves
  (its title). REST requests keep plone.rest's JSON errors.
- ``InsufficientPrivilegesView``: "Privilèges insuffisants" answers 403.
- ``check_page_input``: Classic UI pages given a non-integer ``b_start``,
  ``b_size`` or ``version_id`` answer 400 (the search page, folder listings
  and the versions form raised ``ValueError``).
- ``SearchView``, ``AjaxSearchView``: Plone's search page answers a query
  the catalog cannot read (a repeated text, a date that is not one) with a
  400, as ``@search`` does (``rest_input.py``).
- ``refuse_tool_methods``: the workflow tool's Python API
  (``portal_workflow/doActionFor``...) is not a web page: 404.
- ``Download``, ``DisplayFile``: only a file is downloaded; any other
  attribute named in the URL is a missing file (404).
"""

import json
import os
from plone.namedfile import browser as namedfile_browser
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.CMFEditions.interfaces.IArchivist import ArchivistRetrieveError
from Products.CMFPlone import browser as plone_browser
from Products.CMFPlone.browser import login as plone_login
from Products.CMFPlone.browser.exceptions import ExceptionView
from Products.CMFPlone.browser.login.login import (
    InsufficientPrivilegesView as BaseInsufficientPrivilegesView,
)
from Products.CMFPlone.browser.search import AjaxSearch
from Products.CMFPlone.browser.search import Search
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from sirhp.policy import _
from sirhp.policy.hardening.rest_input import MESSAGE_BAD_QUERY
from sirhp.policy.hardening.rest_input import MESSAGE_INTEGER
from sirhp.policy.hardening.rest_input import QUERY_ERRORS
from sirhp.policy.hardening.rest_input import whole_number
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import BadRequest
from zExceptions import HTTPRedirection
from zExceptions import NotFound
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.publisher.interfaces.browser import IBrowserView

MESSAGE_NOT_FOUND = _(
    "error_not_found", default="Ressource introuvable : cette adresse n'existe pas."
)
MESSAGE_VERSION_NOT_FOUND = _(
    "error_version_not_found", default="Version introuvable : ce numéro n'existe pas."
)
# Page parameters that must be integers, and their minimum.
INTEGER_PARAMETERS = {"b_start": 0, "b_size": 1, "version_id": 0}


def _message(message, request, **mapping):
    return translate(Message(message, mapping=mapping), context=request)


class ErrorView(ExceptionView):
    """``index.html`` of exceptions on SIRHP pages (REST: plone.rest's)."""

    exception = None

    def __call__(self):
        exception = self.exception = self.context
        request = self.request
        # a page refused by a view (``author/<id>``...): its context's page,
        # as for a path that does not exist
        while IBrowserView.providedBy(self.__parent__):
            self.__parent__ = self.__parent__.context
        if isinstance(exception, HTTPRedirection):
            return ""  # the Location header says where; nothing else
        missing_version = isinstance(exception, ArchivistRetrieveError)
        if IAPIRequest.providedBy(request):
            if missing_version:
                return self._json_not_found(MESSAGE_VERSION_NOT_FOUND)
            return ErrorHandling(exception, request)()
        if missing_version:
            self.context = NotFound(request.get("ACTUAL_URL", ""))
            body = super().__call__()
            # locked: plone.transformchain sets the status from the class name
            request.response.setStatus(404, lock=True)
            return body
        return super().__call__()

    def message(self):
        """The reason of a refused request (``BadRequest``), as raised."""
        return str(self.exception or "")

    def _json_not_found(self, message):
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(404, lock=True)
        body = json.dumps(
            {"type": "NotFound", "message": translate(message, context=self.request)}
        )
        response.setBody(body, lock=True)
        response._has_challenged = True
        return body


_PLONE_LOGIN_TEMPLATES = os.path.join(
    os.path.dirname(plone_login.__file__), "templates"
)


class InsufficientPrivilegesView(BaseInsufficientPrivilegesView):
    """Plone's "Privilèges insuffisants" page, with the status it means."""

    index = ViewPageTemplateFile(
        os.path.join(_PLONE_LOGIN_TEMPLATES, "insufficient_privileges.pt")
    )

    def __call__(self):
        self.request.response.setStatus(403)
        return self.index()


def check_page_input(event):
    """Integer parameters of Classic UI pages (REST: ``rest_input.py``)."""
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request) or IAPIRequest.providedBy(request):
        return
    for name, minimum in INTEGER_PARAMETERS.items():
        if name not in request.form:
            continue
        if whole_number(request.form[name], minimum) is None:
            raise BadRequest(
                _message(MESSAGE_INTEGER, request, name=name, minimum=minimum)
            )


_PLONE_TEMPLATES = os.path.join(os.path.dirname(plone_browser.__file__), "templates")


class _ReadableQuery:
    def results(self, *args, **kwargs):
        try:
            return super().results(*args, **kwargs)
        except QUERY_ERRORS:
            raise BadRequest(
                translate(MESSAGE_BAD_QUERY, context=self.request)
            ) from None


class SearchView(_ReadableQuery, Search):
    index = ViewPageTemplateFile(os.path.join(_PLONE_TEMPLATES, "search.pt"))

    def __call__(self):
        created = self.request.form.get("created")
        if created is not None and not hasattr(created, "get"):
            # the page reads it as a record (created.query, created.range)
            raise BadRequest(translate(MESSAGE_BAD_QUERY, context=self.request))
        return self.index()


class AjaxSearchView(_ReadableQuery, AjaxSearch):
    pass


def refuse_tool_methods(event):
    """``portal_workflow/<method>`` published by URL: a 404 (its ZMI stays)."""
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request):
        return
    published = request.get("PUBLISHED")
    owner = getattr(published, "__self__", None)
    name = getattr(published, "__name__", "") or ""
    if owner is None or getattr(owner, "id", None) != "portal_workflow":
        return
    if name.startswith("manage"):
        return
    raise NotFound(_message(MESSAGE_NOT_FOUND, request))


class _FileFieldsOnly:
    """``@@download/<name>`` and ``@@display-file/<name>`` serve files only:
    an attribute that is no file (a change request's ``proposed`` values, a
    text) is a missing file (404), not a 500."""

    def _getFile(self):
        file = super()._getFile()
        if not (hasattr(file, "getSize") and hasattr(file, "data")):
            raise NotFound(self, self.fieldname, self.request)
        return file


class Download(_FileFieldsOnly, namedfile_browser.Download):
    pass


class DisplayFile(_FileFieldsOnly, namedfile_browser.DisplayFile):
    pass
