"""The journal fails closed: a change that cannot be journaled is not
stored, a consultation that cannot be journaled is not shown, a login whose
failure cannot be counted is refused."""

import os
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.policy.audit import db
from sirhp.policy.audit import transactional
from sirhp.policy.audit.health import journal_health
from sirhp.policy.audit.journal import Journal
from sirhp.policy.audit.unavailable import JournalUnavailable
from sirhp.policy.login import throttle
from tests.security.audit_helpers import JSON
import transaction
from types import SimpleNamespace
import ZODB
from ZODB.FileStorage import FileStorage

FRENCH_503 = "Le journal d'audit ne peut pas être écrit : la modification n'a pas été enregistrée."
READ_503 = "Le journal d'audit ne peut pas être écrit : la consultation est refusée."


def event(uid):
    return {"action": "modify", "uid": uid, "user_id": "test"}


@pytest.fixture
def zodb(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield database
    transaction.abort()
    database.close()


def read_only(path):
    return f"file:{path}?mode=ro"


def change(database, journal, key, value):
    connection = database.open()
    try:
        connection.root()[key] = value
        manager = transactional.data_manager()
        manager.journal = journal
        transactional.queue(event(key), ("modify", key))
        transaction.commit()
    finally:
        transaction.abort()
        connection.close()


def stored(database):
    connection = database.open()
    try:
        return dict(connection.root())
    finally:
        connection.close()


def test_lines_written_with_the_change_in_one_sqlite_transaction(zodb, tmp_path):
    journal = Journal(str(tmp_path / "audit.sqlite"))
    connection = zodb.open()
    connection.root()["a"] = 1
    for uid in ("a", "b", "c"):
        transactional.queue(event(uid), ("modify", uid))
    transactional.queue(event("a"), ("modify", "a"))  # once per key
    transactional.data_manager().journal = journal
    transaction.commit()
    connection.close()
    assert [e["uid"] for e in journal.query()] == ["c", "b", "a"]
    assert journal.verify().ok
    assert stored(zodb) == {"a": 1}


def test_vote_failure_aborts_the_zodb(zodb, tmp_path):
    path = tmp_path / "audit.sqlite"
    Journal(str(path)).append("modify", uid="before")
    with pytest.raises(JournalUnavailable) as raised:
        change(zodb, Journal(read_only(path)), "x", 1)
    assert raised.value.status == 503
    assert FRENCH_503 in raised.value.text()
    assert stored(zodb) == {}
    assert [e["uid"] for e in Journal(str(path)).query()] == ["before"]


class FailingVote:
    """A resource voting after the ZODB and failing (a ZODB conflict alike)."""

    transaction_manager = transaction.manager

    def sortKey(self):
        return "\uffff"

    def abort(self, txn):
        pass

    tpc_begin = commit = tpc_finish = tpc_abort = abort

    def tpc_vote(self, txn):
        raise RuntimeError("vote refused")


def test_a_failure_after_the_journal_commit_is_answered_in_doubt(zodb, tmp_path):
    """The journal COMMITs first; the ZODB's own finish then fails (its
    database stopped during the COMMIT): whether the change was stored is
    unknown, and the 503 says so instead of "n'a pas été traitée"."""
    from sirhp.policy.audit.unavailable import SECOND_PHASE
    from sirhp.policy.hardening.disconnected import message_for
    from sirhp.policy.hardening.disconnected import MSG_DATABASE_IN_DOUBT
    from sirhp.policy.hardening.disconnected import MSG_DATABASE_UNAVAILABLE
    from zope.globalrequest import clearRequest
    from zope.globalrequest import setRequest

    environ = {}
    assert message_for(environ) == MSG_DATABASE_UNAVAILABLE
    setRequest(SimpleNamespace(environ=environ))
    try:
        change(zodb, Journal(str(tmp_path / "audit.sqlite")), "a", 1)
    finally:
        clearRequest()
    assert environ == {SECOND_PHASE: True}
    assert message_for(environ) == MSG_DATABASE_IN_DOUBT
    # a refused vote never gets there
    environ = {}
    path = tmp_path / "ro.sqlite"
    Journal(str(path))
    setRequest(SimpleNamespace(environ=environ))
    try:
        with pytest.raises(JournalUnavailable):
            change(zodb, Journal(read_only(path)), "b", 2)
    finally:
        clearRequest()
    assert environ == {}


def test_the_wsgi_environ_is_marked_too(zodb, tmp_path):
    """ZPublisher's request works on a cleaned copy of the WSGI environ. A
    database failure after the journal's COMMIT may escape Zope (the abort
    after the exception view fails too) and be answered by the WSGI filter,
    which sees the original: it must say "peut-être enregistrée" too, not
    "n'a pas été traitée" for a change that may be stored."""
    from io import BytesIO
    import json
    from sirhp.policy.hardening.wsgi_unavailable import filter_factory
    from ZEO.Exceptions import ClientDisconnected
    from zope.globalrequest import clearRequest
    from zope.globalrequest import setRequest
    from ZPublisher.HTTPRequest import HTTPRequest
    from ZPublisher.HTTPResponse import HTTPResponse

    def app(environ, start_response):
        request = HTTPRequest(BytesIO(), environ, HTTPResponse())
        assert request.environ is not environ  # the cleaned copy
        setRequest(request)
        try:
            change(zodb, Journal(str(tmp_path / "audit.sqlite")), "a", 1)
        finally:
            clearRequest()
        raise ClientDisconnected("the abort after the exception view")

    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    environ = {
        "REQUEST_METHOD": "POST",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8080",
        "HTTP_ACCEPT": "application/json",
    }
    body = b"".join(filter_factory({})(app)(environ, start_response))
    message = json.loads(body)["message"]
    assert seen["status"].startswith("503")
    assert "la demande a peut-être été enregistrée" in message
    assert "n'a pas été traitée" not in message


def test_abort_rolls_back_the_journal_lines(zodb, tmp_path):
    journal = Journal(str(tmp_path / "audit.sqlite"))
    connection = zodb.open()
    connection.root()["x"] = 1
    transactional.data_manager().journal = journal
    transactional.queue(event("x"), ("modify", "x"))
    transaction.get().join(FailingVote())
    with pytest.raises(RuntimeError):
        transaction.commit()
    transaction.abort()
    connection.close()
    assert stored(zodb) == {}
    assert journal.query() == []
    # not left locked: the next change is journaled
    change(zodb, journal, "y", 2)
    assert [e["uid"] for e in journal.query()] == ["y"]


def test_savepoint_rollback_forgets_lines(zodb, tmp_path):
    journal = Journal(str(tmp_path / "audit.sqlite"))
    connection = zodb.open()
    transactional.data_manager().journal = journal
    transactional.queue(event("kept"), ("modify", "kept"))
    savepoint = transaction.savepoint()
    transactional.queue(event("dropped"), ("modify", "dropped"))
    savepoint.rollback()
    connection.root()["kept"] = 1
    transaction.commit()
    connection.close()
    assert [e["uid"] for e in journal.query()] == ["kept"]


def test_health(tmp_path):
    path = tmp_path / "audit.sqlite"
    Journal(str(path)).append("modify", uid="x")
    health = journal_health(Journal(str(path)), max_age=0)
    assert health["writable"] and health["chain_ok"] and health["free_bytes"] > 0
    assert health["checked"] == 1
    bad = journal_health(Journal(read_only(path)), max_age=0)
    assert not bad["writable"] and not bad["ok"]


# --- Through HTTP: a read-only journal -------------------------------------


@pytest.fixture
def read_only_journal(functional, testdata):
    """The site's journal and login counters read-only (a URI: root ignores
    file modes), for every thread of the test server."""
    path = os.environ[db.ENV_VARIABLE]
    db.connect(path)  # the file and its schema exist
    portal = functional["portal"]
    throttle.get_throttle().clear_all()
    # a token first: password logins are refused once the counters are
    # read-only (they share the journal's file)
    token = requests.post(
        f"{portal.absolute_url()}/@login",
        json={"login": "clerk.pn", "password": testdata.PASSWORD},
        headers=JSON,
        timeout=30,
    ).json()["token"]
    os.environ[db.ENV_VARIABLE] = read_only(path)
    throttle._writable_until.clear()
    try:
        yield SimpleNamespace(portal=portal, token=token)
    finally:
        os.environ[db.ENV_VARIABLE] = path
        throttle._writable_until.clear()


def file_url(portal, testdata, name):
    return f"{portal.absolute_url()}/{testdata.path_of(name)}"


def position(portal, testdata):
    transaction.begin()  # see the server's last commit
    return portal.unrestrictedTraverse(testdata.path_of("pn_draft")).position


def test_rest_change_refused_with_french_503(read_only_journal, testdata):
    portal, token = read_only_journal.portal, read_only_journal.token
    before = position(portal, testdata)
    response = requests.patch(
        file_url(portal, testdata, "pn_draft"),
        json={"position": "Refusé faute de journal"},
        headers=dict(JSON, Authorization=f"Bearer {token}"),
        timeout=30,
    )
    assert response.status_code == 503, response.text
    assert response.json()["type"] == "ServiceUnavailable"
    assert FRENCH_503 in response.json()["message"]
    assert position(portal, testdata) == before


def test_consultation_refused_with_french_503(read_only_journal, testdata):
    url = file_url(read_only_journal.portal, testdata, "pn_validated")
    bearer = {"Authorization": f"Bearer {read_only_journal.token}"}
    page = requests.get(url, headers=bearer, timeout=30)
    assert page.status_code == 503
    assert READ_503 in page.text
    assert testdata.FILES["pn_validated"] not in page.text
    api = requests.get(url, headers=dict(JSON, **bearer), timeout=30)
    assert api.status_code == 503
    assert READ_503 in api.json()["message"]
    assert "matricule" not in api.text


def test_logins_refused_while_failures_cannot_be_counted(read_only_journal, testdata):
    base = f"{read_only_journal.portal.absolute_url()}/police-nationale"
    for _ in range(6):
        wrong = requests.get(
            base, auth=("clerk.pn", "mauvais-9"), allow_redirects=False, timeout=30
        )
        assert wrong.status_code != 200
    right = requests.get(
        base, auth=("clerk.pn", testdata.PASSWORD), allow_redirects=False, timeout=30
    )
    assert right.status_code != 200
    login = requests.post(
        f"{read_only_journal.portal.absolute_url()}/@login",
        json={"login": "clerk.pn", "password": testdata.PASSWORD},
        headers=JSON,
        timeout=30,
    )
    assert login.status_code == 401
    assert (
        "les échecs de connexion ne peuvent pas être comptés" in login.json()["message"]
    )


def test_journal_health_endpoint(functional, testdata):
    url = f"{functional['portal'].absolute_url()}/@journal-health"
    admin = requests.get(
        url, headers=JSON, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=30
    )
    assert admin.status_code in (200, 503)
    assert set(admin.json()) >= {"ok", "writable", "free_bytes", "chain_ok"}
    assert admin.json()["writable"] is True
    clerk = requests.get(
        url, headers=JSON, auth=("clerk.pn", testdata.PASSWORD), timeout=30
    )
    assert clerk.status_code in (401, 403)
