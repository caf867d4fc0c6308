"""Access tables of annual evaluation: the campaign (``sirhp_hr_catalogue_workflow``)
and the officer's evaluation (``sirhp_evaluation_workflow``).

An evaluation lives in the officer's file: the unit's commanders (the
evaluators), the agency's HR managers, auditors and administrators read it
and its marks in every state; the officer from its notification on; records
clerks and reviewers, other units' commanders, the other agency and other
officers never (nor do they find it in search). The unit's commander fills
the marks (``evaluate``: POST @evaluation, the marks form of the page) and
submits (draft); the officer acknowledges or contests (to_acknowledge,
within the window: ``lapse`` is the daily task's, after it); an HR manager
who did not evaluate revises (contested) and validates (acknowledged).
Nobody edits or deletes it (administrators of Zope only).

A campaign lives in the agency: its records staff and auditors read it (as
the agency), HR managers and administrators edit and delete it, HR managers,
auditors and administrators follow it (GET @campaign-status and the page
@@suivi-campagne: ``sirhp: View campaign follow-up``, and the agency's list
@@campagnes-evaluation). HR managers alone open it: opening adds an
evaluation in every file, which only they may do (``sirhp: Add
Evaluation``).
Notation: ``sirhp.policy.base.access``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import COMMANDER
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table

EVALUATION_STATES = (
    "draft",
    "to_acknowledge",
    "contested",
    "acknowledged",
    "validated",
)
EVALUATION_OPERATIONS = (
    "view",
    "marks",
    "search",
    "edit",
    "delete",
    "evaluate",
    "submit",
    "acknowledge",
    "contest",
    "revise",
    "validate",
    "lapse",
)
DRAFT_READERS = HR | AUDITOR | ADMIN | COMMANDER
READERS = DRAFT_READERS | OFFICER


def _read(readers):
    return {"view": readers, "marks": readers, "search": readers}


EVALUATION = Table(
    key="evaluation",
    portal_type="Evaluation",
    label=("Évaluation annuelle", "Annual evaluation"),
    states=EVALUATION_STATES,
    operations=EVALUATION_OPERATIONS,
    rules=rows(
        draft={**_read(DRAFT_READERS), "evaluate": COMMANDER, "submit": COMMANDER},
        to_acknowledge={**_read(READERS), "acknowledge": OFFICER, "contest": OFFICER},
        contested={**_read(READERS), "revise": HR},
        acknowledged={**_read(READERS), "validate": HR},
        validated=_read(READERS),
    ),
    note=(
        "Évaluation de l'agent A (dossier validé, commissariat du 1er "
        "arrondissement) ; marks complètes en brouillon ; notifiée le jour "
        "même (contestation dans le délai) ; évaluée par commander.pn.",
        "Officer A's evaluation (validated file, 1st district police "
        "station); complete marks in draft; notified the same day (contest "
        "within the window); evaluated by commander.pn.",
    ),
)

CAMPAIGN = Table(
    key="campaign",
    portal_type="EvaluationCampaign",
    label=("Campagne d'évaluation", "Evaluation campaign"),
    states=("internal",),
    operations=(
        "view",
        "search",
        "edit",
        "delete",
        "campaign_status",
        "open",
        "agency_list",
    ),
    rules=rows(
        internal={
            "view": STAFF,
            "search": STAFF,
            "edit": HR | ADMIN,
            "delete": HR | ADMIN,
            "campaign_status": HR | AUDITOR | ADMIN,
            "open": HR,  # who may add an evaluation in every file
            "agency_list": HR | AUDITOR | ADMIN,
        }
    ),
    note=(
        "Campagne de la Police nationale ouverte par hrmanager.pn ; "
        "@campaign-status sur la campagne.",
        "Police nationale campaign opened by hrmanager.pn; @campaign-status "
        "on the campaign.",
    ),
)
