"""The site policy's side of ``sirhp.content.base.hooks``: the domain API
journals and asks for consultation reasons through these utilities, never
by importing the policy."""

from sirhp.content.base.hooks import IActivityJournal
from sirhp.content.base.hooks import ISensitiveAccess
from sirhp.policy.audit import journal
from sirhp.policy.audit import reasons
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.api import queue_event
from zope.interface import implementer


@implementer(IActivityJournal)
class ActivityJournal:
    """The audit journal.

    A line asked with ``raise_errors`` is written at once: its caller
    refuses what it was about to do (an export written outside the ZODB)
    when the journal cannot be written. Every other line records a change
    of this transaction (careers applied, a tableau built or published, a
    session closed, a campaign opened, an export answered): it is queued
    and written in the commit, so the change and its line are stored
    together or not at all.
    """

    def log(self, action, obj=None, request=None, raise_errors=False, **details):
        if raise_errors:
            return log_event(
                action, obj=obj, request=request, raise_errors=True, **details
            )
        return queue_event(action, obj=obj, request=request, **details)


@implementer(ISensitiveAccess)
class SensitiveAccess:
    """Consultation reasons (``reasons.sensitive_access``): the sensitive
    values of a file are shown on the officer's own file or with a reason,
    and that consultation is journaled first; if the journal cannot be
    written, the error propagates and nothing is shown."""

    def may_show(self, file, request, detail=""):
        state, reason = reasons.sensitive_access(file, request)
        if state not in (reasons.OWN, reasons.GRANTED):
            return False
        log_event(
            journal.VIEW_SENSITIVE,
            obj=file,
            request=request,
            reason=reasons.format_reason(reason),
            detail=detail,
            raise_errors=True,
        )
        return True
