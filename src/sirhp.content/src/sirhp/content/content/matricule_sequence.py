"""The matricule sequence of an agency: new files (admissions of a concours)
get the next free matricule of the agency's block.

A matricule is six digits and a letter (``domain.personnel``); the letter is
the key of the number (``matricule_of``, the rule of the demo data). Each
agency owns the numbers that start with its ``matricule_prefix`` ("1" for
the Police nationale: 100000-199999); ``matricule_next`` is the next number
to try. Numbers already on a file, in any agency, are skipped.

Concurrency: the next number is stored on the agency object itself, so two
allocations in parallel transactions both write it and the second conflicts
at commit; Zope's publisher retries that request, which then reads the new
number. No counter with conflict resolution (``BTrees.Length``) here: it
would merge both writes and hand out one matricule twice.
"""

from Acquisition import aq_base
from plone import api
from sirhp.content import _
from sirhp.content import logger
from sirhp.content.base.errors import SirhpError
from sirhp.content.content.matricule import matricule_taken
from zope.i18nmessageid import Message

DIGITS = 6
PREFIX = "matricule_prefix"
NEXT = "matricule_next"

MSG_NO_PREFIX = _(
    "error_matricule_no_prefix",
    default="L'agence ${agency} n'a pas de préfixe de matricule : un "
    "administrateur du site doit le renseigner.",
)
MSG_EXHAUSTED = _(
    "error_matricule_exhausted",
    default="Plus aucun matricule libre commençant par ${prefix} dans "
    "l'agence ${agency} : un administrateur du site doit changer le préfixe.",
)


class MatriculeSequenceError(SirhpError):
    """The agency cannot hand out a matricule (HTTP 400)."""


def matricule_of(number: int) -> str:
    """The matricule of ``number``: six digits and their key letter."""
    return f"{number:0{DIGITS}d}{chr(65 + (number * 7) % 26)}"


def number_of(matricule: str):
    """The six-digit number of a matricule, or None."""
    digits = (matricule or "")[:DIGITS]
    return int(digits) if len(digits) == DIGITS and digits.isdigit() else None


def block(prefix: str) -> range:
    """The numbers of the agency whose matricules start with ``prefix``
    (``0`` left out: no matricule 000000)."""
    width = 10 ** (DIGITS - len(prefix))
    start = int(prefix) * width
    return range(max(start, 1), start + width)


def _taken_from(numbers: range) -> set:
    """The numbers of ``numbers`` already on a file of any agency (one
    unrestricted catalog range query: yes/no, no object handed out)."""
    if not numbers:
        return set()
    catalog = api.portal.get_tool("portal_catalog")
    low, high = f"{numbers.start:0{DIGITS}d}", f"{numbers.stop - 1:0{DIGITS}d}Z"
    found = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        matricule={"query": (low, high), "range": "min:max"},
    )
    return {number_of(brain.matricule) for brain in found} - {None}


def highest_taken(prefix: str):
    """The highest number of the block of ``prefix`` on a file, or None."""
    taken = _taken_from(block(prefix))
    return max(taken) if taken else None


def _name(agency):
    return getattr(agency, "short_name", None) or agency.getId()


def next_matricule(agency) -> str:
    """Allocate the next free matricule of ``agency`` and move its sequence
    past it (see the module's docstring on concurrency). The caller checks
    that the user may add the file.

    :param agency: an Agency with a ``matricule_prefix``.
    :returns: the matricule, free in every agency.
    :raises MatriculeSequenceError: no prefix, or no free number left.
    """
    prefix = getattr(aq_base(agency), PREFIX, None)
    if not prefix:
        raise MatriculeSequenceError(
            Message(MSG_NO_PREFIX, mapping={"agency": _name(agency)})
        )
    numbers = block(prefix)
    start = max(getattr(aq_base(agency), NEXT, None) or numbers.start, numbers.start)
    remaining = numbers[numbers.index(start) :] if start in numbers else range(0)
    taken = _taken_from(remaining)
    for number in remaining:
        value = matricule_of(number)
        if number in taken or agency.hasObject(value) or matricule_taken(value):
            continue
        setattr(agency, NEXT, number + 1)
        return value
    raise MatriculeSequenceError(
        Message(MSG_EXHAUSTED, mapping={"prefix": prefix, "agency": _name(agency)})
    )


def ensure_sequence(agency, prefix):
    """Give ``agency`` its matricule sequence when it has none: ``prefix``
    unless one is set, and the next number after the highest on a file (the
    install and the upgrade call this; re-runnable, never moves it back).

    :param agency: an Agency.
    :param prefix: the default prefix (digits).
    :returns: ``(prefix, next)`` now stored.
    """
    prefix = getattr(aq_base(agency), PREFIX, None) or prefix
    highest = highest_taken(prefix)
    first = highest + 1 if highest is not None else block(prefix).start
    current = getattr(aq_base(agency), NEXT, None)
    following = max(current or 0, first)
    if (prefix, following) != (getattr(aq_base(agency), PREFIX, None), current):
        setattr(agency, PREFIX, prefix)
        setattr(agency, NEXT, following)
        logger.info(
            "matricule sequence of %s: prefix %s, next %s",
            agency.getId(),
            prefix,
            following,
        )
    return prefix, following
