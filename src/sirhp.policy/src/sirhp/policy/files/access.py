"""Access table of personnel files and career events (the record workflow).

The rows come from ``sirhp_record_workflow`` (per-state permission maps),
the file's local roles (agency groups, the officer, the unit's commanders)
and the rules of the brief: officers and commanders see validated content
only; the other agency sees nothing; auditors read everything and change
nothing; nobody validates their own submission. Notation:
``sirhp.policy.base.access``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import AUTHOR
from sirhp.policy.base.access import EDITORS
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import MEDICAL_READERS
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import PROPOSERS
from sirhp.policy.base.access import REVIEW
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table
from sirhp.policy.base.access import VALIDATED_READERS
from sirhp.policy.workflow.access import ORDINARY_RECORD_NOTE
from sirhp.policy.workflow.access import ORDINARY_RECORD_RULES
from sirhp.policy.workflow.access import RECORD_OPERATIONS
from sirhp.policy.workflow.access import RECORD_STATES

# who reads a file's entries in the audit journal (@audit-log, @@journal):
# the auditors on the site, the agency's HR managers on the agency
AUDIT_READERS = AUDITOR | HR | ADMIN
# access comes from groups and the matricule, never from the sharing page
SHARING = ADMIN


def _file_state(view, edit, upload, delete, **others):
    """What depends on the state; the rest is the same in every state."""
    return {
        "view": view,
        "sensitive": MEDICAL_READERS | (view & OFFICER),
        "photo": view,
        "edit": edit,
        "upload": upload,
        "delete": delete,
        "history": STAFF,
        "audit": AUDIT_READERS,
        "sharing": SHARING,
        "search": view,
        **others,
    }


FILE = Table(
    key="file",
    portal_type="PersonnelFile",
    label=("Dossier individuel", "Personnel file"),
    states=RECORD_STATES,
    operations=(
        "view",
        "sensitive",
        "photo",
        "edit",
        "propose",
        "upload",
        "delete",
        "history",
        "audit",
        "sharing",
        "search",
        "submit",
        "validate",
        "reject",
        "archive",
    ),
    rules=rows(
        draft=_file_state(
            view=STAFF,
            edit=EDITORS,
            upload=EDITORS,
            delete=AUTHOR | HR | ADMIN,
            submit=EDITORS,
        ),
        # pn_pending was submitted by clerk.pn, who is no reviewer: every
        # reviewer may validate it (four eyes: tests/workflows/)
        pending=_file_state(
            view=STAFF,
            edit=ADMIN,
            upload=EDITORS,
            delete=ADMIN,
            validate=REVIEW,
            reject=REVIEW,
        ),
        # validated content is stable: records staff propose changes
        validated=_file_state(
            view=VALIDATED_READERS,
            edit=ADMIN,
            upload=EDITORS,
            delete=ADMIN,
            propose=PROPOSERS,
            archive=HR | ADMIN,
        ),
        archived=_file_state(
            view=STAFF,
            edit=ADMIN,
            upload=ADMIN,
            delete=ADMIN,
        ),
    ),
    note=(
        "Le dossier de chaque état a son propre agent (« officer »). Le "
        "soumissionnaire du dossier en attente est clerk.pn.",
        "Each state's file has its own officer (\u201cofficer\u201d). The "
        "pending file was submitted by clerk.pn.",
    ),
)

CAREER_EVENT = Table(
    key="event",
    portal_type="CareerEvent",
    label=("Acte de carrière", "Career event"),
    states=RECORD_STATES,
    operations=tuple(o for o in RECORD_OPERATIONS if o != "download"),
    rules=ORDINARY_RECORD_RULES,
    note=ORDINARY_RECORD_NOTE,
)
