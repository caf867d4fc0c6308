"""An official document's life in the journal: asked for (the kind),
issued and revoked (the number), refused (the kind), each by who did it,
with its own action and label."""

from plone.app.testing import login
from sirhp.content.attestations import api as attestation_api
from sirhp.policy.audit import journal
from sirhp.policy.audit.browser import ACTION_LABELS
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.attestations.helpers import issued
from tests.attestations.helpers import requested
from tests.security.audit_helpers import pending

ACTIONS = (
    "attestation.requested",
    "attestation.issued",
    "attestation.revoked",
    "attestation.refused",
)


def _lines(action, document):
    return [
        (line["user_id"], line["detail"])
        for line in pending(action)
        if line.get("uid") in (None, document.UID())
    ]


def test_actions_are_the_journal_s_with_a_label():
    for action in ACTIONS:
        assert action in journal.ACTIONS
        assert action in ACTION_LABELS


def test_request_issue_revoke(portal, testdata):
    officer = testdata.FILES["pn_validated"]
    document = issued(portal, testdata)
    assert _lines("attestation.requested", document) == [
        (officer, "attestation_service")
    ]
    assert _lines("attestation.issued", document) == [("hrmanager.pn", document.number)]
    login(portal, "hrmanager.pn")
    attestation_api.end(
        attestation=document,
        transition="revoke",
        reason="Délivrée par erreur",
        today=REFERENCE_DATE,
    )
    assert _lines("attestation.revoked", document) == [
        ("hrmanager.pn", document.number)
    ]
    assert _lines("attestation.refused", document) == []


def test_refuse(portal, testdata):
    document = requested(portal, testdata, kind="etat_services")
    login(portal, "hrmanager.pn")
    attestation_api.end(
        attestation=document,
        transition="refuse",
        reason="Dossier incomplet",
        today=REFERENCE_DATE,
    )
    assert _lines("attestation.refused", document) == [
        ("hrmanager.pn", "etat_services")
    ]
    assert _lines("attestation.issued", document) == []
