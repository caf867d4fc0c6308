"""Official documents on request: the ``AttestationRequest`` type (allowed
in personnel files), the register's catalog indexes (``attestation_kind``,
``attestation_year``) and metadata (``attestation_info``), and the
permissions (Manager here; the SIRHP roles by sirhp.policy). The types are
imported from the profile (``typeinfo``); indexes are added one by one and
the documents already stored, if any, reindexed. Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import AddAttestationRequest
from sirhp.content.permissions import DownloadAttestation
from sirhp.content.permissions import IssueAttestations
from sirhp.content.permissions import PrepareAttestations
from sirhp.content.permissions import ViewAttestationRegister
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import add_types
from sirhp.content.upgrades import logger

PERMISSIONS = (
    AddAttestationRequest,
    PrepareAttestations,
    IssueAttestations,
    DownloadAttestation,
    ViewAttestationRegister,
)
INDEXES = ("attestation_kind", "attestation_year")
COLUMNS = ("attestation_info",)


def upgrade(context):
    """``context``: portal_setup."""
    add_types(context, "attestations", ("AttestationRequest",), PERMISSIONS)
    add_indexes(INDEXES, COLUMNS)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="AttestationRequest")
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject()
    types = api.portal.get_tool("portal_types")
    logger.info(
        "attestations: type %s, allowed in files %s, %d documents reindexed",
        "AttestationRequest" in types,
        "AttestationRequest" in types["PersonnelFile"].allowed_content_types,
        len(brains),
    )
