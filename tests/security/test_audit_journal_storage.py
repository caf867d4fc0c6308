"""The journal's storage: append-only, hash chain, restart, trusted proxies."""

import pytest
from sirhp.policy.audit import db
from sirhp.policy.audit import journal as journal_module
from sirhp.policy.audit.journal import Journal
from sirhp.policy.audit.network import client_address
import sqlite3
import threading


@pytest.fixture
def journal(tmp_path):
    return Journal(str(tmp_path / "audit.sqlite"))


def test_append_and_query(journal):
    first = journal.append("view", user_id="clerk.pn", matricule="100001J")
    second = journal.append("download", user_id="auditor", matricule="100002Q")
    assert (first, second) == (1, 2)
    assert [e["action"] for e in journal.query()] == ["download", "view"]
    assert journal.query(matricule="100001J")[0]["user_id"] == "clerk.pn"
    assert journal.count(action=["view", "download"]) == 2
    assert journal.count(user_id="nobody") == 0


def test_unknown_action_or_field_refused(journal):
    with pytest.raises(ValueError):
        journal.append("erase")
    with pytest.raises(TypeError):
        journal.append("view", hash="x")


def test_survives_a_restart(journal):
    journal.append("view", user_id="clerk.pn")
    head = journal.head()
    db.close_all()  # as when Zope stops
    reopened = Journal(journal.path)
    assert reopened.count() == 1
    assert reopened.head() == head
    reopened.append("view", user_id="auditor")
    assert reopened.verify().ok
    assert reopened.verify().checked == 2


def test_sql_update_and_delete_refused(journal):
    journal.append("view", user_id="clerk.pn")
    connection = journal.connection
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("UPDATE audit_events SET user_id = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM audit_events")
    assert journal.query()[0]["user_id"] == "clerk.pn"


def _tamper(journal, sql):
    """What an attacker with the file could do: drop the guards and edit."""
    connection = sqlite3.connect(journal.path, isolation_level=None)
    connection.execute("DROP TRIGGER audit_events_no_update")
    connection.execute("DROP TRIGGER audit_events_no_delete")
    connection.execute(sql)
    connection.close()


def test_verify_detects_an_edited_row(journal):
    for user in ("a", "b", "c", "d"):
        journal.append("view", user_id=user)
    assert journal.verify().ok
    _tamper(journal, "UPDATE audit_events SET user_id = 'z' WHERE id = 2")
    result = journal.verify()
    assert not result.ok
    assert result.first_bad_id == 2


def test_verify_detects_a_removed_row(journal):
    for user in ("a", "b", "c"):
        journal.append("view", user_id=user)
    _tamper(journal, "DELETE FROM audit_events WHERE id = 2")
    result = journal.verify()
    assert not result.ok and result.first_bad_id == 3


def test_verify_detects_truncation_against_an_anchor(journal):
    journal.append("view", user_id="a")
    journal.append("view", user_id="b")
    anchor = journal.head()
    _tamper(journal, "DELETE FROM audit_events WHERE id = 2")
    assert journal.verify().ok  # the chain alone cannot see it
    assert not journal.verify(expected_head=anchor).ok


def test_concurrent_appends_keep_the_chain(journal):
    errors = []

    def work(n):
        try:
            for i in range(25):
                Journal(journal.path).append("view", user_id=f"u{n}", detail=str(i))
        except Exception as error:  # a thread's error is otherwise lost
            errors.append(repr(error))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = journal.verify()
    assert result.ok and result.checked == 200


def test_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(db.ENV_VARIABLE, str(tmp_path / "x.sqlite"))
    assert journal_module.get_journal().path == str(tmp_path / "x.sqlite")


class FakeRequest:
    def __init__(self, peer, forwarded=None):
        self.environ = {"REMOTE_ADDR": peer}
        if forwarded:
            self.environ["HTTP_X_FORWARDED_FOR"] = forwarded


def test_forwarded_for_ignored_from_untrusted_peer():
    request = FakeRequest("203.0.113.9", "10.1.1.1")
    assert client_address(request, proxies=[]) == "203.0.113.9"
    assert client_address(request, proxies=["192.0.2.1"]) == "203.0.113.9"


def test_forwarded_for_read_from_trusted_proxy():
    request = FakeRequest("192.0.2.1", "198.51.100.7, 10.0.0.5")
    # 10.0.0.0/8 is our inner proxy too: the client is the first other hop
    assert (
        client_address(request, proxies=["192.0.2.0/24", "10.0.0.0/8"])
        == "198.51.100.7"
    )
    # a client cannot pass itself off with a forged first hop
    forged = FakeRequest("192.0.2.1", "127.0.0.1, 198.51.100.7")
    assert client_address(forged, proxies=["192.0.2.1"]) == "198.51.100.7"
    garbage = FakeRequest("192.0.2.1", "<script>")
    assert client_address(garbage, proxies=["192.0.2.1"]) == "192.0.2.1"
