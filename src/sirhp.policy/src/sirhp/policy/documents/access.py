"""Access table of scanned documents: ordinary and restricted ones.

Ordinary documents follow the record workflow like every record of a file.
Restricted document types (medical, disciplinary: *Référentiels RH*) block
the inheritance of local roles (``documents/security.py``): the agency's HR
managers, the auditors, the administrators and, once validated, the officer
concerned see them; four eyes between administrators and HR managers.
Notation: ``sirhp.policy.base.access``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table
from sirhp.policy.workflow.access import ORDINARY_RECORD_NOTE
from sirhp.policy.workflow.access import ORDINARY_RECORD_RULES
from sirhp.policy.workflow.access import RECORD_OPERATIONS
from sirhp.policy.workflow.access import record_rules
from sirhp.policy.workflow.access import RECORD_STATES

DOCUMENT = Table(
    key="document",
    portal_type="ScannedDocument",
    label=("Pièce numérisée", "Scanned document"),
    states=RECORD_STATES,
    operations=RECORD_OPERATIONS,
    rules=ORDINARY_RECORD_RULES,
    note=ORDINARY_RECORD_NOTE,
)

RESTRICTED_READERS = HR | AUDITOR | ADMIN
RESTRICTED_DOCUMENT = Table(
    key="restricted",
    portal_type="ScannedDocument",
    label=("Pièce à accès restreint (médicale)", "Restricted (medical) document"),
    states=RECORD_STATES,
    operations=RECORD_OPERATIONS,
    rules={
        **record_rules(
            readers=RESTRICTED_READERS,
            editors=HR | ADMIN,
            validators=ADMIN,  # hrmanager.pn submitted it
            rejecters=HR | ADMIN,
            archivers=HR | ADMIN,
            deleters=HR | ADMIN,
            proposers=HR,
        ),
        # the unit's commander does not see restricted documents
        **rows(
            validated={
                "view": RESTRICTED_READERS | OFFICER,
                "download": RESTRICTED_READERS | OFFICER,
                "search": RESTRICTED_READERS | OFFICER,
            }
        ),
    },
    note=(
        "Certificat médical : l'héritage des rôles locaux est bloqué ; créé "
        "et soumis par hrmanager.pn.",
        "Medical certificate: local roles are not inherited; created and "
        "submitted by hrmanager.pn.",
    ),
)
