"""SIRHP's access policy: every content type's table, persona x state x
operation, in the order ``docs/security.md`` shows them.

Each domain declares its rows beside its code (``<domain>/access.py``); the
notation is ``sirhp.policy.base.access``. Pure Python, no Zope import.
"""

from sirhp.policy.attestations.access import ATTESTATION
from sirhp.policy.badges.access import BADGE
from sirhp.policy.badges.access import BATCH
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.careers.access import DECORATION
from sirhp.policy.careers.access import SANCTION
from sirhp.policy.changes.access import CHANGE_REQUEST
from sirhp.policy.changes.access import OFFICER_REQUEST
from sirhp.policy.deployment.access import DEPLOYMENT_LIST
from sirhp.policy.documents.access import DOCUMENT
from sirhp.policy.documents.access import RESTRICTED_DOCUMENT
from sirhp.policy.evaluation.access import CAMPAIGN
from sirhp.policy.evaluation.access import EVALUATION
from sirhp.policy.fairness.access import FAIRNESS
from sirhp.policy.files.access import CAREER_EVENT
from sirhp.policy.files.access import FILE
from sirhp.policy.indicators.access import INDICATORS
from sirhp.policy.leave.access import LEAVE
from sirhp.policy.promotion.access import PROMOTION_TABLE
from sirhp.policy.recruitment.access import CANDIDATE
from sirhp.policy.recruitment.access import RECRUITMENT
from sirhp.policy.training.access import COURSE
from sirhp.policy.training.access import SESSION

TABLES = (
    FILE,
    DOCUMENT,
    RESTRICTED_DOCUMENT,
    CAREER_EVENT,
    SANCTION,
    DECORATION,
    CHANGE_REQUEST,
    OFFICER_REQUEST,
    BADGE,
    BATCH,
    LEAVE,
    CAMPAIGN,
    EVALUATION,
    COURSE,
    SESSION,
    PROMOTION_TABLE,
    FAIRNESS,
    INDICATORS,
    ATTESTATION,
    RECRUITMENT,
    CANDIDATE,
    DEPLOYMENT_LIST,
)
TABLE = {table.key: table for table in TABLES}
CELL_COUNT = sum(table.cell_count for table in TABLES)


def all_cells():
    """Every cell (``base.access.Cell``) of every table."""
    return [cell for table in TABLES for cell in table.cells()]


__all__ = ["CELL_COUNT", "PERSONAS", "TABLE", "TABLES", "all_cells"]
