"""The REST API answers anonymous users only on the public endpoints."""

from plone import api
from plone.rest.interfaces import IAPIRequest
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import Unauthorized

# Endpoints an anonymous client may call (the badge check comes with issue 6).
PUBLIC_API_ENDPOINTS = frozenset({"@login", "@login-renew", "@logout"})


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
    raise Unauthorized("Authentification requise pour l'API SIRHP.")
