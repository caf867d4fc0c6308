"""The notation of SIRHP's access policy: who may do what, per type and state.

Each domain declares its table beside its code (``files/access.py``,
``documents/access.py``, ``changes/access.py``, ``badges/access.py``);
``sirhp.policy.access`` lists them all; the rows of the record workflow
they share are ``sirhp.policy.workflow.access``. A table says, for every workflow
state and operation, the personas allowed; every other persona is refused.
Pure Python, no Zope import: the tests read the tables (every cell in
process, the wiring and the no-leak rule over HTTP) and
``scripts/render_security_doc.py`` renders them into ``docs/security.md``.

Personas are roles on the Police nationale objects of the test data
(``sirhp.policy.testdata``), commissariat-1 of DR Bamako:

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
recruiter.pn        recruitment officer of the agency (RecruitmentOfficer):
                    runs its concours, never reads a staff file
recruiter.ocs       recruitment officer of the other agency
auditor             Inspection: reads everything, changes nothing
siteadmin           site administrator ("Site Administrators" group)
officer             the officer concerned (user id = matricule)
other_officer       another officer (officer B)
anonymous           not logged in
==================  =======================================================
"""

from dataclasses import dataclass
from dataclasses import field
from typing import NamedTuple

# --- personas ---------------------------------------------------------------

# (French, English) labels, in the order of the tables
PERSONA_LABELS = {
    "clerk.pn": ("agent de saisie, auteur", "clerk, author"),
    "clerk2.pn": ("autre agent de saisie", "another clerk"),
    "clerk.ocs": ("agent de saisie de l'autre agence", "clerk, other agency"),
    "reviewer.pn": ("valideur (pas le soumissionnaire)", "reviewer, not submitter"),
    "clerkreviewer.pn": (
        "agent de saisie et valideur, soumissionnaire / demandeur",
        "clerk and reviewer, submitter / requester",
    ),
    "reviewer.ocs": ("valideur de l'autre agence", "reviewer, other agency"),
    "hrmanager.pn": ("gestionnaire RH de l'agence", "HR manager of the agency"),
    "hrmanager.ocs": ("gestionnaire RH de l'autre agence", "HR manager, other agency"),
    "commander.pn": ("chef de l'unité", "commander of the unit"),
    "commander2.pn": ("chef d'une autre unité", "commander of another unit"),
    "recruiter.pn": ("chargé du recrutement de l'agence", "recruitment officer"),
    "recruiter.ocs": (
        "chargé du recrutement de l'autre agence",
        "recruitment officer, other agency",
    ),
    "auditor": ("inspection (auditeur)", "auditor"),
    "siteadmin": ("administrateur du site", "site administrator"),
    "officer": ("l'agent concerné", "the officer concerned"),
    "other_officer": ("un autre agent", "another officer"),
    "anonymous": ("anonyme", "anonymous"),
}
PERSONAS = tuple(PERSONA_LABELS)

# where each persona stands, from the closest to the objects to the farthest
# (a refusal to the closest is the likeliest to leak)
SAME_AGENCY = (
    "clerk.pn",
    "clerk2.pn",
    "clerkreviewer.pn",
    "reviewer.pn",
    "hrmanager.pn",
    "commander.pn",
    "officer",
    "commander2.pn",
    "recruiter.pn",
    "other_officer",
)
SITE_WIDE = ("auditor", "siteadmin")
OTHER_AGENCY = ("clerk.ocs", "reviewer.ocs", "hrmanager.ocs", "recruiter.ocs")
ANONYMOUS = "anonymous"

# --- persona sets -----------------------------------------------------------

ADMIN = frozenset({"siteadmin"})
HR = frozenset({"hrmanager.pn"})
CLERKS = frozenset({"clerk.pn", "clerk2.pn", "clerkreviewer.pn"})
AUTHOR = frozenset({"clerk.pn"})
REVIEWERS = frozenset({"reviewer.pn", "clerkreviewer.pn"})
AUDITOR = frozenset({"auditor"})
COMMANDER = frozenset({"commander.pn"})
OFFICER = frozenset({"officer"})
RECRUITER = frozenset({"recruiter.pn"})
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
# who reads medical data ("sirhp: Field: read sensitive")
MEDICAL_READERS = HR | AUDITOR | ADMIN

# --- operations and states --------------------------------------------------

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
    "attachment": ("pièce justificative", "supporting scan"),
    "cancel": ("annuler", "cancel"),
    # careers: one operation per endpoint or page (careers/access.py)
    "career": ("carrière (@career)", "career (@career)"),
    "career_at": ("carrière à une date", "career on a date"),
    "collective_act": ("acte collectif", "collective act"),
    "collective_page": ("page de l'acte collectif", "collective act page"),
    "collective_batch": (
        "lot d'une décision collective (soumettre, valider)",
        "collective decision batch (submit, validate)",
    ),
    "retirements": ("départs à la retraite (@retirements)", "retirements"),
    "retirements_page": ("page des départs à la retraite", "retirements page"),
    "referentials_read": ("lire les référentiels", "read the référentiels"),
    "referentials_add": ("nouvelle version des référentiels", "new référentiels"),
    "statute_mapping": ("reclassement statutaire", "statutory regrading"),
    "referentials_panel": ("panneau des référentiels", "référentiels panel"),
    "leave": ("demander un congé (@leave)", "request leave (@leave)"),
    "leave_balance": ("solde de congés", "leave balance"),
    "absences": ("absences du jour", "absences of the day"),
    "leave_page": ("page de demande de congé", "leave request page"),
    "career_check": ("contrôle des carrières (@career-check)", "careers check"),
    "career_check_page": ("page du contrôle des carrières", "careers check page"),
    "eligibility": ("éligibilité à l'avancement (@eligibility)", "eligibility"),
    # evaluation (evaluation/access.py)
    "marks": ("notes et appréciation", "marks and assessment"),
    "evaluate": ("noter (@evaluation)", "fill the marks (@evaluation)"),
    "acknowledge": ("prendre connaissance", "acknowledge"),
    "contest": ("contester", "contest"),
    "revise": ("réviser", "revise"),
    "lapse": ("constater le silence (délai passé)", "lapse (silence)"),
    "campaign_status": ("suivi de campagne (@campaign-status)", "campaign status"),
    # an agency's list page of campaigns, tables, concours (base/agency_list.py)
    "agency_list": (
        "liste de l'agence (@@campagnes-evaluation, @@tableaux-avancement, "
        "@@campagnes-recrutement)",
        "the agency's list page",
    ),
    "open": (
        "ouvrir la campagne : créer les évaluations (@evaluations)",
        "open the campaign: create the evaluations",
    ),
    # training (training/access.py)
    "coverage": ("couverture des formations (@training-coverage)", "coverage"),
    "record": ("enregistrer les résultats", "record the results"),
    "close": ("clôturer", "close"),
    "nominate": ("désigner un participant (page de la session)", "nominate"),
    "results": ("saisir les résultats (page de la session)", "enter results"),
    "certificate": ("attestation de formation (@@attestation)", "certificate"),
    # promotion (promotion/access.py)
    "build": ("établir le classement", "build the ranking"),
    "decisions": ("saisir les décisions de la commission", "record decisions"),
    "retract": ("retirer (retour au brouillon)", "retract"),
    "decide": ("arrêter les décisions", "decide"),
    "publish": ("publier (promotions, résultats d'un concours)", "publish"),
    # fairness (fairness/access.py)
    "fairness": ("équité d'un tableau (@fairness?table=)", "fairness of a table"),
    "fairness_year": ("équité d'une année (@fairness?year=)", "fairness of a year"),
    "fairness_page": ("page de l'équité (@@equite)", "fairness page"),
    "fairness_xlsx": ("export tableur (@@equite.xlsx)", "spreadsheet export"),
    "fairness_pdf": ("export PDF (@@equite.pdf)", "PDF export"),
    # dashboard (indicators/access.py)
    "indicators": ("chiffres du tableau de bord (@indicators)", "dashboard figures"),
    "indicators_page": ("tableau de bord (@@tableau-de-bord)", "dashboard page"),
    "indicators_xlsx": (
        "export tableur (@@tableau-de-bord.xlsx)",
        "dashboard spreadsheet export",
    ),
    # attestations (attestations/access.py)
    "prepare": ("préparer (signataire)", "prepare (signer)"),
    "refuse": ("refuser", "refuse"),
    "attestation_pdf": ("télécharger le document (@@document.pdf)", "download"),
    # recruitment (recruitment/access.py)
    "open_recruitment": ("ouvrir les candidatures", "open the candidatures"),
    "propose_results": ("proposer les résultats", "propose the results"),
    "reopen": ("rouvrir (retour aux notes)", "reopen (back to the marks)"),
    "candidates": ("candidats (@candidates)", "candidates (@candidates)"),
    "statistics": (
        "statistiques (@recruitment-statistics, @@statistiques-recrutement)",
        "statistics",
    ),
    "recruitment_results": (
        "résultats (@recruitment-results, @@resultats)",
        "results",
    ),
    "admissions": (
        "dossiers des admis (POST @admissions)",
        "admitted candidates' files (POST @admissions)",
    ),
    "candidate_marks": ("notes du candidat (@@notes)", "candidate's marks (@@notes)"),
    # deployment lists (deployment/access.py)
    "activate": ("activer", "activate"),
    "deployment_list": ("la liste (GET @deployment-list)", "the list (REST)"),
    "list_xlsx": ("export tableur (@@liste.xlsx)", "spreadsheet export"),
    "list_pdf": ("liste nominative (@@liste.pdf)", "PDF nominative list"),
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
    "cancelled": ("Annulée", "cancelled"),
    "recorded": ("Enregistré", "recorded"),
    "to_acknowledge": ("En attente de l'agent", "to acknowledge"),
    "contested": ("Contestée", "contested"),
    "acknowledged": ("Prise de connaissance", "acknowledged"),
    "internal": ("Interne", "internal"),
    "planned": ("Planifiée", "planned"),
    "results_recorded": ("Résultats enregistrés", "results recorded"),
    "closed": ("Close", "closed"),
    "submitted": ("Soumis à la commission", "submitted"),
    "decided": ("Décidé", "decided"),
    "published": ("Publié", "published"),
    "prepared": ("Préparée", "prepared"),
    "refused": ("Refusée", "refused"),
    "open": ("Candidatures ouvertes", "open"),
    "results_proposed": ("Résultats proposés", "results proposed"),
    "registered": ("Inscrit", "registered"),
    "active": ("Active", "active"),
}

# workflow transitions (the others are reads, writes and pages)
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
        "cancel",
        # evaluation and training (evaluation/access.py, training/access.py)
        "acknowledge",
        "contest",
        "revise",
        "lapse",
        "record",
        "close",
        # promotion (promotion/access.py)
        "retract",
        "decide",
        "publish",
        # attestations (attestations/access.py)
        "prepare",
        "refuse",
        # recruitment and deployment lists (recruitment/, deployment/access.py)
        "open_recruitment",
        "propose_results",
        "reopen",
        "activate",
    }
)
# the workflow transition of an operation named otherwise (the evaluation
# campaign's ``open`` is an operation of its own, not a transition)
TRANSITION_IDS = {"open_recruitment": "open"}


def transition_id(operation):
    """The workflow transition an operation of ``TRANSITIONS`` fires."""
    return TRANSITION_IDS.get(operation, operation)


# operations that change data when allowed
MUTATING = TRANSITIONS | {
    "edit",
    "propose",
    "upload",
    "delete",
    "build",
    "open",
    "decisions",
    "nominate",
    "results",
    "admissions",
}


# --- tables -----------------------------------------------------------------


class Cell(NamedTuple):
    """One answer of the policy: may ``persona`` do ``operation`` in ``state``?"""

    table: str
    persona: str
    state: str
    operation: str
    allowed: bool


@dataclass(frozen=True)
class Table:
    """The access table of one content type (or one kind of object of it)."""

    key: str
    portal_type: str
    label: tuple  # (French, English)
    states: tuple
    operations: tuple
    rules: dict = field(repr=False)  # (state, operation) -> personas allowed
    note: tuple = ("", "")  # (French, English)

    def __post_init__(self):
        """A row naming an unknown state, operation or persona is a typo."""
        for (state, operation), personas in self.rules.items():
            unknown = personas - set(PERSONAS)
            if state not in self.states or operation not in OPERATION_LABELS:
                raise ValueError(f"{self.key}: no ({state}, {operation}) here")
            if unknown:
                raise ValueError(f"{self.key}: unknown personas {sorted(unknown)}")

    def allowed(self, persona, state, operation):
        return persona in self.rules.get((state, operation), NOBODY)

    def cells(self):
        """Every cell, persona by persona, state by state, in a stable order."""
        return [
            Cell(
                self.key,
                persona,
                state,
                operation,
                self.allowed(persona, state, operation),
            )
            for persona in PERSONAS
            for state in self.states
            for operation in self.operations
        ]

    @property
    def cell_count(self):
        return len(PERSONAS) * len(self.states) * len(self.operations)


def rows(**by_state):
    """``rows(draft={"view": STAFF, ...}, ...)`` -> {(state, operation): personas}.

    An operation not named in a state is refused to everybody there.
    """
    return {
        (state, operation): frozenset(personas)
        for state, operations in by_state.items()
        for operation, personas in operations.items()
    }
