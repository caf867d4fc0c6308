"""Recovery codes (*codes de secours*) of the second factor.

10 single-use codes (``XXXX-XXXX``, Crockford base32, 40 random bits each)
made at enrolment and on demand, shown once; the record keeps only their
PBKDF2-SHA256 hashes (one random salt per generation). Wherever a TOTP code
is asked after the password, a recovery code is accepted instead
(``totp.check_second_factor``), used up, and the journal records it.
"""

import hashlib
import hmac
import secrets
from sirhp.policy.audit import journal
from sirhp.policy.audit.api import queue_event
from sirhp.policy.login.totp_store import record as _record
import time

RECOVERY_COUNT = 10
RECOVERY_LENGTH = 8  # characters of Crockford base32: 40 bits
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I L O U
RECOVERY_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})
RECOVERY_ITERATIONS = 100_000  # PBKDF2-SHA256; one derivation per attempt


def normalise_recovery_code(code):
    """``abcd efgh``, ``ABCD-EFGH``, ``0`` for ``O``... -> ``ABCDEFGH``, or None."""
    if not isinstance(code, str):
        return None
    code = code.upper().replace("-", "").replace(" ", "").translate(RECOVERY_TYPOS)
    if len(code) != RECOVERY_LENGTH or not all(c in RECOVERY_ALPHABET for c in code):
        return None
    return code


def _recovery_hash(code, salt, iterations):
    return hashlib.pbkdf2_hmac(
        "sha256", code.encode("ascii"), bytes.fromhex(salt), iterations
    ).hex()


def new_recovery_codes(user_id, count=RECOVERY_COUNT):
    """New codes for an enrolled user (the old ones stop working).

    Returns the codes as shown to the user (``XXXX-XXXX``); only their
    hashes are stored.
    """
    record = _record(user_id)
    if record is None:
        raise ValueError(f"{user_id} has no second factor")
    codes = []
    while len(codes) < count:
        code = "".join(
            secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)
        )
        if code not in codes:
            codes.append(code)
    salt = secrets.token_hex(16)
    record["recovery_salt"] = salt
    record["recovery_iterations"] = RECOVERY_ITERATIONS
    record["recovery"] = tuple(
        _recovery_hash(code, salt, RECOVERY_ITERATIONS) for code in codes
    )
    record["recovery_created"] = time.time()
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def recovery_codes_left(user_id):
    record = _record(user_id)
    return len(record.get("recovery", ())) if record is not None else 0


def use_recovery_code(user_id, code):
    """True for one of the user's unused recovery codes, which is used up."""
    record = _record(user_id)
    code = normalise_recovery_code(code)
    if record is None or code is None or not record.get("recovery"):
        return False
    given = _recovery_hash(
        code, record["recovery_salt"], record.get("recovery_iterations", 1)
    )
    stored = record["recovery"]
    matches = [hmac.compare_digest(given, value) for value in stored]  # all compared
    if not any(matches):
        return False
    # a new tuple: the record changes, so two requests using the same code
    # at once conflict in the ZODB and the retry finds it gone
    record["recovery"] = tuple(
        value for value, match in zip(stored, matches, strict=True) if not match
    )
    return True


def log_codes_generated(request, user, reason):
    """Journal: new recovery codes (``reason``: enrolment or regeneration);
    written with the codes, in the same commit."""
    queue_event(
        journal.TOTP_CODES,
        request=request,
        user=user,
        user_id=user.getId(),
        detail={"count": recovery_codes_left(user.getId()), "why": reason},
    )


def log_recovery_used(request, user, channel):
    """Journal: a recovery code replaced the TOTP code (``channel``: web,
    api); written with the used code's removal, in the same commit."""
    queue_event(
        journal.TOTP_RECOVERY,
        request=request,
        user=user,
        user_id=user.getId(),
        detail={"channel": channel, "remaining": recovery_codes_left(user.getId())},
    )
