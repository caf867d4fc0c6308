"""Access table of official documents (``AttestationRequest``,
``sirhp_attestation_workflow``). Notation: ``sirhp.policy.base.access``.

A request is made by officer A on his own validated file. The agency's
clerks and HR managers, auditors and the officer see it; his unit's
commander does not. Clerks and HR managers prepare it (the signer); an HR
manager issues it, never the requester nor the holder (four eyes), and
refuses it or revokes it once issued (a reason). The PDF while issued: the
holder, the agency's HR managers and administrators. Nobody edits or
deletes a request. Listed in ``sirhp.policy.access``: checked cell by
cell in process and over HTTP by ``tests/security/test_access_*.py``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import CLERKS
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

ATTESTATION_STATES = ("requested", "prepared", "issued", "revoked", "refused")
ATTESTATION_OPERATIONS = (
    "view",
    "edit",
    "delete",
    "prepare",
    "issue",
    "refuse",
    "revoke",
    "attestation_pdf",
)
READERS = CLERKS | HR | AUDITOR | ADMIN | OFFICER
PREPARERS = CLERKS | HR | ADMIN
ISSUERS = HR | ADMIN
_read = {"view": READERS}

ATTESTATION = Table(
    key="attestation",
    portal_type="AttestationRequest",
    label=("Demande d'attestation", "Attestation request"),
    states=ATTESTATION_STATES,
    operations=ATTESTATION_OPERATIONS,
    rules=rows(
        requested={
            **_read,
            "prepare": PREPARERS,
            "issue": ISSUERS,
            "refuse": ISSUERS,
        },
        prepared={**_read, "issue": ISSUERS, "refuse": ISSUERS},
        issued={**_read, "revoke": ISSUERS, "attestation_pdf": ISSUERS | OFFICER},
        revoked=_read,
        refused=_read,
    ),
    note=(
        "Demandée par l'agent A sur son dossier ; préparée par clerk.pn.",
        "Requested by officer A on his own file; prepared by clerk.pn.",
    ),
)
