"""Signed tokens (sirhp.content.base.token_rules): genuine, forged, malformed,
and a purpose never accepted for another."""

import re
from sirhp.content.badges import rules as badge_rules
from sirhp.content.base import token_rules as tokens

SECRET = b"s" * 32
PATTERN = re.compile(r"^[0-9a-f]{8}\.[A-Za-z0-9_-]{16}$")


def test_sign_and_verify():
    token = tokens.sign(SECRET, "deadbeef", purpose="x:")
    assert tokens.verify(SECRET, token, PATTERN, "0" * 8, purpose="x:") == "deadbeef"


def test_forged_malformed_other_secret_or_purpose_refused():
    token = tokens.sign(SECRET, "deadbeef", purpose="x:")
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (forged, token[:-2], "", None, "deadbeef", token + "."):
        assert tokens.verify(SECRET, bad, PATTERN, "0" * 8, purpose="x:") is None
    assert tokens.verify(b"t" * 32, token, PATTERN, "0" * 8, purpose="x:") is None
    assert tokens.verify(SECRET, token, PATTERN, "0" * 8, purpose="y:") is None


def test_badge_tokens_unchanged():
    """Printed cards keep working: a badge token is the plain signature."""
    vid = badge_rules.new_verification_id()
    assert badge_rules.sign(SECRET, vid) == tokens.sign(SECRET, vid)
    assert badge_rules.verify(SECRET, badge_rules.sign(SECRET, vid)) == vid
    # a certificate's purpose never makes a badge token
    other = tokens.sign(SECRET, vid, purpose="attestation:")
    assert badge_rules.verify(SECRET, other) is None
