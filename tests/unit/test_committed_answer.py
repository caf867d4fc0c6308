"""A change stored is answered as stored: the database going away right
after a COMMIT does not turn the commit into an error (``committed``)."""

import psycopg2
import pytest
from sirhp.policy.hardening import committed  # noqa: F401  (installs the wrap)
import transaction
from ZODB import DB
from ZODB.MappingStorage import MappingStorage


@pytest.fixture
def opened():
    db = DB(MappingStorage())
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    yield manager, connection
    vars(connection._storage).pop("poll_invalidations", None)
    manager.abort()
    connection.close()
    db.close()


def begin_change(manager, connection):
    manager.begin()
    connection.root()["n"] = 1


def fail_next_polls(connection, count):
    """The storage's next ``count`` polls raise as RelStorage does when
    PostgreSQL is gone."""
    storage = connection._storage
    original = storage.poll_invalidations
    left = [count]

    def poll():
        if left[0]:
            left[0] -= 1
            raise psycopg2.OperationalError("server closed the connection")
        return original()

    storage.poll_invalidations = poll
    return left


def test_commit_stands_when_the_poll_after_it_fails(opened):
    manager, connection = opened
    manager.begin()
    connection.root()["matricule"] = "100004P"
    left = fail_next_polls(connection, 1)
    manager.commit()  # raised OperationalError before the wrap
    assert left == [0]  # the failing poll did run, after the commit
    manager.begin()
    assert connection.root()["matricule"] == "100004P"
    # stored for every other connection too
    other = connection.db().open()
    assert other.root()["matricule"] == "100004P"
    other.close()


def test_the_next_transaction_still_sees_the_outage(opened):
    manager, connection = opened
    begin_change(manager, connection)
    fail_next_polls(connection, 2)
    manager.commit()
    # the next begin polls again: while the server is away it says so
    with pytest.raises(psycopg2.OperationalError):
        manager.begin()


def test_an_abort_keeps_its_errors(opened):
    manager, connection = opened
    begin_change(manager, connection)
    fail_next_polls(connection, 1)
    with pytest.raises(psycopg2.OperationalError):
        manager.abort()


def test_other_errors_of_a_commit_are_not_hidden(opened):
    manager, connection = opened
    begin_change(manager, connection)
    storage = connection._storage

    def poll():
        raise RuntimeError("not a disconnection")

    storage.poll_invalidations = poll
    with pytest.raises(RuntimeError):
        manager.commit()
