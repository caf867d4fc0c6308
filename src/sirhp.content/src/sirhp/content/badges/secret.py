"""The site's badge secret and the verification URL printed in QR codes.

The secret (32 random bytes) is created at install (and by the 1001 upgrade)
and kept in the site's annotations, out of reach of any view or endpoint. An
operator may instead set ``SIRHP_BADGE_SECRET`` in the instance environment
(zope.conf ``<environment>``): all ZEO clients must then share the same value.
Changing the secret invalidates the QR code of every printed card.
"""

import os
from plone import api
import secrets
from sirhp.content.content.badge import badge_setting
from sirhp.content.domain import badge as rules
from zope.annotation.interfaces import IAnnotations

ANNOTATION_KEY = "sirhp.badge.secret"
ENVIRONMENT_KEY = "SIRHP_BADGE_SECRET"
VERIFY_VIEW = "@@carte"


def ensure_secret(portal=None):
    """Create the secret once (install, upgrade); never on a public request."""
    annotations = IAnnotations(portal or api.portal.get())
    if not annotations.get(ANNOTATION_KEY):
        annotations[ANNOTATION_KEY] = secrets.token_bytes(32)


def get_secret():
    value = os.environ.get(ENVIRONMENT_KEY)
    if value:
        return value.encode("utf-8")
    return IAnnotations(api.portal.get()).get(ANNOTATION_KEY)


def public_base_url():
    configured = badge_setting("public_url")
    return (configured or api.portal.get().absolute_url()).rstrip("/")


def verification_url(badge):
    """The URL in the QR code: the public page with the signed token."""
    token = rules.sign(get_secret(), badge.verification_id)
    return f"{public_base_url()}/{VERIFY_VIEW}/{token}"
