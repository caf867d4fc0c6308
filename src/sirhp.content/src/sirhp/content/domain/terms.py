"""Parsing of HR-editable vocabulary lines (``code|Libellé|extra...``)."""

from dataclasses import dataclass
from dataclasses import field
import re

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    extra: tuple = field(default_factory=tuple)


class TermSyntaxError(ValueError):
    """A vocabulary line is not ``code|Libellé``."""


def parse_line(line: str) -> Term:
    """Parse one ``code|Libellé[|extra...]`` line.

    :raises TermSyntaxError: the code is missing, malformed or the label empty.
    """
    parts = [part.strip() for part in (line or "").split("|")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise TermSyntaxError(f"Ligne invalide « {line} » : attendu code|Libellé")
    code = parts[0]
    if not CODE_RE.match(code):
        raise TermSyntaxError(
            f"Code invalide « {code} » : minuscules, chiffres, point, tiret (64 max.)"
        )
    return Term(code=code, label=parts[1], extra=tuple(parts[2:]))


def parse_lines(lines) -> list[Term]:
    """Parse every non-empty line; duplicate codes are an error."""
    terms = []
    seen = set()
    for line in lines or ():
        if not (line or "").strip():
            continue
        term = parse_line(line)
        if term.code in seen:
            raise TermSyntaxError(f"Code en double « {term.code} »")
        seen.add(term.code)
        terms.append(term)
    return terms
