"""The demo's concours, deployment lists and official documents on the
test site: made through the APIs and workflows, in the right states and
coherent (admitted within the posts, quotas respected, numbers in
sequence)."""

from plone import api
import pytest
from sirhp.content.attestations import rules as attestation_rules
from sirhp.content.deployment import lists
from sirhp.content.recruitment import api as recruitment
from sirhp.content.recruitment import results as ranked
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.demo import recruitment as demo_recruitment
from sirhp.policy.setuphandlers.demo import requests as demo_requests


@pytest.fixture
def made(portal, testdata):
    return demo.create_demo_recruitment(portal)


def _campaign(portal, settings):
    return portal["police-nationale"][settings["id"]]


def _candidates(campaign):
    return [c for c in campaign.objectValues() if c.portal_type == "Candidate"]


def _actor(obj, action):
    (history,) = obj.workflow_history.values()
    return [h["actor"] for h in history if h["action"] == action]


def test_counts(made):
    assert made == {"campaigns": 2, "lists": 2, "documents": 4}


def test_published_campaign(portal, made):
    campaign = _campaign(portal, demo_recruitment.PUBLISHED)
    assert api.content.get_state(campaign) == "published"
    # four eyes: proposed by the recruitment officer, published by HR
    assert _actor(campaign, "propose_results") == ["recruiter.pn"]
    assert _actor(campaign, "publish") == ["hrmanager.pn"]
    people = _candidates(campaign)
    assert len(people) == sum(demo_recruitment.PUBLISHED_CANDIDATES.values()) == 40
    assert len({c.region_of_origin for c in people}) == 6
    assert len({c.nina for c in people}) == 40
    eliminated = [c for c in people if c.eliminated_at]
    assert 3 <= len(eliminated) <= 10
    assert all(c.elimination_reason for c in eliminated)
    assert {c.eliminated_at for c in eliminated} == {"ecrit", "sport", "medical"}
    stored = ranked.stored(campaign)
    assert stored is not None
    main = stored["main"]
    assert len(main) == campaign.posts  # enough admissible candidates
    assert [row["rank"] for row in main] == list(range(1, len(main) + 1))
    quotas, _sexes = recruitment.quotas_of(campaign)
    for region, row in stored["regions"].items():
        assert row["by_quota"] <= quotas.get(region, 0), region
        admitted = [r for r in main if r["region"] == region and r["by"] == "quota"]
        assert len(admitted) == row["by_quota"]
    # Mopti's only candidate failed: its post went to national merit
    assert stored["regions"]["mopti"]["transferred"] == 1
    admitted_ids = {row["id"] for row in main}
    assert not admitted_ids & {c.getId() for c in eliminated}
    # the published results read alike by the auditors
    with api.env.adopt_user(username="auditor"):
        assert len(recruitment.results(campaign=campaign)["main"]) == campaign.posts


def test_campaign_in_progress(portal, made):
    campaign = _campaign(portal, demo_recruitment.IN_PROGRESS)
    assert api.content.get_state(campaign) == "open"
    people = _candidates(campaign)
    assert len(people) == sum(demo_recruitment.IN_PROGRESS_CANDIDATES.values())
    assert sum(1 for c in people if not c.scores) == 2
    stages = recruitment.stages_of(campaign)
    for candidate in people:
        assert set(candidate.scores or {}) <= set(demo_recruitment.MARKED_SO_FAR)
        assert recruitment.rules.total(stages, dict(candidate.scores or {})) is None
    assert ranked.stored(campaign) is None


def _lists(portal):
    return {
        obj.title: obj
        for obj in portal["police-nationale"].objectValues()
        if obj.portal_type == "DeploymentList"
    }


def test_deployment_lists(portal, testdata, made):
    found = _lists(portal)
    active = found[demo_requests.ACTIVE_LIST["title"]]
    closed = found[demo_requests.CLOSED_LIST["title"]]
    assert api.content.get_state(active) == "active" and active.notify
    assert api.content.get_state(closed) == "closed" and not closed.notify
    assert active.members and closed.members
    assert active.start < active.end and closed.end < demo.REFERENCE_DATE
    member = next(
        portal.unrestrictedTraverse(testdata.path_of(name))
        for name in ("pn_validated", "pn_validated2")
        if portal.unrestrictedTraverse(testdata.path_of(name)).UID() in active.members
    )
    with api.env.adopt_user(username=member.matricule):
        notices = lists.notices(file=member)
    assert [n["title"] for n in notices] == [demo_requests.ACTIVE_LIST["title"]]


def _documents(portal):
    catalog = portal.portal_catalog
    return [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="AttestationRequest", path="/plone/police-nationale"
        )
    ]


def test_official_documents(portal, made):
    documents = sorted(_documents(portal), key=lambda d: d.number or "~")
    states = [api.content.get_state(d) for d in documents]
    assert sorted(states) == ["issued", "issued", "requested", "revoked"]
    numbers = [d.number for d in documents if d.number]
    prefix = numbers[0].rsplit("-", 2)[0]
    assert numbers == [
        attestation_rules.format_number(prefix, 2026, sequence)
        for sequence in (1, 2, 3)
    ]
    for document in documents:
        assert document.requested_on == demo.REFERENCE_DATE
        assert document.requested_by != "hrmanager.pn"
        if document.number:
            assert document.issued_by == "hrmanager.pn"
            assert document.issued_on == demo.REFERENCE_DATE
    (revoked,) = [d for d in documents if api.content.get_state(d) == "revoked"]
    assert revoked.reason == demo_requests.REVOCATION
    assert revoked.kind == attestation_rules.SERVICE


def test_no_list_when_the_search_finds_nobody(portal, testdata):
    """A demo of a file or two (the system tests' ``--count 2``) may have
    nobody to deploy: no list, and the site is still created."""
    with api.env.adopt_roles(["Manager"]):
        for name in ("pn_validated", "pn_validated2"):
            file = portal.unrestrictedTraverse(testdata.path_of(name))
            file.languages = ["fr"]
            file.reindexObject()
    assert demo.create_demo_lists(portal) == ()
    assert _lists(portal) == {}
