"""THE access table of SIRHP: every content type, persona x state x operation.

One source of truth, read by

- ``test_access_tables.py``: every cell through the REST API **and** through
  the Classic UI (browser views), with the status, "a denial changes
  nothing" and "a denied read leaks no planted value";
- ``test_matrix_integration.py`` / ``test_badge_matrix.py``: the
  PersonnelFile and Badge tables in process (plone.api);
- ``scripts/render_security_doc.py``: ``docs/security.md`` (French and
  English), with the cell counts.

The PersonnelFile rows for read / edit / upload / medical data / transitions
are kept in ``matrix.py`` (historical layout, hand-written row by row), the
badge rules in ``badge_matrix.py``; everything else is declared here.

Personas (``matrix.PERSONAS``, roles on the Police nationale objects of the
test data, commissariat-1 of DR Bamako):

==================  =======================================================
clerk.pn            clerk, **author** of every record (Owner)
clerk2.pn           another clerk of the agency
clerk.ocs           clerk of the other agency
reviewer.pn         reviewer, **not the submitter**
clerkreviewer.pn    clerk and reviewer, **the submitter** of pending records
                    (four eyes: may not validate them) and the requester of
                    the staff change requests (may not approve them)
reviewer.ocs        reviewer of the other agency
hrmanager.pn        HR manager of the agency
hrmanager.ocs       HR manager of the other agency
commander.pn        commander of the unit of the records
commander2.pn       commander of another unit (Kayes)
auditor             Inspection: reads everything, changes nothing
siteadmin           site administrator ("Site Administrators" group)
officer             the officer concerned (user id = matricule)
other_officer       another officer (officer B)
anonymous           not logged in
==================  =======================================================

Records (documents, career events, badges, change requests) belong to
officer A's validated file (``pn_validated``). Restricted documents
(medical, disciplinary: Référentiels RH) are created and submitted by the HR
manager (four eyes between administrators and HR managers).
"""

from dataclasses import dataclass
from dataclasses import field
from tests.security import badge_matrix
from tests.security import file_operations_matrix
from tests.security import matrix
from tests.security.matrix import PERSONAS

# --- persona sets -----------------------------------------------------------

ADMIN = frozenset({"siteadmin"})
HR = frozenset({"hrmanager.pn"})
CLERKS = frozenset({"clerk.pn", "clerk2.pn", "clerkreviewer.pn"})
AUTHOR = frozenset({"clerk.pn"})
REVIEWERS = frozenset({"reviewer.pn", "clerkreviewer.pn"})
AUDITOR = frozenset({"auditor"})
COMMANDER = frozenset({"commander.pn"})
OFFICER = frozenset({"officer"})
NOBODY = frozenset()

# the agency's records staff, the auditors and the administrators
STAFF = CLERKS | REVIEWERS | HR | AUDITOR | ADMIN
# who sees validated records: + the unit's commander and the officer concerned
VALIDATED_READERS = STAFF | COMMANDER | OFFICER
# who edits a draft
EDITORS = CLERKS | HR | ADMIN
# who reviews (validate / reject) someone else's submission
REVIEW = REVIEWERS | HR | ADMIN
# records staff who turn a PATCH or the edit form of validated content into
# a change request (administrators edit in place instead)
PROPOSERS = CLERKS | HR

# --- operations -------------------------------------------------------------

OPERATION_LABELS = {
    "view": ("lire", "read"),
    "sensitive": ("données médicales", "medical data"),
    "photo": ("photo d'identité", "ID photo"),
    "download": ("télécharger", "download"),
    "edit": ("modifier", "edit"),
    "propose": ("proposer une modification", "propose a change"),
    "upload": ("déposer une pièce", "upload a document"),
    "delete": ("supprimer", "delete"),
    "history": ("historique", "history"),
    "audit": ("journal d'audit", "audit log"),
    "sharing": ("partage", "sharing"),
    "search": ("recherche et listes", "search and listings"),
    "submit": ("soumettre", "submit"),
    "validate": ("valider", "validate"),
    "reject": ("rejeter", "reject"),
    "archive": ("archiver", "archive"),
    "print": ("imprimer", "print"),
    "issue": ("remettre", "hand over"),
    "revoke": ("révoquer", "revoke"),
    "expire": ("constater l'expiration", "mark expired"),
    "approve": ("approuver", "approve"),
    "withdraw": ("retirer", "withdraw"),
}

STATE_LABELS = {
    "draft": ("Brouillon", "draft"),
    "pending": ("En attente de validation", "pending"),
    "validated": ("Validé", "validated"),
    "archived": ("Archivé", "archived"),
    "requested": ("Demandée", "requested"),
    "printed": ("Imprimée", "printed"),
    "issued": ("Remise", "issued"),
    "expired": ("Expirée", "expired"),
    "revoked": ("Révoquée", "revoked"),
    "approved": ("Approuvée", "approved"),
    "rejected": ("Rejetée", "rejected"),
    "withdrawn": ("Retirée", "withdrawn"),
    "recorded": ("Enregistré", "recorded"),
}

# Operations that change data: an allowed cell runs on an object of its own.
MUTATING = frozenset(
    {
        "edit",
        "propose",
        "upload",
        "delete",
        "submit",
        "validate",
        "reject",
        "archive",
        "print",
        "issue",
        "revoke",
        "expire",
        "approve",
        "withdraw",
    }
)
TRANSITIONS = frozenset(
    {
        "submit",
        "validate",
        "reject",
        "archive",
        "print",
        "issue",
        "revoke",
        "expire",
        "approve",
        "withdraw",
    }
)


@dataclass(frozen=True)
class Table:
    key: str
    portal_type: str
    label: tuple  # (French, English)
    states: tuple
    operations: tuple
    rules: dict = field(repr=False)  # (state, operation) -> personas allowed
    note: tuple = ("", "")  # (French, English)

    def allowed(self, persona, state, operation):
        return persona in self.rules.get((state, operation), NOBODY)

    def cells(self):
        return [
            (persona, state, operation, self.allowed(persona, state, operation))
            for persona in PERSONAS
            for state in self.states
            for operation in self.operations
        ]

    @property
    def cell_count(self):
        return len(PERSONAS) * len(self.states) * len(self.operations)


def _rules(**by_state):
    """{state: {operation: personas}} -> {(state, operation): personas}"""
    return {
        (state, operation): frozenset(personas)
        for state, operations in by_state.items()
        for operation, personas in operations.items()
    }


# --- PersonnelFile ----------------------------------------------------------


def _file_rules():
    rules = {}
    for state in matrix.STATES:
        for operation in matrix.OPERATIONS:
            name = "upload" if operation == "add" else operation
            rules[state, name] = frozenset(
                p for p in PERSONAS if matrix.allowed(p, state, operation)
            )
        for operation in file_operations_matrix.OPERATIONS:
            rules[state, operation] = frozenset(
                p
                for p in PERSONAS
                if file_operations_matrix.allowed(p, state, operation)
            )
        rules[state, "photo"] = rules[state, "view"]
        rules[state, "search"] = rules[state, "view"]
        rules[state, "history"] = STAFF
        rules[state, "delete"] = ADMIN
    rules["draft", "delete"] = AUTHOR | HR | ADMIN
    rules["validated", "propose"] = PROPOSERS
    return rules


FILE = Table(
    key="file",
    portal_type="PersonnelFile",
    label=("Dossier individuel", "Personnel file"),
    states=matrix.STATES,
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
    rules=_file_rules(),
    note=(
        "Le dossier de chaque état a son propre agent (« officer »). Le "
        "soumissionnaire du dossier en attente est clerk.pn.",
        "Each state's file has its own officer (\u201cofficer\u201d). The "
        "pending file was submitted by clerk.pn.",
    ),
)

# --- records of the file: documents and career events ------------------------

RECORD_STATES = ("draft", "pending", "validated", "archived")


def _record_rules(
    readers, editors, validators, rejecters, archivers, deleters, proposers
):
    validated_readers = readers | OFFICER | COMMANDER
    return _rules(
        draft={
            "view": readers,
            "download": readers,
            "edit": editors,
            "delete": deleters,
            "history": readers,
            "sharing": ADMIN,
            "search": readers,
            "submit": editors,
        },
        pending={
            "view": readers,
            "download": readers,
            "edit": ADMIN,
            "delete": ADMIN,
            "history": readers,
            "sharing": ADMIN,
            "search": readers,
            "validate": validators,
            "reject": rejecters,
        },
        validated={
            "view": validated_readers,
            "download": validated_readers,
            "edit": ADMIN,
            "propose": proposers,
            "delete": ADMIN,
            "history": readers,
            "sharing": ADMIN,
            "search": validated_readers,
            "archive": archivers,
        },
        archived={
            "view": readers,
            "download": readers,
            "edit": ADMIN,
            "delete": ADMIN,
            "history": readers,
            "sharing": ADMIN,
            "search": readers,
        },
    )


RECORD_OPERATIONS = (
    "view",
    "download",
    "edit",
    "propose",
    "delete",
    "history",
    "sharing",
    "search",
    "submit",
    "validate",
    "reject",
    "archive",
)

DOCUMENT = Table(
    key="document",
    portal_type="ScannedDocument",
    label=("Pièce numérisée", "Scanned document"),
    states=RECORD_STATES,
    operations=RECORD_OPERATIONS,
    rules=_record_rules(
        readers=STAFF,
        editors=EDITORS,
        validators=REVIEW - {"clerkreviewer.pn"},  # the submitter
        rejecters=REVIEW,  # sending one's own submission back is allowed
        archivers=HR | ADMIN,
        deleters=AUTHOR | HR | ADMIN,
        proposers=PROPOSERS,
    ),
    note=(
        "Pièce ordinaire (diplôme) du dossier validé de l'agent A, créée par "
        "clerk.pn, soumise par clerkreviewer.pn.",
        "Ordinary document (diploma) of officer A's validated file, created "
        "by clerk.pn, submitted by clerkreviewer.pn.",
    ),
)

_RESTRICTED_READERS = HR | AUDITOR | ADMIN
RESTRICTED_DOCUMENT = Table(
    key="restricted",
    portal_type="ScannedDocument",
    label=("Pièce à accès restreint (médicale)", "Restricted (medical) document"),
    states=RECORD_STATES,
    operations=RECORD_OPERATIONS,
    rules={
        **_record_rules(
            readers=_RESTRICTED_READERS,
            editors=HR | ADMIN,
            validators=ADMIN,  # hrmanager.pn submitted it
            rejecters=HR | ADMIN,
            archivers=HR | ADMIN,
            deleters=HR | ADMIN,
            proposers=HR,
        ),
        # the unit's commander does not see restricted documents
        **_rules(
            validated={
                "view": _RESTRICTED_READERS | OFFICER,
                "download": _RESTRICTED_READERS | OFFICER,
                "search": _RESTRICTED_READERS | OFFICER,
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

CAREER_EVENT = Table(
    key="event",
    portal_type="CareerEvent",
    label=("Acte de carrière", "Career event"),
    states=RECORD_STATES,
    operations=tuple(o for o in RECORD_OPERATIONS if o != "download"),
    rules=DOCUMENT.rules,
    note=DOCUMENT.note,
)

# --- change requests ----------------------------------------------------------

CHANGE_STATES = ("pending", "approved", "rejected", "withdrawn")
# no "history": a request is itself a record of the history (its page shows
# who asked, who decided, when and why) and is never versioned
CHANGE_OPERATIONS = (
    "view",
    "edit",
    "delete",
    "sharing",
    "search",
    "approve",
    "reject",
    "withdraw",
)
_REQUESTER = frozenset({"clerkreviewer.pn"})


def _change_rules(readers, requester):
    rules = {}
    for state in CHANGE_STATES:
        rules.update(
            _rules(
                **{
                    state: {
                        "view": readers,
                        "sharing": ADMIN,
                        "search": readers,
                    }
                }
            )
        )
    rules.update(
        _rules(
            pending={
                "approve": REVIEW - requester,
                "reject": REVIEW - requester,
                "withdraw": requester,
            }
        )
    )
    return rules


CHANGE_REQUEST = Table(
    key="change",
    portal_type="ChangeRequest",
    label=("Demande de modification (agent RH)", "Change request (staff)"),
    states=CHANGE_STATES,
    operations=CHANGE_OPERATIONS,
    rules=_change_rules(STAFF, _REQUESTER),
    note=(
        "Demandée par clerkreviewer.pn (qui ne peut pas l'approuver) sur le "
        "dossier validé de l'agent A ; une demande n'est jamais modifiée ni "
        "supprimée, pas même par un administrateur du site.",
        "Requested by clerkreviewer.pn (who may not approve it) on officer "
        "A's validated file; a request is never edited nor deleted, not even "
        "by a site administrator.",
    ),
)

OFFICER_REQUEST = Table(
    key="officer_request",
    portal_type="ChangeRequest",
    label=("Signalement de l'agent", "Officer's correction request"),
    states=CHANGE_STATES,
    operations=CHANGE_OPERATIONS,
    rules=_change_rules(STAFF | OFFICER, OFFICER),
    note=(
        "« Signaler une inexactitude » de l'agent A sur son propre dossier.",
        "\u201cReport an inaccuracy\u201d by officer A on his own file.",
    ),
)

# --- badges and print batches -----------------------------------------------


def _badge_rules():
    rules = {}
    for state in badge_matrix.BADGE_STATES:
        for operation in badge_matrix.BADGE_OPERATIONS:
            rules[state, operation] = frozenset(
                p for p in PERSONAS if badge_matrix.badge_allowed(p, state, operation)
            )
        rules[state, "search"] = rules[state, "view"]
        rules[state, "delete"] = ADMIN
        rules[state, "sharing"] = ADMIN
    return rules


BADGE = Table(
    key="badge",
    portal_type="Badge",
    label=("Carte professionnelle", "Police badge"),
    states=badge_matrix.BADGE_STATES,
    operations=(
        "view",
        "edit",
        "delete",
        "sharing",
        "search",
        "print",
        "issue",
        "revoke",
        "expire",
    ),
    rules=_badge_rules(),
    note=(
        "Cartes du dossier validé de l'agent A.",
        "Badges of officer A's validated file.",
    ),
)

BATCH = Table(
    key="batch",
    portal_type="BadgePrintBatch",
    label=("Lot d'impression de cartes", "Badge print batch"),
    states=("recorded",),
    operations=("view", "download", "edit", "delete", "sharing", "search"),
    rules=_rules(
        recorded={
            "view": STAFF,
            "download": STAFF,
            "sharing": ADMIN,
            "search": STAFF,
        }
    ),
    note=(
        "Trace d'une impression (PDF des cartes) : lecture seule pour tous, "
        "administrateurs du site compris.",
        "Record of a print run (the cards' PDF): read-only for everybody, "
        "site administrators included.",
    ),
)

TABLES = (
    FILE,
    DOCUMENT,
    RESTRICTED_DOCUMENT,
    CAREER_EVENT,
    CHANGE_REQUEST,
    OFFICER_REQUEST,
    BADGE,
    BATCH,
)
TABLE = {table.key: table for table in TABLES}
CELL_COUNT = sum(table.cell_count for table in TABLES)


def all_cells():
    """(table key, persona, state, operation, allowed) of every table."""
    return [(table.key, *cell) for table in TABLES for cell in table.cells()]
