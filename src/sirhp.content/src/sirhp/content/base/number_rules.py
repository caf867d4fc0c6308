"""Numbers as SIRHP shows them: a decimal comma in French ("13,80",
"50,0 %"), a point in English ("13.80"); shared by the domains' pages.
What users type is read back the same way (``typed``: "14,5" is 14.5).
The values stored and sent over REST keep the point ("13.80"): this is
display only (``sirhp.policy.base.views.SirhpView.decimal`` picks the
reader's separator).
"""

from decimal import Decimal
from decimal import InvalidOperation

DASH = "—"  # a value that does not exist (no mark, no spread)
COMMA = ","  # French
POINT = "."  # English


def typed(text) -> str:
    """A number as a user typed it, ready to parse: spaces around removed,
    a French decimal comma made a point (" 14,5 " -> "14.5"). Any other
    text comes back as it is, for the caller's check to refuse."""
    return str(text).strip().replace(COMMA, POINT)


def separator_for(language) -> str:
    """The decimal separator of a language code (``request["LANGUAGE"]``):
    a point in English, a comma otherwise (French first)."""
    return POINT if str(language or "").startswith("en") else COMMA


def _decimal(value):
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def decimal_text(value, places=None, empty=DASH, separator=COMMA):
    """``value`` as the page shows it.

    :param value: a number or its text (``"13.80"``, ``13.8``, ``Decimal``).
    :param places: decimals shown (rounded); None keeps the value's own
        (a stored ``"13.80"`` stays ``"13,80"``).
    :param empty: what None, ``""`` or a text that is no number shows.
    :param separator: the decimal separator (``COMMA``, ``POINT``).
    :returns: ``"13,80"``, ``"12"``, ``empty``.
    """
    if value is None or value == "":
        return empty
    number = _decimal(value)
    if number is None or not number.is_finite():
        return empty
    text = format(number, "f" if places is None else f".{places}f")
    return text.replace(".", separator)


def percent_text(share, places=1, empty=DASH, separator=COMMA):
    """A share (0.5) as a percentage (``"50,0 %"`` with one place, ``"50 %"``
    with none); None shows ``empty``."""
    number = None if share is None else _decimal(share)
    if number is None or not number.is_finite():
        return empty
    return f"{decimal_text(number * 100, places, separator=separator)} %"
