"""A record one may not see answers like a record that does not exist.

Plone answers a logged-in user who opens a file he or she may not see with
"insufficient privileges" (302 to ``require_login``, or 401 over REST) but a
random id with 404, and ``resolveuid/<uid>`` redirects to the hidden path
(the matricule) for anyone: both tell that the record exists. Here:

- ``hide_forbidden_records`` (``IPubBeforeAbort``):

  - a refusal (Unauthorized) on a SIRHP record (file, career event,
    document, badge, change request, print batch) that the *authenticated*
    caller may not View becomes the 404 Zope gives for a missing id at the
    same place: the same page (rendered on the record's container, as the
    anonymous user traversal leaves, themed), the same REST JSON, the same
    headers;
  - anonymous visitors get, anywhere under an agency, the same answer for an
    existing and a missing path: the login redirect (an officer following a
    link before logging in comes back to it), or over REST the 401 of
    ``api_access`` (the API is closed to anonymous users).

  The refusal is still written to the audit journal by the ``IPubFailure``
  subscriber.
- ``ResolveUIDView``: resolves through the restricted catalog (what the
  caller may see), else the same "broken link" 404 as an unknown uid.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from contextlib import contextmanager
import json
from plone import api
from plone.outputfilters.browser.resolveuid import ResolveUIDView as BaseView
from plone.rest.interfaces import IAPIRequest
from plone.rest.traverse import RESTWrapper
from plone.transformchain.zpublisher import applyTransformOnSuccess
from Products.CMFPlone.resources.browser.resource import (
    REQUEST_CACHE_KEY as WEBRESOURCE_CACHE,
)
from sirhp.content.interfaces import IAgency
from sirhp.policy import logger
from sirhp.policy.hardening.api_access import login_required_message
from sirhp.policy.hardening.headers import set_security_headers
from sirhp.policy.interfaces import ISirhpPolicyLayer
from urllib.parse import quote
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations
from zope.component import queryMultiAdapter

HIDDEN_TYPES = frozenset(
    {
        "PersonnelFile",
        "CareerEvent",
        "ScannedDocument",
        "Badge",
        "BadgePrintBatch",
        "ChangeRequest",
    }
)


def _authenticated_user(request):
    """The user the request's credentials prove, even if refused here: a
    user of the site, or of the Zope root (its administrators)."""
    portal = api.portal.get()
    for acl_users in (portal.acl_users, portal.getPhysicalRoot().acl_users):
        try:
            user = _user_from(acl_users, request)
        except Exception:
            user = None
        if user is not None:
            return user
    return None


def _user_from(acl_users, request):
    if hasattr(acl_users, "_extractUserIds"):  # PAS
        for user_id, _login in acl_users._extractUserIds(request, acl_users.plugins):
            user = acl_users.getUserById(user_id)
            if user is not None:
                return user.__of__(acl_users)
        return None
    name, password = acl_users.identify(request._auth)
    user = acl_users.authenticate(name, password, request) if name else None
    return user.__of__(acl_users) if user is not None else None


def _unwrapped(obj):
    """The content object (plone.rest wraps what REST requests traverse)."""
    return obj.context if isinstance(obj, RESTWrapper) else obj


def _hidden_index(request, user):
    """Index in PARENTS (leaf first) of the outermost record ``user`` may
    not View, or None."""
    parents = request.get("PARENTS") or ()
    for index in range(len(parents) - 1, -1, -1):
        obj = _unwrapped(parents[index])
        if getattr(obj, "portal_type", None) not in HIDDEN_TYPES:
            continue
        if not api.user.has_permission("View", user=user, obj=obj):
            return index
    return None


def _under_agency(request):
    parents = request.get("PARENTS") or ()
    return any(IAgency.providedBy(_unwrapped(obj)) for obj in parents)


def _fresh_response(event):
    """Drop what the refusal put on the response (login challenge, status
    and body locks, headers); keep the site's security headers."""
    response = event.request.response
    response._locked_status = False
    response._locked_body = False
    response.headers.clear()
    response.accumulated_headers = []
    response.setBase(None)  # no <base> of a path traversal did not reach
    set_security_headers(event)
    return response


def hide_forbidden_records(event):
    request = event.request
    exc = event.exc_info[1] if event.exc_info else None
    if not isinstance(exc, (Unauthorized, NotFound)):
        return
    if not ISirhpPolicyLayer.providedBy(request) or event.retry:
        return
    try:
        user = _authenticated_user(request)
        if user is None:
            if _under_agency(request):
                _ask_to_log_in(event)
            return
        # Refused on a hidden record, or missing below one (traversal went
        # through it, and the 404 page would be drawn on it)
        index = _hidden_index(request, user)
        if index is not None:
            _answer_not_found(event, index)
    except Exception:
        # Never worse than Plone's own answer; but say so.
        logger.exception("Could not hide %s", request.get("ACTUAL_URL"))


def _ask_to_log_in(event):
    """Anonymous, under an agency: one answer, whether the path exists."""
    request = event.request
    response = _fresh_response(event)
    if IAPIRequest.providedBy(request):
        response.setHeader("Content-Type", "application/json")
        response.setStatus(401, lock=True)
        body = {"type": "Unauthorized", "message": login_required_message(request)}
        response.setBody(json.dumps(body, indent=2, sort_keys=True), lock=True)
        response._has_challenged = True
        return
    acl_users = api.portal.get().acl_users
    if not acl_users.challenge(request, response):
        response.setStatus(401, lock=True)
    response.setHeader("Content-Type", "text/html; charset=utf-8")
    response.setHeader("Content-Length", "0")
    response.body = b""
    response._locked_body = True
    response._has_challenged = True


def _forget_memoized(request):
    """What was kept on the request for the logged-in user by a page drawn
    for the refusal before this one (memoized views, the resource
    registry's bundles, whose expressions test the member): the missing
    id's page is drawn for nobody."""
    request.__dict__.pop(WEBRESOURCE_CACHE, None)
    annotations = IAnnotations(request)
    for key in [k for k in annotations if str(k).startswith("plone.memoize")]:
        del annotations[key]


@contextmanager
def _as_traversal_stopped_at(request, index):
    """The request as Zope leaves it when traversal finds no such id below
    ``PARENTS[index + 1]``: parents from there up, URL of the missing step,
    nothing published, nobody authenticated yet."""
    parents = request["PARENTS"]
    hidden, container = _unwrapped(parents[index]), _unwrapped(parents[index + 1])
    saved = {name: request.other.get(name) for name in ("PARENTS", "URL", "PUBLISHED")}
    security_manager = getSecurityManager()
    request.other["PARENTS"] = list(parents[index + 1 :])
    request.other["URL"] = f"{container.absolute_url()}/{quote(hidden.getId())}"
    request.other.pop("PUBLISHED", None)
    noSecurityManager()
    _forget_memoized(request)
    try:
        yield parents[index + 1]
    finally:
        setSecurityManager(security_manager)
        for name, value in saved.items():
            if value is None:
                request.other.pop(name, None)
            else:
                request.other[name] = value


def _answer_not_found(event, index):
    """What ZPublisher answers for a missing id there (its exception view,
    then the theme), in place of the refusal."""
    request = event.request
    response = _fresh_response(event)
    with _as_traversal_stopped_at(request, index) as container:
        not_found = NotFound(request["URL"])
        view = queryMultiAdapter((not_found, request), name="index.html")
        response.setStatus(404)
        body = ""
        if view is not None:
            view.__parent__ = container
            body = view()
        if body and not response.getHeader("Content-Type"):
            response.setHeader("Content-Type", "text/html")
        response.setBody(body or "")
        response._has_challenged = True
        if not IAPIRequest.providedBy(request):
            applyTransformOnSuccess(event)
    response.setStatus(404, lock=True)


class ResolveUIDView(BaseView):
    """``resolveuid/<uid>`` only for what the caller may see."""

    def __call__(self):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(UID=self.uuid) if isinstance(self.uuid, str) else []
        if not brains:
            raise NotFound("The link you followed is broken")
        return super().__call__()
