"""Access tables of disciplinary and award acts (career events).

A sanction act (event type ``sanction`` or ``suspension``) is restricted as
a medical document is (``documents/security.py``: local roles not
inherited): the agency's HR managers, the auditors, the administrators and,
once validated, the officer concerned see it; the unit's commander, the
clerks and reviewers do not. HR managers file it, four eyes between two of
them (an administrator validates when the agency has one). A decoration is
an ordinary act. Notation: ``sirhp.policy.base.access``.


The consistency check: who runs the careers consistency check (``sirhp: Check careers``: the
page @@controle-carrieres and GET @career-check): on an agency, its HR
managers, the auditors and the administrators; on the whole site, the
auditors and administrators (HR managers hold their role on their agency
only). Notation: ``sirhp.policy.base.access``. Not a ``Table`` (neither the
site nor an agency has a workflow state):
``tests/careers/test_career_check_access.py`` checks it for every persona,
in process and over HTTP.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import ORDINARY_RECORD_NOTE
from sirhp.policy.base.access import ORDINARY_RECORD_RULES
from sirhp.policy.base.access import RECORD_OPERATIONS
from sirhp.policy.base.access import RECORD_STATES
from sirhp.policy.base.access import Table
from sirhp.policy.documents.access import RESTRICTED_DOCUMENT

ACT_OPERATIONS = tuple(o for o in RECORD_OPERATIONS if o != "download")

SANCTION = Table(
    key="sanction",
    portal_type="CareerEvent",
    label=("Acte disciplinaire (sanction)", "Disciplinary act (sanction)"),
    states=RECORD_STATES,
    operations=ACT_OPERATIONS,
    # the same rules as a restricted document, by construction
    rules={
        key: personas
        for key, personas in RESTRICTED_DOCUMENT.rules.items()
        if key[1] in ACT_OPERATIONS
    },
    note=(
        "Blâme : l'héritage des rôles locaux est bloqué ; créé et soumis par "
        "hrmanager.pn, validé par siteadmin.",
        "Reprimand: local roles are not inherited; created and submitted by "
        "hrmanager.pn, validated by siteadmin.",
    ),
)

DECORATION = Table(
    key="decoration",
    portal_type="CareerEvent",
    label=("Décoration", "Decoration"),
    states=RECORD_STATES,
    operations=ACT_OPERATIONS,
    rules=ORDINARY_RECORD_RULES,
    note=ORDINARY_RECORD_NOTE,
)

# personas who check the Police nationale's careers
AGENCY_CHECKERS = HR | AUDITOR | ADMIN
# personas who check the whole site's careers
SITE_CHECKERS = AUDITOR | ADMIN
