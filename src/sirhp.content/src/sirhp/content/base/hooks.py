"""What the domain API asks of the site policy, as component interfaces.

``sirhp.content`` never imports ``sirhp.policy``. Where a domain function
must journal an event or decide whether a sensitive value may be shown
(consultation reasons are the policy's), it asks a utility declared here;
``sirhp.policy`` provides them (``sirhp.policy.audit.hooks``). Without the
policy (``sirhp.content`` alone), nothing is journaled and no sensitive
value is shown: the safe default.
"""

from zope.component import getGlobalSiteManager
from zope.component import queryUtility
from zope.interface import Interface


class IActivityJournal(Interface):
    """The audit journal of the site."""

    def log(action, obj=None, request=None, raise_errors=False, **details):
        """Journal ``action`` (a ``sirhp.policy.audit.journal`` action name)
        on ``obj``; with ``raise_errors`` an unwritable journal raises (the
        caller then refuses what it was about to do)."""


class ISensitiveAccess(Interface):
    """Consultation reasons for sensitive (medical) data."""

    def may_show(file, request, detail=""):
        """True when the current user may be shown the sensitive values of
        ``file`` now (own file, or a consultation reason given); the
        consultation is journaled first. False when a reason is missing."""


def _utility(interface):
    """The site's utility, else the global one (the policy registers them in
    zcml; a site whose persistent registry was made on a base registry
    without the policy's, as in the test layers, still reaches them)."""
    utility = queryUtility(interface)
    if utility is None:
        utility = getGlobalSiteManager().queryUtility(interface)
    return utility


def journal(action, obj=None, request=None, raise_errors=False, **details):
    """Journal an event through the site's journal, if there is one."""
    utility = _utility(IActivityJournal)
    if utility is not None:
        utility.log(
            action, obj=obj, request=request, raise_errors=raise_errors, **details
        )


def may_show_sensitive(file, request, detail=""):
    """``ISensitiveAccess.may_show``; False without a site policy."""
    utility = _utility(ISensitiveAccess)
    return bool(utility is not None and utility.may_show(file, request, detail))
