"""Access table of the tableau d'avancement (``PromotionTable``,
``sirhp_promotion_workflow``). Notation: ``sirhp.policy.base.access``.

A table lives in the agency and ranks its officers with their average
marks: its HR managers, auditors and administrators read it (and find it)
in every state; officers, commanders, records clerks and reviewers and the
other agency never. HR managers and administrators edit, delete and build
it in draft (``build``: the page's button and POST @promotion-table/build)
and submit it once built, or retract it while submitted. Four eyes: the
planted tables are built and submitted by hrmanager.pn, so only siteadmin
records the commission's decisions (``decisions``: the decision form and
POST @promotion-table/decisions) and decides; who decided (siteadmin) never
publishes, so hrmanager.pn publishes. Nobody edits or deletes a table once
submitted (Zope's Managers only).
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

MANAGERS = HR | ADMIN
READERS = MANAGERS | AUDITOR
_READ = {"view": READERS, "search": READERS, "agency_list": READERS}

PROMOTION_STATES = ("draft", "submitted", "decided", "published")
PROMOTION_OPERATIONS = (
    "view",
    "search",
    "edit",
    "delete",
    "build",
    "decisions",
    "submit",
    "retract",
    "decide",
    "publish",
    "agency_list",
)

PROMOTION_TABLE = Table(
    key="promotion",
    portal_type="PromotionTable",
    label=("Tableau d'avancement", "Promotion table"),
    states=PROMOTION_STATES,
    operations=PROMOTION_OPERATIONS,
    rules=rows(
        draft={
            **_READ,
            "edit": MANAGERS,
            "delete": MANAGERS,
            "build": MANAGERS,
            "submit": MANAGERS,
        },
        # four eyes: hrmanager.pn built and submitted it
        submitted={**_READ, "decisions": ADMIN, "retract": MANAGERS, "decide": ADMIN},
        # four eyes: siteadmin decided
        decided={**_READ, "publish": HR},
        published=_READ,
    ),
    note=(
        "Tableau de la Police nationale (officier-1), deux candidats (les "
        "agents A et B, classement posé directement) ; établi et soumis par "
        "hrmanager.pn, décisions saisies et arrêtées par siteadmin, publié "
        "par hrmanager.pn.",
        "Police nationale table (officier-1), two candidates (officers A and "
        "B, ranking set directly); built and submitted by hrmanager.pn, "
        "decisions recorded and decided by siteadmin, published by "
        "hrmanager.pn.",
    ),
)
