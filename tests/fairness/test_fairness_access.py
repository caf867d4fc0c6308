"""Who may see fairness figures (``sirhp: View fairness``): HR managers on
their own agency, auditors, administrators; never officers, commanders,
clerks, nor the other agency's HR (the in-process permission map; HTTP
refusals are in test_fairness_http.py)."""

from plone import api
import pytest
from sirhp.content.permissions import ViewFairness

ALLOWED = {"hrmanager.pn", "auditor", "siteadmin"}


@pytest.mark.parametrize(
    "user",
    [
        "hrmanager.pn",
        "auditor",
        "siteadmin",
        "hrmanager.ocs",
        "clerk.pn",
        "reviewer.pn",
        "commander.pn",
        "officer A",
    ],
)
def test_permission_on_the_agency(portal, testdata, user):
    if user == "officer A":
        user = testdata.FILES["pn_validated"]
    agency = portal["police-nationale"]
    allowed = bool(api.user.has_permission(ViewFairness, username=user, obj=agency))
    assert allowed == (user in ALLOWED)


@pytest.mark.parametrize("user", ["hrmanager.pn", "clerk.pn", "commander.pn"])
def test_not_on_the_portal_for_agency_staff(portal, user):
    """The cross-agency view is for auditors and administrators."""
    assert not api.user.has_permission(ViewFairness, username=user, obj=portal)


def test_auditor_on_the_portal(portal):
    assert api.user.has_permission(ViewFairness, username="auditor", obj=portal)
