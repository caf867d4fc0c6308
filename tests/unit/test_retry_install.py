"""A write conflict is published again; a database out of reach is not
(``sirhp.policy.hardening.retry``)."""

import io
from pathlib import Path
import psycopg2
import pytest
from relstorage.storage.interfaces import StorageDisconnectedDuringCommit
from sirhp.policy.hardening import retry  # noqa: F401  (installs the wrap)
from ZEO.Exceptions import ClientDisconnected
from ZODB.POSException import ConflictError
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def request_():
    environ = {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_METHOD": "GET"}
    request = HTTPRequest(io.BytesIO(), environ, HTTPResponse())
    request.retry_max_count = 7  # instance/zope.conf.in
    return request


def asked_while_handling(request, error):
    try:
        raise error
    except Exception:
        return request.supports_retry()


def test_conflict_retried_up_to_the_limit(request_):
    assert asked_while_handling(request_, ConflictError()) is True
    request_.retry_count = 7
    assert asked_while_handling(request_, ConflictError()) is False


@pytest.mark.parametrize(
    "error",
    [
        ClientDisconnected("gone"),
        psycopg2.OperationalError("server closed"),
        StorageDisconnectedDuringCommit(),
    ],
    ids=["zeo", "postgresql", "relstorage-during-commit"],
)
def test_database_out_of_reach_never_retried(request_, error):
    assert request_.retry_count == 0
    assert asked_while_handling(request_, error) is False


def test_never_retried_once_the_journal_committed(request_):
    """The second phase of the commit began (the journal's lines are
    COMMITted): the change may be stored, so even a conflict is not
    published again, and the 503 for a lost database says "peut-être"."""
    from sirhp.policy.audit.unavailable import SECOND_PHASE
    from sirhp.policy.hardening.disconnected import message_for
    from sirhp.policy.hardening.disconnected import MSG_DATABASE_IN_DOUBT

    assert asked_while_handling(request_, ConflictError()) is True
    request_.environ[SECOND_PHASE] = True
    assert asked_while_handling(request_, ConflictError()) is False
    assert message_for(request_.environ) == MSG_DATABASE_IN_DOUBT


def test_outside_a_failure_the_count_decides(request_):
    assert request_.supports_retry() is True
    request_.retry_count = 7
    assert request_.supports_retry() is False


def test_the_instance_retries_a_conflict_seven_times():
    conf = (ROOT / "instance" / "zope.conf.in").read_text()
    assert "\nmax-conflict-retries 7\n" in conf


def test_pauses_double_then_stay_at_four_seconds():
    assert [retry.pause(n) for n in range(8)] == [1, 2, 4, 4, 4, 4, 4, 4]
    # seven tries wait less at worst than Zope's five (1 + 2 + 4 + 8 + 16)
    assert sum(retry.pause(n) for n in range(7)) == 23 < 31


def test_the_request_pauses_within_the_cap(request_, monkeypatch):
    slept, bounds = [], []
    monkeypatch.setattr(retry.time, "sleep", slept.append)
    monkeypatch.setattr(
        retry.random, "uniform", lambda a, b: bounds.append((a, b)) or b
    )
    for count in (0, 2, 6):
        request_.retry_count = count
        request_.delay_retry()
    assert bounds == [(0, 1.0), (0, 4.0), (0, 4.0)]
    assert slept == [1.0, 4.0, 4.0]


def test_installed_once():
    retry.install()
    wrapped = HTTPRequest.supports_retry
    assert not getattr(wrapped.__wrapped__, "_sirhp_no_retry_when_disconnected", False)
