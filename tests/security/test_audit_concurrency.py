"""Twenty clients read the same file at once: no ZODB write, no conflict,
one journal line each, the chain intact."""

from concurrent.futures import ThreadPoolExecutor
import requests
from sirhp.policy.audit.journal import get_journal
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import JSON
from tests.security.audit_helpers import last_id

READERS = 20


def test_twenty_concurrent_readers(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    database = portal._p_jar.db()

    def read(index):
        headers = JSON if index % 2 else {}
        headers = {**headers, "X-SIRHP-Reason": "controle"}
        response = requests.get(
            url, auth=("auditor", testdata.PASSWORD), headers=headers, timeout=60
        )
        return response.status_code

    # warm up: Plone itself may write once on a user's first request
    assert read(0) == 200
    before = database.lastTransaction()
    start = last_id()
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = list(pool.map(read, range(READERS)))
    assert statuses == [200] * READERS
    # reading wrote nothing to the ZODB: there was nothing to conflict on
    assert database.lastTransaction() == before
    views = events_since(start, action="view", matricule=testdata.FILES["pn_validated"])
    assert len(views) == READERS
    sensitive = events_since(start, action="view_sensitive")
    assert len(sensitive) == READERS
    assert get_journal().verify().ok
