"""Document types (types de pièces): ``code|Libellé|sensibilité|conservation``.

The registry line format of ``sirhp.document_types`` is extended compatibly:
the two old fields are enough (sensitivity ``normal``, retention unlimited).

* sensitivity: ``normal`` or ``restricted`` (restricted documents are seen
  only by HR managers, auditors and the officer concerned);
* retention: a number of years (1 to 200) or empty / ``permanent``.
"""

from dataclasses import dataclass
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import TermSyntaxError

NORMAL = "normal"
RESTRICTED = "restricted"
SENSITIVITIES = (NORMAL, RESTRICTED)


@dataclass(frozen=True)
class DocumentType:
    code: str
    label: str
    sensitivity: str = NORMAL
    retention_years: int | None = None

    @property
    def restricted(self) -> bool:
        return self.sensitivity == RESTRICTED

    def line(self) -> str:
        retention = "" if self.retention_years is None else str(self.retention_years)
        return f"{self.code}|{self.label}|{self.sensitivity}|{retention}".rstrip("|")


def parse_document_types(lines) -> list[DocumentType]:
    """Parse the registry lines.

    :raises TermSyntaxError: bad code, label, sensitivity or retention.
    """
    result = []
    for term in parse_lines(lines):
        extra = list(term.extra) + ["", ""]
        sensitivity = (extra[0] or NORMAL).lower()
        if sensitivity not in SENSITIVITIES:
            raise TermSyntaxError(
                f"Sensibilité invalide « {extra[0]} » pour « {term.code} » : "
                "normal ou restricted"
            )
        retention_text = extra[1].lower()
        retention = None
        if retention_text not in ("", "permanent"):
            try:
                retention = int(retention_text)
            except ValueError:
                retention = 0
            if not 1 <= retention <= 200:
                raise TermSyntaxError(
                    f"Durée de conservation invalide « {extra[1]} » pour "
                    f"« {term.code} » : un nombre d'années (1 à 200) ou permanent"
                )
        result.append(DocumentType(term.code, term.label, sensitivity, retention))
    return result


def by_code(lines) -> dict[str, DocumentType]:
    return {item.code: item for item in parse_document_types(lines)}
