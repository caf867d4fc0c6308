"""The policy's side of ``sirhp.content.base.hooks``: the journal and the
consultation reasons, for code below the audit feature (the domain API, the
shared file page of ``sirhp.policy.base``)."""

from sirhp.content.base.hooks import IActivityJournal
from sirhp.content.base.hooks import ISensitiveAccess
from sirhp.policy.audit import journal
from sirhp.policy.audit import reasons
from sirhp.policy.audit.api import log_event
from zope.interface import implementer


@implementer(IActivityJournal)
class ActivityJournal:
    def log(self, action, obj=None, request=None, raise_errors=False, **details):
        return log_event(
            action, obj=obj, request=request, raise_errors=raise_errors, **details
        )


@implementer(ISensitiveAccess)
class SensitiveAccess:
    def may_show(self, file, request, detail=""):
        """Own file or a reason given: journaled (the journal must be
        writable, else nothing is shown), then True."""
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
