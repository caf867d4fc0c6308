"""The recruitment, deployment and official documents' data across a
migration: a site with the demo's concours, lists and documents (and a
leave request) exported and imported into a fresh site keeps what the
domain APIs wrote outside the schema (a document's number, dates and
signer; a concours' proposers and stored ranking; the day a leave was
asked), and the next document number follows the last one imported."""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
from sirhp.content.attestations import api as attestations
from sirhp.content.leave import api as leave_api
from sirhp.policy.migration.attributes import ATTRIBUTES
from sirhp.policy.migration.export import export_site
from sirhp.policy.migration.importer import import_site
from sirhp.policy.setuphandlers import demo
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


def _attributes(site, portal_type):
    return {
        uid: {name: getattr(obj, name, None) for name in ATTRIBUTES[portal_type]}
        for uid, obj in _by_type(site, portal_type).items()
    }


@pytest.fixture
def exported(portal, testdata, tmp_path):
    demo.create_demo_recruitment(portal)
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
        for portal_type in ("AttestationRequest", "RecruitmentCampaign", "LeaveRequest")
    }
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
    # the counter follows the numbers imported: never a number twice
    agency = target["police-nationale"]
    prefix = max(numbers).rsplit("-", 1)[0]
    assert attestations.allocate_number(agency, 2026) == f"{prefix}-000004"
