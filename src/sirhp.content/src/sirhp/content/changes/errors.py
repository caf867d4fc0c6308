"""The refusals of the change-request API (importable from ``api``)."""

from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpForbidden


class ChangeError(SirhpError):
    """A refused change request (HTTP 400); nothing is stored."""


class ChangeForbidden(SirhpForbidden, ChangeError):
    """A field the current user may not propose or approve (HTTP 403).

    Also a ``ChangeError``: callers that catch any refusal catch it too.
    """
