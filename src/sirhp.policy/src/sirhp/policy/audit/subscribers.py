"""What goes into the journal, and when.

- Reads, downloads, exports and refusals: at the end of the publication
  (``IPubSuccess``, after the ZODB commit, so a retried request is logged
  once; ``IPubFailure`` for refusals raised as exceptions).
- Changes and transitions of SIRHP content: collected during the
  transaction and written in its two-phase commit (``transactional``): a
  change whose lines cannot be written is not stored (503).
- Consultations are written before the response is sent; if the journal
  cannot be written, the response is replaced by a 503 (nothing shown).
"""

from Acquisition import aq_base
from plone import api
from plone.rest.interfaces import IService
from Products.CMFCore.interfaces import IActionSucceededEvent
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.interfaces import IPersonnelRecord
from sirhp.content.interfaces import IScannedDocument
from sirhp.policy.audit import journal as actions
from sirhp.policy.audit import transactional
from sirhp.policy.audit.api import build_event
from sirhp.policy.audit.api import identify
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.unavailable import JournalUnavailable
from sirhp.policy.audit.unavailable import MSG_JOURNAL_UNAVAILABLE_READ
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.container.interfaces import IContainerModifiedEvent
from zope.lifecycleevent.interfaces import IObjectAddedEvent
from zope.lifecycleevent.interfaces import IObjectRemovedEvent

# Browser views showing a file or a record (their default views included).
PAGE_VIEWS = frozenset({"view", "base_view", "file_view", "image_view", ""})
HISTORY_VIEWS = frozenset({"historique", "GET_application_json_@history"})
DOWNLOAD_VIEWS = frozenset({"download", "display-file", "images"})
EXPORT_VIEWS = frozenset({"export_content"})
TEXT_SOURCE_SERVICE = "@text-source"
# Pages that only say a refusal already written to the journal
REFUSAL_PAGES = frozenset({"insufficient-privileges", "require_login"})


def _sirhp_object(obj):
    return obj is not None and (
        IPersonnelFile.providedBy(obj) or IPersonnelRecord.providedBy(obj)
    )


def classify(request):
    """(action, object, detail) for a successful request worth a journal line."""
    published = request.get("PUBLISHED")
    method = request.get("REQUEST_METHOD", "GET").upper()
    name = getattr(published, "__name__", "") or ""
    context = getattr(published, "context", None)
    if name in EXPORT_VIEWS and method == "POST":
        return actions.EXPORT, None, name
    if method != "GET" or not _sirhp_object(context):
        return None
    if IService.providedBy(published):
        if name.endswith("_" + TEXT_SOURCE_SERVICE):
            # the text worker reads the file to extract its text: not a
            # person's download of the document
            return actions.TEXT_EXTRACTION, context, "worker"
        if name == getattr(request, "_rest_service_id", None):
            return actions.VIEW, context, "api"
        if name in HISTORY_VIEWS:
            return actions.VIEW, context, "api:@history"
        return None
    if name in HISTORY_VIEWS:
        return actions.VIEW, context, "historique"
    if name in DOWNLOAD_VIEWS:
        if IScannedDocument.providedBy(context):
            return actions.DOWNLOAD, context, name
        return None  # the photo of a file, shown by the file page itself
    layout = getattr(aq_base(context), "getLayout", None)
    if name in PAGE_VIEWS or (layout is not None and name == context.getLayout()):
        return actions.VIEW, context, "web"
    return None


def _denied_target(request):
    """The deepest SIRHP object reached before the refusal, if any."""
    published = request.get("PUBLISHED")
    candidates = [getattr(published, "context", None), published]
    candidates += list(request.get("PARENTS", []) or [])
    for obj in candidates:
        if _sirhp_object(obj) or (obj is not None and IAgency.providedBy(obj)):
            return obj
    return None


def _site_path(request):
    """The requested URL path below the portal (``police-nationale/…``)."""
    try:
        portal_url = api.portal.get().absolute_url()
    except Exception:
        return request.get("PATH_INFO", "")
    url = request.get("ACTUAL_URL", "") or ""
    if url.startswith(portal_url):
        return url[len(portal_url) :].lstrip("/")
    return request.get("PATH_INFO", "")


def _log_denied(request, detail):
    target = _denied_target(request)
    path = _site_path(request)
    event_path = None if target is not None else path
    user = identify(request) if api.user.is_anonymous() else None
    log_event(
        actions.DENIED,
        obj=target,
        request=request,
        user=user,
        detail={"url": path, "method": request.get("REQUEST_METHOD"), "why": detail},
        path=event_path,
    )


def on_publication_success(event):
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request):
        return
    status = request.response.getStatus()
    if status in (401, 403):
        name = getattr(request.get("PUBLISHED"), "__name__", "") or ""
        if name not in REFUSAL_PAGES:
            _log_denied(request, str(status))
        return
    if status >= 300:
        return
    found = classify(request)
    if found is None:
        return
    action, obj, detail = found
    try:
        log_event(action, obj=obj, request=request, detail=detail, raise_errors=True)
    except Exception as error:
        # fail closed: the exception view replaces the body not yet sent
        raise JournalUnavailable(str(error), MSG_JOURNAL_UNAVAILABLE_READ) from error


def on_publication_failure(event):
    if event.retry:
        return
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request):
        return
    error = event.exc_info[1]
    if isinstance(error, (Unauthorized, Forbidden)):
        _log_denied(request, type(error).__name__)


# --- Changes: written in the ZODB's two-phase commit (``transactional``) --


def _queue(action, obj, reason=None, detail=None, key=None):
    event = build_event(action, obj=obj, reason=reason, detail=detail)
    key = key or (action, event.get("uid"))
    if transactional.queued((actions.CREATE, event.get("uid"))):
        return  # one line per object and kind of change in a transaction
    transactional.queue(event, key)


def _changed_fields(event):
    names = []
    for description in getattr(event, "descriptions", ()) or ():
        names.extend(getattr(description, "attributes", ()) or ())
    return sorted(set(names))


def on_added(obj, event):
    _queue(actions.CREATE, obj)


def on_modified(obj, event):
    if IContainerModifiedEvent.providedBy(event):
        return  # a record added or removed inside: logged on the record
    fields = _changed_fields(event)
    _queue(actions.MODIFY, obj, detail={"fields": fields} if fields else None)


def on_removed(obj, event):
    _queue(actions.DELETE, obj)


def on_moved(obj, event):
    if IObjectAddedEvent.providedBy(event) or IObjectRemovedEvent.providedBy(event):
        return
    old = "/".join(event.oldParent.getPhysicalPath()) + "/" + (event.oldName or "")
    _queue(actions.MOVE, obj, detail={"from": old})


def on_transition(obj, event):
    if not IActionSucceededEvent.providedBy(event) or not event.action:
        return
    comments = ""
    history = getattr(aq_base(obj), "workflow_history", {}) or {}
    entries = history.get(event.workflow.getId(), ())
    if entries:
        comments = entries[-1].get("comments", "") or ""
    _queue(
        actions.TRANSITION,
        obj,
        reason=comments,
        detail=event.action,
        key=(actions.TRANSITION, event.action, id(obj)),
    )
