"""Copy, cut and paste are for administrators on both channels: the pages
(``object_copy``, ``object_cut``, ``object_paste``: tests/policy/
test_theme.py) and REST ``@copy`` / ``@move`` alike (``cmf.ManagePortal``).
A clerk who may add records to two files cannot copy or move a record
between them."""

from datetime import date
from plone import api
import requests
import transaction

JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def test_rest_copy_and_move_refused_to_a_clerk(functional, testdata):
    portal = functional["portal"]
    source = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    target = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=source,
            type="CareerEvent",
            id="acte-copie",
            event_type="assignment",
            event_date=date(2024, 1, 1),
            reference="Décision n°2024-11",
        )
    transaction.commit()
    record = f"{source.absolute_url()}/acte-copie"
    with requests.Session() as clerk:
        clerk.auth = ("clerk.pn", testdata.PASSWORD)
        clerk.headers.update(JSON)
        for service in ("@copy", "@move"):
            answer = clerk.post(
                f"{target.absolute_url()}/{service}",
                json={"source": record},
                timeout=30,
            )
            assert answer.status_code in (401, 403), (service, answer.text)
    transaction.begin()
    assert "acte-copie" in source.objectIds()
    assert "acte-copie" not in target.objectIds()
