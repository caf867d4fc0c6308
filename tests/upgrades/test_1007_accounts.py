"""Upgrade for the authentication findings of the penetration test: an existing site
gets "Allow sendto" and the "Contact" action closed, 24-hour reset links
(the older ones dropped), revocable sessions, disabled accounts' sessions
ended."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.keyring.interfaces import IKeyManager
from sirhp.policy.login import accounts
from sirhp.policy.login import sessions
from sirhp.policy.upgrades.v1007_accounts import upgrade
import transaction
from zope.component import getUtility


def _previous_state(portal, testdata):
    """What a site installed before looks like."""
    portal.manage_permission(
        "Allow sendto", ["Manager", "Site Administrator", "Member"], acquire=True
    )
    portal.portal_actions.site_actions.contact.visible = True
    tool = portal.portal_password_reset
    tool._timedelta = 7
    tool.requestReset("clerk.pn")
    session = sessions.session_plugin()
    session.per_user_keyring = False
    jwt = sessions.jwt_plugin()
    jwt.store_tokens = False
    jwt._tokens = None
    # an officer archived before: disabled, but no secret of his own yet
    officer = testdata.FILES["pn_validated"]
    accounts._set(accounts.DISABLED, create=True).add(officer)
    manager = getUtility(IKeyManager)
    ring = session._getSecretKey(officer)
    if ring in manager:
        del manager[ring]
    return officer, ring


def test_upgrade_accounts(portal, testdata):
    with api.env.adopt_user(SITE_OWNER_NAME):
        officer, ring = _previous_state(portal, testdata)
        assert api.user.has_permission("Allow sendto", username="clerk.pn", obj=portal)
        upgrade(portal.portal_setup)
        upgrade(portal.portal_setup)  # re-runnable
    assert not api.user.has_permission("Allow sendto", username="clerk.pn", obj=portal)
    assert api.user.has_permission("Allow sendto", username="siteadmin", obj=portal)
    assert not portal.portal_actions.site_actions.contact.visible
    tool = portal.portal_password_reset
    assert tool.getExpirationTimeout() == 1
    assert len(tool._requests) == 0
    assert sessions.session_plugin().per_user_keyring
    jwt = sessions.jwt_plugin()
    assert jwt.store_tokens and jwt._tokens is not None
    assert ring in getUtility(IKeyManager)  # old cookies of the officer void
    transaction.abort()
