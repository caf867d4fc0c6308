"""Rules of the badge domain: card numbers, tokens, validity, print layouts
(the ID photo's are ``photo_rules.py``). Pure functions, no Zope or Plone
import (tests/unit/test_badge_rules.py); the card PDF is ``card.py``;
``api.py`` calls them.

- The card number is random (not derived from the matricule), in Crockford
  base 32 (no I, L, O, U: nothing to confuse when read aloud), with a check
  character so a mistyped number is recognised as such.
- The QR code carries a verification token, not the card number: a random
  verification id and an HMAC-SHA256 of it under the site's secret. Without
  the secret nobody can forge a token; a token reveals nothing of the card.
"""

from datetime import date
from datetime import timedelta
import re
import secrets
from sirhp.content.agencies.rules import SHORT_NAME_PATTERN
from sirhp.content.base import token_rules as tokens

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32
CARD_BODY_LENGTH = 8
# "PN-7K3M-Q9XD-5" : agency code (its short name), two groups of four,
# check character.
CARD_NUMBER_RE = re.compile(
    rf"^({SHORT_NAME_PATTERN})-[0-9A-HJKMNP-TV-Z]{{4}}-[0-9A-HJKMNP-TV-Z]{{4}}"
    r"-[0-9A-HJKMNP-TV-Z]$"
)

VERIFICATION_ID_BYTES = 12  # 96 random bits
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}$")

# States of the badge workflow (sirhp_badge_workflow).
ACTIVE_STATES = ("requested", "printed", "issued")
CARRIED_STATES = ("printed", "issued")  # a physical card exists

# What the public verification answers.
VALID = "valid"
EXPIRED = "expired"
REVOKED = "revoked"
UNKNOWN = "unknown"

REQUEST_REASONS = ("first", "renewal", "replacement", "change")
REVOCATION_REASONS = ("lost", "stolen", "departure", "reissue", "damaged", "other")

# The code of a card outside any agency (CARD_NUMBER_RE); an agency's is
# its short name.
DEFAULT_AGENCY_CODE = "PN"

# Print batches: one PDF of at most MAX_BATCH cards, in one of these layouts
# ("card": CR80 pages for card printers; "a4": sheets of 10 with cut marks).
PRINT_LAYOUTS = ("card", "a4")
MAX_BATCH = 500


def _check_character(body: str) -> str:
    total = sum((index + 1) * ALPHABET.index(char) for index, char in enumerate(body))
    return ALPHABET[total % 31]


def agency_code(short_name: str | None) -> str:
    """The code opening the card numbers of an agency: its short name when
    it is one a card number may carry, else ``PN``."""
    if short_name and re.fullmatch(SHORT_NAME_PATTERN, short_name):
        return short_name
    return DEFAULT_AGENCY_CODE


def new_card_number(agency_code: str, randbelow=secrets.randbelow) -> str:
    """A fresh random card number such as ``PN-7K3M-Q9XD-5``."""
    body = "".join(ALPHABET[randbelow(32)] for _ in range(CARD_BODY_LENGTH))
    check = _check_character(body)
    return f"{agency_code}-{body[:4]}-{body[4:]}-{check}"


def normalize_card_number(text: str) -> str:
    """The canonical form of a typed card number (spaces, case, O/I/L)."""
    text = (text or "").strip().upper().replace(" ", "")
    prefix, _, rest = text.partition("-")
    rest = rest.replace("-", "")
    rest = rest.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(rest) != CARD_BODY_LENGTH + 1:
        return text
    return f"{prefix}-{rest[:4]}-{rest[4:8]}-{rest[8]}"


def is_valid_card_number(text: str) -> bool:
    """Well formed and its check character matches."""
    if not text or not CARD_NUMBER_RE.fullmatch(text):
        return False
    body = text.split("-", 1)[1].replace("-", "")
    return _check_character(body[:CARD_BODY_LENGTH]) == body[CARD_BODY_LENGTH]


def new_verification_id() -> str:
    return tokens.b64(secrets.token_bytes(VERIFICATION_ID_BYTES))


def sign(secret: bytes, verification_id: str) -> str:
    """The token printed in the QR code: ``<verification id>.<signature>``."""
    return tokens.sign(secret, verification_id)


def verify(secret: bytes, token: str) -> str | None:
    """The verification id of a genuine token, else ``None`` (the same work
    for every input: ``base.token_rules.verify``)."""
    return tokens.verify(secret, token, TOKEN_RE, placeholder="A" * 16)


def effective_status(state: str, expiry_date: date | None, today: date) -> str:
    """What the public sees for a badge in workflow ``state``."""
    if state == "revoked":
        return REVOKED
    if state == "expired":
        return EXPIRED
    if state in CARRIED_STATES:
        if expiry_date is not None and expiry_date < today:
            return EXPIRED
        return VALID
    return UNKNOWN  # requested: no card exists yet


def expiry_for(issue_date: date, years: int) -> date:
    """The last day of validity: the day before the anniversary."""
    try:
        anniversary = issue_date.replace(year=issue_date.year + years)
    except ValueError:  # 29 February
        anniversary = issue_date.replace(year=issue_date.year + years, day=28)
    return anniversary - timedelta(days=1)


def is_print_layout(layout) -> bool:
    """The one rule on a print layout: one of ``PRINT_LAYOUTS``."""
    return isinstance(layout, str) and layout in PRINT_LAYOUTS


def is_batch_size(count: int) -> bool:
    """A batch prints between 1 and ``MAX_BATCH`` cards."""
    return 1 <= count <= MAX_BATCH
