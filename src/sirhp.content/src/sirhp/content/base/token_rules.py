"""Signed tokens for public checks (a badge's QR code, a certificate's):
``<payload>.<signature>``, the signature an HMAC-SHA256 of the payload under
the site's secret. Pure: no Zope import (tests/unit/test_token_rules.py).

A ``purpose`` is signed with the payload, so that a token made for one kind
of check (a training certificate) is never accepted by another (a badge).
"""

import base64
import hashlib
import hmac

SIGNATURE_BYTES = 12  # 96 bits of HMAC-SHA256: enough against forgery online


def b64(data: bytes) -> str:
    """URL-safe base 64 without padding."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def signature(secret: bytes, payload: str, purpose: str = "") -> str:
    """The signature of ``payload`` (ASCII) for ``purpose``."""
    message = f"{purpose}{payload}".encode("ascii")
    return b64(hmac.new(secret, message, hashlib.sha256).digest()[:SIGNATURE_BYTES])


def sign(secret: bytes, payload: str, purpose: str = "") -> str:
    """The token: ``<payload>.<signature>``."""
    return f"{payload}.{signature(secret, payload, purpose)}"


def verify(secret: bytes, token: str, pattern, placeholder: str, purpose: str = ""):
    """The payload of a genuine token, else ``None``.

    ``pattern`` (a compiled regular expression) is the whole token's shape;
    a malformed token is checked as ``placeholder`` with a dummy signature,
    so a forged or truncated token costs as much as a true one (one HMAC,
    one constant-time comparison).
    """
    token = token or ""
    well_formed = bool(pattern.fullmatch(token))
    payload, _, signed = token.partition(".")
    if not well_formed:
        payload, signed = placeholder, "B" * 16
    expected = signature(secret, payload, purpose)
    genuine = hmac.compare_digest(expected.encode(), signed.encode())
    return payload if (genuine and well_formed) else None
