"""Lines journaled through ``sirhp.content.base.hooks.journal`` share the
outcome of the change they record: queued on the transaction, written in
its commit; an unwritable journal refuses the change (nothing stored). A
login the journal cannot record is refused (503, no session ticket)."""

import os
import pytest
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy.audit import db
from sirhp.policy.audit.journal import EVALUATION_OPENED
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.audit.unavailable import JournalUnavailable
from sirhp.policy.login import subscribers
from tests.evaluation.campaigns import new_campaign
import transaction
from types import SimpleNamespace
from zope.interface import directlyProvides
from ZPublisher.interfaces import IPubSuccess


def _evaluations(portal, campaign):
    transaction.begin()  # see the last commit
    return len(
        portal.portal_catalog.unrestrictedSearchResults(
            portal_type="Evaluation", getId=evaluation_api.evaluation_id(campaign)
        )
    )


@pytest.fixture
def campaign(functional):
    portal = functional["portal"]
    campaign = new_campaign(portal)
    transaction.commit()
    return campaign


def test_opening_refused_when_its_line_cannot_be_written(functional, campaign):
    portal = functional["portal"]
    path = os.environ[db.ENV_VARIABLE]
    db.connect(path)  # the file and its schema exist
    before = get_journal().count(action=EVALUATION_OPENED)
    os.environ[db.ENV_VARIABLE] = f"file:{path}?mode=ro"
    try:
        assert evaluation_api.open_campaign(campaign=campaign) >= 2
        with pytest.raises(JournalUnavailable):
            transaction.commit()
    finally:
        transaction.abort()
        os.environ[db.ENV_VARIABLE] = path
    assert _evaluations(portal, campaign) == 0  # nothing stored
    assert get_journal().count(action=EVALUATION_OPENED) == before


def test_opening_and_its_line_committed_together(functional, campaign):
    portal = functional["portal"]
    before = get_journal().count(action=EVALUATION_OPENED)
    count = evaluation_api.open_campaign(campaign=campaign)
    assert get_journal().count(action=EVALUATION_OPENED) == before  # queued
    transaction.commit()
    assert _evaluations(portal, campaign) == count
    events = get_journal().query(action=EVALUATION_OPENED, limit=1)
    assert get_journal().count(action=EVALUATION_OPENED) == before + 1
    assert f"{count} évaluation(s)" in events[0]["detail"]


class Response:
    def __init__(self):
        self.expired = []

    def expireCookie(self, name, **kw):
        self.expired.append(name)


def test_login_refused_when_it_cannot_be_journaled(monkeypatch):
    def unwritable(*args, **kwargs):
        raise OSError("read-only journal")

    monkeypatch.setattr(subscribers, "log_event", unwritable)
    request = SimpleNamespace(response=Response())
    event = SimpleNamespace(request=request)
    directlyProvides(event, IPubSuccess)
    with pytest.raises(JournalUnavailable) as raised:
        subscribers._journal_login(event, "clerk.pn", "api")
    assert "la connexion est refusée" in raised.value.message.default
    assert request.response.expired == [subscribers.SESSION_COOKIE]
