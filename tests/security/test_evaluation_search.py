"""Marks never in search results for others: an evaluation is found only by
those who read it (the access tables' ``search`` rows); no catalog metadata
column and no full-text index holds its mark, marks or assessment, so the
brains shown by @search (every metadata field, full objects), @@search and
@@ajax-search never carry them; another officer and another unit's
commander find no evaluation at all."""

from datetime import date
import json
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from Products.CMFCore.indexing import processQueue
import pytest
import requests
from sirhp.content.evaluation import api as evaluation_api
from tests.security.access import MARKS
import transaction

MARKER = "qzappreciationqz"
MARK = "13.80"  # 12 x 40 % + 15 x 60 %
OTHERS = ("commander2.pn", "other_officer", "clerk.pn", "hrmanager.ocs")


def _login(testdata, persona):
    return testdata.FILES["pn_validated2"] if persona == "other_officer" else persona


def _submitted(portal, testdata):
    """Officer A's (and B's) evaluation, marked by commander.pn, submitted."""
    login(portal, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=portal["police-nationale"],
        year=2026,
        grid={"discipline": 40, "efficacite": 60},
        evaluation_deadline=date(2026, 12, 15),
    )
    evaluation_api.create_evaluations(campaign=campaign)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    evaluation = file[evaluation_api.evaluation_id(campaign)]
    login(portal, "commander.pn")
    evaluation_api.set_marks(evaluation=evaluation, marks=MARKS, assessment=MARKER)
    api.content.transition(obj=evaluation, transition="submit")
    processQueue()
    logout()
    return evaluation


def test_in_process_no_marks_in_the_catalog(portal, testdata):
    evaluation = _submitted(portal, testdata)
    assert evaluation.mark == MARK
    catalog = api.portal.get_tool("portal_catalog")
    assert not {"mark", "marks", "assessment"} & set(catalog.schema())
    (brain,) = catalog.unrestrictedSearchResults(UID=evaluation.UID())
    metadata = catalog.getMetadataForRID(brain.getRID())
    assert not [k for k, v in metadata.items() if MARKER in str(v) or MARK in str(v)]
    # nor in any index (SearchableText included)
    indexed = catalog.getIndexDataForRID(brain.getRID())
    assert MARKER not in str(indexed) and MARK not in str(indexed)
    assert not catalog.unrestrictedSearchResults(SearchableText=MARKER)
    for persona in OTHERS:
        login(portal, _login(testdata, persona))
        found = {b.UID for b in api.content.find(portal_type="Evaluation")}
        assert evaluation.UID() not in found, persona
    login(portal, "commander.pn")
    assert evaluation.UID() in {
        b.UID for b in api.content.find(portal_type="Evaluation")
    }


@pytest.fixture
def site(functional, testdata):
    portal = functional["portal"]
    evaluation = _submitted(portal, testdata)
    transaction.commit()
    return portal, evaluation


def _get(url, user, testdata, html=False):
    return requests.get(
        url,
        auth=(user, testdata.PASSWORD),
        headers={"Accept": "text/html" if html else "application/json"},
        timeout=60,
    )


def test_http_search_finds_no_evaluation_for_others(site, testdata):
    portal, evaluation = site
    base = portal.absolute_url()
    queries = (
        "@search?portal_type=Evaluation&metadata_fields=_all",
        "@search?portal_type=Evaluation&fullobjects=1",
        f"@search?UID={evaluation.UID()}&metadata_fields=_all&fullobjects=1",
        f"@search?SearchableText={MARKER}",
    )
    for persona in OTHERS:
        user = _login(testdata, persona)
        for query in queries:
            answer = _get(f"{base}/{query}", user, testdata)
            assert answer.status_code == 200, (persona, query)
            # commander2.pn reads the draft of his own officer B, no other
            assert evaluation.absolute_url() not in answer.text, (persona, query)
            items = json.dumps(answer.json()["items"])  # "@id" echoes the query
            assert MARKER not in items and MARK not in items
        for page in (
            f"@@search?SearchableText={MARKER}",
            "@@search?portal_type=Evaluation",
            f"@@ajax-search?SearchableText={MARKER}",
        ):
            answer = _get(f"{base}/{page}", user, testdata, html=True)
            # the search box echoes the query: the evaluation is what must not be
            assert evaluation.absolute_url() not in answer.text, (persona, page)
            assert MARK not in answer.text
    # the readers find it; the listing's metadata never carries the marks
    for user in ("commander.pn", "hrmanager.pn", testdata.FILES["pn_validated"]):
        listed = _get(f"{base}/{queries[0]}", user, testdata)
        assert evaluation.absolute_url() in listed.text, user
        assert MARKER not in listed.text and MARK not in listed.text, user
        # the full text of the pages does not index the assessment
        found = _get(f"{base}/@@search?SearchableText={MARKER}", user, testdata, True)
        assert evaluation.absolute_url() not in found.text, user
