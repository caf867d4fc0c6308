"""A record one may not see answers like a record that does not exist.

Plone answers a logged-in user who opens a file he or she may not see with
"insufficient privileges" (302 to ``require_login``, or 401 over REST) but a
random id with 404, and ``resolveuid/<uid>`` redirects to the hidden path
(the matricule) for anyone: both tell that the record exists. Here:

- ``hide_forbidden_records`` (``IPubBeforeAbort``): a refusal (Unauthorized)
  on a SIRHP record (file, career event, document, badge, change request,
  print batch) that the *authenticated* caller may not View becomes the same
  404 as a missing id (the refusal is still written to the audit journal by
  the ``IPubFailure`` subscriber). Anonymous visitors keep the login
  redirect (an officer following a link before logging in).
- ``ResolveUIDView``: resolves through the restricted catalog (what the
  caller may see), else the same "broken link" 404 as an unknown uid.
"""

from plone import api
from plone.outputfilters.browser.resolveuid import ResolveUIDView as BaseView
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import NotFound
from zExceptions import Unauthorized
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
    """The user the request's credentials prove, even if refused here."""
    portal = api.portal.get()
    acl_users = portal.acl_users
    try:
        found = acl_users._extractUserIds(request, acl_users.plugins)
    except Exception:
        return None
    for user_id, _login in found:
        user = acl_users.getUserById(user_id)
        if user is not None:
            return user.__of__(acl_users)
    return None


def _hidden_record(request, user):
    for obj in request.get("PARENTS") or ():
        if getattr(obj, "portal_type", None) not in HIDDEN_TYPES:
            continue
        if not api.user.has_permission("View", user=user, obj=obj):
            return obj
    return None


def hide_forbidden_records(event):
    request = event.request
    exc = event.exc_info[1] if event.exc_info else None
    if not isinstance(exc, Unauthorized) or not ISirhpPolicyLayer.providedBy(request):
        return
    try:
        user = _authenticated_user(request)
        if user is None:
            return
        if _hidden_record(request, user) is None:
            return
        portal = api.portal.get()
    except Exception:
        return
    response = request.response
    not_found = NotFound(f"Resource not found: {request.get('ACTUAL_URL', '')}")
    for header in ("location", "www-authenticate"):
        response.headers.pop(header, None)
    # the login challenge locked its 302/401, plone.rest its JSON body
    response._locked_status = False
    response._locked_body = False
    response.setStatus(404)
    view = queryMultiAdapter((not_found, request), name="index.html")
    body = ""
    if view is not None:
        view.__parent__ = portal
        try:
            body = view()
        except Exception:
            body = ""
    response.setBody(body or "Not found")
    response.setStatus(404)


class ResolveUIDView(BaseView):
    """``resolveuid/<uid>`` only for what the caller may see."""

    def __call__(self):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(UID=self.uuid) if isinstance(self.uuid, str) else []
        if not brains:
            raise NotFound("The link you followed is broken")
        return super().__call__()
