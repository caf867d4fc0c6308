"""Document types with their sensitivity and retention, from the registry."""

from plone.registry.interfaces import IRegistry
from sirhp.content import logger
from sirhp.content.domain.document_types import by_code
from sirhp.content.domain.document_types import DocumentType
from sirhp.content.domain.terms import TermSyntaxError
from zope.component import queryUtility

RECORD = "sirhp.document_types"


def document_types() -> dict[str, DocumentType]:
    registry = queryUtility(IRegistry)
    if registry is None:
        return {}
    try:
        return by_code(registry.get(RECORD) or [])
    except TermSyntaxError as exc:  # pragma: no cover - guarded by the form
        logger.error("Vocabulary %s is broken: %s", RECORD, exc)
        return {}


def is_restricted(code) -> bool:
    """Unknown codes are normal; a broken vocabulary restricts nothing new."""
    info = document_types().get(code or "")
    return bool(info and info.restricted)
