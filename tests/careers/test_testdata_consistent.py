"""The test data is coherent: every validated test file equals what its
acts give (the consistency check lists none of them)."""

from plone import api
from sirhp.content.careers import consistency
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


def test_validated_test_files_equal_their_acts(portal, testdata):
    names = ("pn_validated", "pn_validated2", "ocs_validated")
    uids = {portal.unrestrictedTraverse(testdata.path_of(n)).UID() for n in names}
    with api.env.adopt_roles(["Manager"]):
        rows = consistency.check(today=REFERENCE_DATE)
    assert [row for row in rows if row["uid"] in uids] == []
