"""Access table of the reform's dashboard (``sirhp: View indicators``): the
figures of an agency, its page and its exports. Notation:
``sirhp.policy.base.access``.

The figures hang on the agency, not on a workflow state: they are asked
beside a course of the agency's catalogue (as training coverage), one
pseudo-state ``internal``, one operation per endpoint or page:

================  =========================================================
indicators        GET <agency>/@indicators?at=2026-11-01
indicators_page   GET <agency>/@@tableau-de-bord?at=2026-11-01
indicators_xlsx   GET <agency>/@@tableau-de-bord.xlsx?at=2026-11-01
================  =========================================================

The agency's HR managers, the auditors and the administrators; nobody
else: neither officers, records clerks and reviewers, nor the other
agency's HR managers (their role is on their own agency). Commanders hold
their role on their units' files only, not on the agency: refused here
(their scope is applied by the catalog when they are given the page).
The site-wide figures (<portal>/@indicators: auditors and administrators)
are ``tests/indicators``'.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

INDICATORS_READERS = HR | AUDITOR | ADMIN
INDICATORS_OPERATIONS = ("indicators", "indicators_page", "indicators_xlsx")

INDICATORS = Table(
    key="indicators",
    portal_type="TrainingCourse",
    label=("Tableau de bord (chiffres et exports)", "Dashboard (figures and exports)"),
    states=("internal",),
    operations=INDICATORS_OPERATIONS,
    rules=rows(
        internal=dict.fromkeys(INDICATORS_OPERATIONS, INDICATORS_READERS),
    ),
    note=(
        "Sur la Police nationale, à côté d'un cours de son catalogue, au "
        "1er novembre 2026.",
        "On the Police nationale, beside a course of its catalogue, on "
        "1 November 2026.",
    ),
)
