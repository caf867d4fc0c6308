"""Access tables of the careers domain. Notation: ``sirhp.policy.base.access``.

A sanction act (event type ``sanction`` or ``suspension``) is restricted as
a medical document is (``documents/security.py``: local roles not
inherited): the agency's HR managers, the auditors, the administrators and,
once validated, the officer concerned see it; the unit's commander, the
clerks and reviewers do not. HR managers file it, four eyes between two of
them (an administrator validates when the agency has one). A decoration is
an ordinary act.

Who runs the careers consistency check (``sirhp: Check careers``: the
page @@controle-carrieres and GET @career-check): on an agency, its HR
managers, the auditors and the administrators; on the whole site, the
auditors and administrators (HR managers hold their role on their agency
only). Notation: ``sirhp.policy.base.access``. Not a ``Table`` (neither the
site nor an agency has a workflow state):
``tests/careers/test_career_check_access.py`` checks it for every persona,
in process and over HTTP.

CAREERS: the endpoints and pages of careers, retirement, référentiels and
leave, every persona. They hang on the officer A's validated file, its
agency (Police nationale) or the site, not on the states of one type: one
pseudo-state ``validated`` (the file's), one operation per endpoint. Checked
over HTTP by ``tests/careers/test_careers_access.py`` (a POST is sent a
body the API refuses: answered 400, the permission let it through, nothing
is stored). Not in ``sirhp.policy.access`` TABLES: the shared harness of
``tests/security`` asks the operations of content types.

================== ==========================================================
career             GET <file>/@career
career_at          GET <file>/@career?at=2020-01-01
collective_act     POST <agency>/@collective-act
collective_page    GET <agency>/@@acte-collectif
collective_batch   POST <agency>/@collective-decision (the agency's View;
                   the record workflow's guards then decide act by act)
retirements        GET <agency>/@retirements?start=2026&end=2030
retirements_page   GET <agency>/@@departs-retraite
referentials_read  GET <site>/@referentials
referentials_add   POST <agency>/@referentials
statute_mapping    POST <agency>/@statute-mapping
referentials_panel GET <agency>/@@referentiels-statut
leave              POST <file>/@leave
leave_balance      GET <file>/@leave-balance
absences           GET <agency>/@absences
leave_page         GET <file>/@@demander-conge
career_check       GET <agency>/@career-check
career_check_page  GET <agency>/@@controle-carrieres
eligibility        GET <file>/@eligibility
================== ==========================================================
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import CLERKS
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table
from sirhp.policy.base.access import VALIDATED_READERS
from sirhp.policy.documents.access import RESTRICTED_DOCUMENT
from sirhp.policy.workflow.access import ORDINARY_RECORD_NOTE
from sirhp.policy.workflow.access import ORDINARY_RECORD_RULES
from sirhp.policy.workflow.access import RECORD_OPERATIONS
from sirhp.policy.workflow.access import RECORD_STATES

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

CAREERS_OPERATIONS = (
    "career",
    "career_at",
    "collective_act",
    "collective_page",
    "collective_batch",
    "retirements",
    "retirements_page",
    "referentials_read",
    "referentials_add",
    "statute_mapping",
    "referentials_panel",
    "leave",
    "leave_balance",
    "absences",
    "leave_page",
    "career_check",
    "career_check_page",
    "eligibility",
)
LOGGED_IN = frozenset(PERSONAS) - {"anonymous"}
# who manages the agency's staff: its clerks, HR manager, administrators
AGENCY_RECORDS = CLERKS | HR | ADMIN
RETIREMENT_READERS = HR | AUDITOR | ADMIN
REFERENTIALS = HR | ADMIN
# leave is requested by the officer or the agency's clerks (HR managers
# decide, never request: sirhp: Add LeaveRequest)
LEAVE_REQUESTERS = CLERKS | ADMIN | OFFICER

CAREERS = Table(
    key="careers",
    portal_type="PersonnelFile",
    label=(
        "Carrière, retraite, référentiels et congés (services et pages)",
        "Careers, retirement, référentiels and leave (services and pages)",
    ),
    states=("validated",),
    operations=CAREERS_OPERATIONS,
    rules=rows(
        validated={
            "career": VALIDATED_READERS,
            "career_at": VALIDATED_READERS,
            "collective_act": AGENCY_RECORDS,
            "collective_page": AGENCY_RECORDS,
            # the agency's View, as @absences
            "collective_batch": STAFF,
            "retirements": RETIREMENT_READERS,
            "retirements_page": RETIREMENT_READERS,
            "referentials_read": LOGGED_IN,
            "referentials_add": REFERENTIALS,
            "statute_mapping": REFERENTIALS,
            "referentials_panel": REFERENTIALS,
            "leave": LEAVE_REQUESTERS,
            "leave_balance": VALIDATED_READERS,
            # the agency's View; a commander asks <its unit>/@absences
            "absences": STAFF,
            "leave_page": LEAVE_REQUESTERS,
            "career_check": AGENCY_CHECKERS,
            "career_check_page": AGENCY_CHECKERS,
            "eligibility": VALIDATED_READERS,
        }
    ),
    note=(
        "Sur le dossier validé de l'agent A, son agence (Police nationale) ou "
        "le site ; un POST reçoit un corps refusé par l'API (400 : la "
        "permission l'a laissé passer, rien n'est enregistré).",
        "On officer A's validated file, its agency (Police nationale) or the "
        "site; a POST is sent a body the API refuses (400: the permission "
        "let it through, nothing is stored).",
    ),
)
