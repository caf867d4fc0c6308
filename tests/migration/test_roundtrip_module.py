"""The HR modules' data across a migration: a site with the demo's concours,
lists and documents, training and evaluation campaign (and a leave
request) exported and imported into a fresh site keeps what the domain
APIs wrote outside the schema (a document's number, dates and signer; a
concours' proposers and stored ranking; the day a leave was asked; a
training session's participants, results, certificates and recorders) and
the evaluations' protected fields (marks, contest, revision); the next
document number follows the last one imported, and a certificate imported
is still verified."""

from datetime import date
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
from sirhp.content.attestations import api as attestations
from sirhp.content.leave import api as leave_api
from sirhp.content.training import verification
from sirhp.policy.migration.attributes import ATTRIBUTES
from sirhp.policy.migration.export import export_site
from sirhp.policy.migration.importer import import_site
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.demo import hr_modules
from sirhp.policy.setuphandlers.demo import recruitment as demo_recruitment
from tests.migration.test_roundtrip import fresh_site
from tests.migration.test_roundtrip import inventory
from zope.component.hooks import setSite


def _by_type(site, portal_type):
    return {
        brain.UID: brain._unrestrictedGetObject()
        for brain in site.portal_catalog.unrestrictedSearchResults(
            portal_type=portal_type, path="/".join(site.getPhysicalPath())
        )
    }


def _evaluation(obj):
    names = ("marks", "mark", "evaluator", "notified_on", "contest_reasons")
    return {name: getattr(obj, name, None) for name in (*names, "revision")}


def _attributes(site, portal_type):
    return {
        uid: {name: getattr(obj, name, None) for name in ATTRIBUTES[portal_type]}
        for uid, obj in _by_type(site, portal_type).items()
    }


@pytest.fixture
def exported(portal, testdata, tmp_path, monkeypatch):
    demo.create_demo_recruitment(portal)
    # the test site's commissariat has one officer: contested and revised
    monkeypatch.setattr(hr_modules, "STEPS", ("revised",))
    demo.create_demo_hr_modules(portal, closer="siteadmin")
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="clerk.pn"):
        leave_api.request_leave(
            file=file,
            leave_type="annual",
            start=date(2026, 11, 9),
            end=date(2026, 11, 13),
            reason="Congé annuel",
            today=demo.REFERENCE_DATE,
        )
    directory = str(tmp_path / "export")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        export_site(portal=portal, directory=directory, reason="migration")
    return directory


def test_module_data_survives_a_migration(app, portal, testdata, exported):
    source = inventory(portal)
    kept = {
        portal_type: _attributes(portal, portal_type)
        for portal_type in (
            "AttestationRequest",
            "RecruitmentCampaign",
            "LeaveRequest",
            "TrainingSession",
        )
    }
    sessions = kept["TrainingSession"].values()
    assert any(s["participants"] and s["certificates"] for s in sessions)
    evaluations = {u: _evaluation(o) for u, o in _by_type(portal, "Evaluation").items()}
    assert any(e["revision"] for e in evaluations.values())
    numbers = [d["number"] for d in kept["AttestationRequest"].values() if d["number"]]
    assert len(numbers) == 3
    members = {u: o.members for u, o in _by_type(portal, "DeploymentList").items()}
    scores = {u: dict(o.scores or {}) for u, o in _by_type(portal, "Candidate").items()}
    setSite(portal)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        target = fresh_site(app)
        import_site(portal=target, directory=exported)
    assert inventory(target) == source
    for portal_type, values in kept.items():
        assert _attributes(target, portal_type) == values, portal_type
    published = target["police-nationale"][demo_recruitment.PUBLISHED["id"]]
    assert published.proposers == ("recruiter.pn",)
    assert published.stored_results["main"]
    moved = {u: o.members for u, o in _by_type(target, "DeploymentList").items()}
    assert moved == members
    assert {
        u: dict(o.scores or {}) for u, o in _by_type(target, "Candidate").items()
    } == scores
    assert {
        u: _evaluation(o) for u, o in _by_type(target, "Evaluation").items()
    } == evaluations
    for session in _by_type(target, "TrainingSession").values():
        assert isinstance(session.recorders, tuple)
        if session.participants is not None:
            assert isinstance(session.participants, PersistentMapping)
    # a certificate imported is verified (a token of the target's secret:
    # the secrets are carried apart, docs/operations.md)
    closed = target["police-nationale"][hr_modules.CLOSED_SESSION["id"]]
    holder = next(iter(closed.certificates))
    file = target.portal_catalog.unrestrictedSearchResults(UID=holder)[0]
    token = verification.token_of(session=closed, file=file._unrestrictedGetObject())
    found = verification.check_certificate(
        token=token, today=hr_modules.CLOSED_SESSION["end"]
    )
    assert found["state"] == "valid" and found["expiry"] == closed.certificates[holder]
    # the counter follows the numbers imported: never a number twice
    agency = target["police-nationale"]
    prefix = max(numbers).rsplit("-", 1)[0]
    assert attestations.allocate_number(agency, 2026) == f"{prefix}-000004"
