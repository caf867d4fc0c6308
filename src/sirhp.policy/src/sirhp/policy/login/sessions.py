"""Sessions end on the server: logout, password change, disabled account.

A login gives two credentials: the ``__ac`` cookie (plone.session ticket)
and, over REST, a JWT (plone.restapi). Both are signed, not stored, so by
default they stayed valid until they expired, whatever happened to the
account. Here, with the mechanisms those packages provide:

- cookie: plone.session's ``per_user_keyring`` (each user's tickets are
  signed with a secret of his or her own); ``revoke`` replaces that secret,
  so every ticket issued before stops validating;
- JWT: plone.restapi's ``store_tokens`` (a token authenticates only while
  stored); ``revoke`` removes every stored token of the user, so
  ``@login-renew`` refuses them too.

``revoke`` runs on logout (``IUserLoggedOutEvent``: the Classic UI's
``logout`` and ``@logout`` end *every* session of the account, as
plone.session's per-user keyring does), on a password change
(``ICredentialsUpdatedEvent``: the user's own change, a reset link, an
administrator, the archive of the file) and when an account is disabled
(``accounts.disable_account``). The session of a user who changes his or her
own password in the browser is issued again, the others end; the reset
links sent before a password change stop working. A disabled
account authenticates by no channel at all (the login guard,
``plugins.py``).

plone.session's logout replaces the secret of the user *named* in the
cookie without checking the cookie: ``drop_foreign_session_cookie`` removes
from the request, before anything is published, a cookie that does not
prove the current user (else a forged cookie ends anybody's sessions).
"""

from AccessControl import getSecurityManager
import binascii
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
import jwt
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from plone.protect.utils import safeWrite
from plone.session import tktauth
from sirhp.policy import logger
from sirhp.policy.interfaces import ISirhpPolicyLayer
from sirhp.policy.login.links import forget_pending_links
import time
import transaction
from zope.component import queryUtility
from zope.globalrequest import getRequest

SESSION_META_TYPE = "Plone Session Plugin"
JWT_META_TYPE = "JWT Authentication Plugin"


def _plugin(meta_type, acl_users=None):
    acl_users = acl_users or api.portal.get_tool("acl_users")
    for plugin in acl_users.objectValues():
        if getattr(plugin, "meta_type", None) == meta_type:
            return plugin
    return None


def session_plugin(acl_users=None):
    return _plugin(SESSION_META_TYPE, acl_users)


def jwt_plugin(acl_users=None):
    return _plugin(JWT_META_TYPE, acl_users)


def configure(portal=None):
    """Per-user keyrings for cookies, stored tokens for JWTs (idempotent).

    Tokens issued before ``store_tokens`` was on are not stored: they stop
    working (their users log in again)."""
    portal = portal or api.portal.get()
    session = session_plugin(portal.acl_users)
    if session is not None and not session.per_user_keyring:
        session.per_user_keyring = True
        logger.info("plone.session: per-user keyrings on (server-side logout)")
    plugin = jwt_plugin(portal.acl_users)
    if plugin is not None and not (plugin.store_tokens and plugin._tokens is not None):
        plugin.store_tokens = True
        if plugin._tokens is None:
            plugin._tokens = OOBTree()
        logger.info("plone.restapi JWT: tokens stored (revocable)")


def revoke(user_id):
    """Every cookie and token of ``user_id`` issued until now stops working."""
    if not user_id:
        return
    written = []
    session = session_plugin()
    manager = queryUtility(IKeyManager)
    if session is not None and manager is not None:
        ring = session._getSecretKey(user_id)
        if ring in manager:
            manager.clear(ring=ring)
            manager.rotate(ring=ring)
        else:
            # the user's tickets were signed with the site's secret: a ring
            # of his or her own makes them invalid
            manager[ring] = Keyring(1)
            manager[ring].fill()
            written += [manager, manager._SampleContainer__data]
        written.append(manager[ring])
    plugin = jwt_plugin()
    tokens = getattr(plugin, "_tokens", None)
    if tokens is not None and user_id in tokens:
        del tokens[user_id]
        written.append(tokens)
    # a logout is a GET in the Classic UI: these writes are expected there
    for obj in written:
        safeWrite(obj)
    logger.info("Sessions of %s revoked", user_id)


def prune_tokens(user_id, now=None):
    """Forget the user's stored tokens that have expired."""
    plugin = jwt_plugin()
    tokens = getattr(plugin, "_tokens", None)
    if tokens is None or user_id not in tokens:
        return
    now = time.time() if now is None else now
    mine = tokens[user_id]
    for token in list(mine.keys()):
        payload = _payload(token)
        if payload is None or payload.get("exp", now + 1) <= now:
            del mine[token]


def _payload(token):
    try:
        return jwt.decode(
            token, options={"verify_signature": False}, algorithms=["HS256"]
        )
    except jwt.InvalidTokenError:
        return None


def credential_user_id(credentials):
    """Whose session cookie or token this is (not checked), or None."""
    if credentials.get("source") == "plone.session" and credentials.get("cookie"):
        try:
            return tktauth.splitTicket(credentials["cookie"])[1] or None
        except (ValueError, TypeError):
            return None
    token = credentials.get("token")
    if isinstance(token, str):
        payload = _payload(token)
        sub = payload.get("sub") if isinstance(payload, dict) else None
        return sub if isinstance(sub, str) else None
    return None


def _current_user_id():
    user = getSecurityManager().getUser()
    return user.getId() if user is not None else None


# --- subscribers --------------------------------------------------------------------


def on_logged_in(event):
    user_id = getattr(event.object, "getId", lambda: None)()
    if user_id:
        prune_tokens(user_id)


def on_logged_out(event):
    user_id = getattr(event.object, "getId", lambda: None)()
    if user_id:
        revoke(user_id)


def on_credentials_updated(event):
    """A new password: the other sessions end, the one changing it stays."""
    principal = getattr(event, "principal", None)
    user_id = principal.getId() if principal is not None else None
    if not user_id:
        return
    revoke(user_id)
    # reset links asked for before stop working too; at commit, once the
    # link being used (if any) has been removed by Plone
    transaction.get().addBeforeCommitHook(forget_pending_links, (user_id,))
    request = getRequest()
    session = session_plugin()
    if request is None or session is None or _current_user_id() != user_id:
        return
    if session.getProperty("cookie_name") in request.cookies:
        session._setupSession(user_id, request.response)


def _ticket(request, session):
    name = session.getProperty("cookie_name")
    value = request.get(name)
    if not isinstance(value, str) or not value:
        return None
    try:
        return binascii.a2b_base64(value)
    except (binascii.Error, ValueError):
        return None


def drop_foreign_session_cookie(event):
    """A cookie that does not authenticate the current user is ignored."""
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request):
        return
    try:
        session = session_plugin()
    except Exception:
        return
    if session is None:
        return
    name = session.getProperty("cookie_name")
    ticket = _ticket(request, session)
    if ticket is None:
        return
    data = session._validateTicket(ticket)
    if data is not None and data[1] == _current_user_id():
        return
    for mapping in (request.cookies, request.form, request.other):
        mapping.pop(name, None)


# --- what @logout and @login-renew do (services/) -----------------------------------


def logout(request):
    """End every session of the current account (cookie and tokens); for an
    anonymous request, expire the session cookie it may still carry."""
    membership = api.portal.get_tool("portal_membership")
    if not membership.isAnonymousUser():
        membership.logoutUser(request)
        return
    session = session_plugin()
    if session is not None:
        request.response.expireCookie(
            session.getProperty("cookie_name"), path=session.getProperty("path")
        )


def keep_token(token):
    """Store ``token`` for its user (a JWT authenticates only while stored)."""
    plugin = jwt_plugin()
    tokens = getattr(plugin, "_tokens", None)
    if tokens is None:
        return
    user_id = _payload(token).get("sub")
    if user_id not in tokens:
        tokens[user_id] = OIBTree()
    tokens[user_id][token] = int(time.time())
