"""The REST API answers anonymous users only on the public endpoints."""

from plone import api
from plone.rest.interfaces import IAPIRequest
from sirhp.policy import _
from sirhp.policy import logger
from sirhp.policy.interfaces import ISirhpPolicyLayer
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.i18n import translate

# Endpoints an anonymous client may call: login, the public badge check, and
# the health of the processes (the load balancer calls it without login).
PUBLIC_API_ENDPOINTS = frozenset(
    {"@login", "@login-renew", "@logout", "@badge-verification", "@health"}
)


def refuse_anonymous_api(event):
    request = event.request
    if not IAPIRequest.providedBy(request) or not ISirhpPolicyLayer.providedBy(request):
        return
    if not api.user.is_anonymous():
        return
    path = request.get("PATH_INFO", "")
    endpoint = next(
        (part for part in reversed(path.split("/")) if part.startswith("@")), None
    )
    if endpoint in PUBLIC_API_ENDPOINTS:
        return
    raise Unauthorized(login_required_message(request))


def login_required_message(request):
    return translate(
        _(
            "error_api_login_required",
            default="Authentification requise pour l'API SIRHP.",
        ),
        context=request,
    )


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def refuse_cross_site_api_writes(event):
    """CSRF: a REST write carried by the browser's session cookie must come
    from the portal's own pages (Fetch-Metadata, else the Origin header).

    Token or basic-auth clients (integrations) are not concerned: a foreign
    page cannot make a browser add those headers.
    """
    request = event.request
    if not IAPIRequest.providedBy(request) or not ISirhpPolicyLayer.providedBy(request):
        return
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITE_METHODS:
        return
    if request._auth or "__ac" not in request.cookies:
        return
    fetch_site = request.get_header("Sec-Fetch-Site")
    if fetch_site in ("same-origin", "none"):
        return
    origin = request.get_header("Origin")
    if (
        fetch_site is None
        and origin
        and origin == _origin(request.get("SERVER_URL", ""))
    ):
        return
    logger.warning(
        "Refused cross-site API write %s %s (origin %r, fetch-site %r)",
        request.get("REQUEST_METHOD"),
        request.get("PATH_INFO"),
        origin,
        fetch_site,
    )
    raise Forbidden(
        translate(
            _(
                "error_cross_site_write",
                default="Requête refusée : elle ne vient pas des pages du portail SIRHP.",
            ),
            context=request,
        )
    )


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
