"""``log_event()``: one call fills who, when, what and from where."""

from Acquisition import aq_inner
from plone import api
from plone.uuid.interfaces import IUUID
from sirhp.content.api import parent_file
from sirhp.content.base.agencies import is_agency_id
from sirhp.content.interfaces import IPersonnelFile
from sirhp.policy import logger
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.audit.network import client_address
from sirhp.policy.audit.transactional import queue
from zope.globalrequest import getRequest

IGNORED_ROLES = frozenset({"Authenticated", "Member", "Anonymous"})
ANONYMOUS = "Anonymous User"


def current_user_id(user=None) -> str:
    user = user if user is not None else api.user.get_current()
    if user is None:
        return ""
    user_id = user.getId()
    return user_id or ANONYMOUS


def roles_summary(user=None, obj=None) -> str:
    """The user's roles (in ``obj`` when given), Plone's generic ones left out."""
    user = user if user is not None else api.user.get_current()
    if user is None or not user.getId():
        return ""
    try:
        roles = user.getRolesInContext(obj) if obj is not None else user.getRoles()
    except Exception:  # a user from another user folder, a broken object
        roles = user.getRoles()
    return ",".join(sorted(set(roles) - IGNORED_ROLES))


def identify(request):
    """The user whose credentials this request carries, authorized or not.

    Zope treats a valid user without rights on the published object as
    anonymous; for a refusal the journal wants the real person. Asks the
    site's PAS to authenticate the credentials again, without the
    authorization step (only done for refusals of anonymous requests).
    """
    try:
        acl_users = api.portal.get().acl_users
        found = acl_users._extractUserIds(request, acl_users.plugins)
    except Exception:
        return None
    for user_id, _login in found:
        user = acl_users.getUserById(user_id)
        if user is not None:
            return user
    return None


def describe(obj) -> dict:
    """uid, portal-relative path, matricule and agency of ``obj``."""
    if obj is None:
        return {}
    obj = aq_inner(obj)
    try:
        portal_path = api.portal.get().getPhysicalPath()
        physical = obj.getPhysicalPath()
    except Exception:
        return {}
    relative = physical[len(portal_path) :]
    info = {
        "uid": IUUID(obj, None) or "",
        "path": "/".join(relative),
        "agency": relative[0] if relative and is_agency_id(relative[0]) else "",
    }
    file = obj if IPersonnelFile.providedBy(obj) else parent_file(obj)
    if file is not None:
        info["matricule"] = getattr(file, "matricule", "") or file.getId()
    return info


def build_event(
    action,
    obj=None,
    request=None,
    reason=None,
    detail=None,
    user=None,
    path=None,
    user_id=None,
) -> dict:
    """The values of an event, computed now (who, what, from where).

    ``user_id`` names the account concerned when nobody is logged in (a
    failed login).
    """
    request = request if request is not None else getRequest()
    if user is None:
        user = api.user.get_current()  # once for the id and the roles
    values = describe(obj)
    if path and not values.get("path"):
        values["path"] = path
    if path and not values.get("agency"):
        first = path.strip("/").split("/", 1)[0]
        values["agency"] = first if is_agency_id(first) else ""
    values.update(
        action=action,
        user_id=user_id or current_user_id(user),
        roles=roles_summary(user, obj),
        client=client_address(request),
        reason=reason,
        detail=detail,
    )
    return values


def log_event(
    action,
    obj=None,
    request=None,
    reason=None,
    detail=None,
    user=None,
    path=None,
    raise_errors=False,
    user_id=None,
):
    """Append an event to the journal (never raises unless ``raise_errors``).

    ``path`` replaces the object's path (a denied URL, a login name...).
    """
    try:
        values = build_event(action, obj, request, reason, detail, user, path, user_id)
        return get_journal().append(**values)
    except Exception:
        logger.exception("Could not write the audit journal (%s)", action)
        if raise_errors:
            raise
        return None


def queue_event(
    action,
    obj=None,
    request=None,
    reason=None,
    detail=None,
    user=None,
    path=None,
    user_id=None,
):
    """Queue an event on the current transaction: written in its commit,
    with the change it records, or not at all (``transactional``).

    Why not ``log_event``: a line written at once stays when the change
    is then refused, and a change stays when its line cannot be written.
    A journal that cannot be written fails the commit (503, nothing stored).
    """
    try:
        values = build_event(action, obj, request, reason, detail, user, path, user_id)
    except Exception:
        logger.exception("Could not describe the audit event (%s)", action)
        return False
    # each call is its own line (``object()`` is never queued twice)
    return queue(values, (action, object()))
