"""Access table of fairness (``sirhp: View fairness``): the figures of a
tableau d'avancement and of a year, on the tableau's agency. Notation:
``sirhp.policy.base.access``.

The figures hang on the agency, not on a workflow state: they are asked
beside a published tableau (as training coverage beside its course), one
pseudo-state ``published``, one operation per endpoint or page:

================  =========================================================
fairness          GET <agency>/@fairness?table=<UID of the tableau>
fairness_year     GET <agency>/@fairness?year=2026
fairness_page     GET <agency>/@@equite?table=<UID>
fairness_xlsx     GET <agency>/@@equite.xlsx?table=<UID>
fairness_pdf      GET <agency>/@@equite.pdf?table=<UID>
================  =========================================================

The agency's HR managers, the auditors and the administrators; nobody
else: neither officers, commanders, records clerks and reviewers, nor the
other agency's HR managers (their role is on their own agency). The
site-wide figures (<portal>/@fairness: auditors and administrators) are
``tests/fairness``'s.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

FAIRNESS_READERS = HR | AUDITOR | ADMIN
FAIRNESS_OPERATIONS = (
    "fairness",
    "fairness_year",
    "fairness_page",
    "fairness_xlsx",
    "fairness_pdf",
)

FAIRNESS = Table(
    key="fairness",
    portal_type="PromotionTable",
    label=("Équité (chiffres et exports)", "Fairness (figures and exports)"),
    states=("published",),
    operations=FAIRNESS_OPERATIONS,
    rules=rows(
        published=dict.fromkeys(FAIRNESS_OPERATIONS, FAIRNESS_READERS),
    ),
    note=(
        "Sur la Police nationale, à côté d'un tableau d'avancement publié "
        "(celui du tableau « Tableau d'avancement ») et pour l'année 2026.",
        "On the Police nationale, beside a published promotion table (the "
        'one of the "Promotion table" table) and for the year 2026.',
    ),
)
