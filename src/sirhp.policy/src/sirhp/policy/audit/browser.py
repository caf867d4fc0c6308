"""Views of the journal: @@journal (+ CSV), @@mes-consultations, and the
form that records the reason of a sensitive consultation."""

import csv
import datetime
import io
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from sirhp.content.base.people import full_name
from sirhp.policy import _
from sirhp.policy.audit import journal as actions
from sirhp.policy.audit import reasons
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.details import detail_text
from sirhp.policy.audit.health import journal_health
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.audit.query import JournalQuery
from sirhp.policy.base.views import SirhpView
from urllib.parse import urlencode
from zExceptions import BadRequest
from zExceptions import Unauthorized
import zoneinfo
from zope.i18n import translate

ACTION_LABELS = {
    actions.VIEW: _("audit_view", default="Consultation"),
    actions.VIEW_SENSITIVE: _("audit_view_sensitive", default="Données médicales"),
    actions.REASON: _("audit_reason", default="Motif déclaré"),
    actions.DOWNLOAD: _("audit_download", default="Téléchargement"),
    actions.CREATE: _("audit_create", default="Création"),
    actions.MODIFY: _("audit_modify", default="Modification"),
    actions.DELETE: _("audit_delete", default="Suppression"),
    actions.MOVE: _("audit_move", default="Déplacement"),
    actions.TRANSITION: _("audit_transition", default="Transition"),
    actions.DENIED: _("audit_denied", default="Accès refusé"),
    actions.LOGIN: _("audit_login", default="Connexion"),
    actions.LOGIN_FAILED: _("audit_login_failed", default="Échec de connexion"),
    actions.LOGIN_LOCKED: _("audit_login_locked", default="Connexion bloquée"),
    actions.LOGOUT: _("audit_logout", default="Déconnexion"),
    actions.EXPORT: _("audit_export", default="Export"),
    actions.TOTP_CODES: _("audit_totp_codes", default="Codes de secours générés"),
    actions.TOTP_RECOVERY: _("audit_totp_recovery", default="Code de secours utilisé"),
    actions.TOTP_RESET: _(
        "audit_totp_reset", default="Double authentification réinitialisée"
    ),
    actions.TEXT_EXTRACTION: _(
        "audit_text_extraction", default="Extraction du texte (automate)"
    ),
    actions.CAREER_ACTS_BUILT: _(
        "audit_career_acts_built", default="Actes de carrière reconstitués"
    ),
    actions.CAREERS_APPLIED: _(
        "audit_careers_applied", default="Actes de carrière appliqués au dossier"
    ),
    actions.CAREERS_RETIREMENT_PROPOSED: _(
        "audit_careers_retirement_proposed",
        default="Admission à la retraite proposée (limite d'âge)",
    ),
    actions.PROMOTION_BUILT: _(
        "audit_promotion_built", default="Tableau d'avancement établi"
    ),
    actions.PROMOTION_PUBLISHED: _(
        "audit_promotion_published", default="Tableau d'avancement publié"
    ),
    actions.PROMOTION_EXCEPTIONAL: _(
        "audit_promotion_exceptional", default="Promotion exceptionnelle proposée"
    ),
    actions.TRAINING_CLOSED: _(
        "audit_training_closed", default="Session de formation close"
    ),
    actions.EVALUATION_OPENED: _(
        "audit_evaluation_opened",
        default="Campagne d'évaluation ouverte (évaluations créées)",
    ),
    actions.LEGACY_IMPORT: _("audit_legacy_import", default="Reprise de registre"),
    actions.DEPLOYMENT_SEARCH: _(
        "audit_deployment_search", default="Recherche pour déploiement"
    ),
    actions.DEPLOYMENT_LIST: _(
        "audit_deployment_list", default="Liste de déploiement enregistrée"
    ),
    actions.RECRUITMENT_CANDIDATE: _(
        "audit_recruitment_candidate", default="Candidat enregistré"
    ),
    actions.RECRUITMENT_SCORES: _("audit_recruitment_scores", default="Notes saisies"),
    actions.RECRUITMENT_ELIMINATED: _(
        "audit_recruitment_eliminated", default="Candidat éliminé"
    ),
    actions.RECRUITMENT_IMPORT: _(
        "audit_recruitment_import", default="Notes importées (tableur)"
    ),
    actions.RECRUITMENT_TRANSITION: _(
        "audit_recruitment_transition", default="Campagne de recrutement : transition"
    ),
    actions.RECRUITMENT_ADMITTED: _(
        "audit_recruitment_admitted", default="Dossier créé pour un admis au concours"
    ),
    actions.RECRUITMENT_ADMISSIONS: _(
        "audit_recruitment_admissions", default="Dossiers des admis créés"
    ),
    actions.RECRUITMENT_NOMINATED: _(
        "audit_recruitment_nominated", default="Admis inscrit à sa session de formation"
    ),
    actions.RECRUITMENT_NOMINATION_REFUSED: _(
        "audit_recruitment_nomination_refused",
        default="Inscription de l'admis à sa session refusée",
    ),
    actions.ATTESTATION_REQUESTED: _(
        "audit_attestation_requested", default="Attestation demandée"
    ),
    actions.ATTESTATION_ISSUED: _(
        "audit_attestation_issued", default="Attestation délivrée"
    ),
    actions.ATTESTATION_REVOKED: _(
        "audit_attestation_revoked", default="Attestation révoquée"
    ),
    actions.ATTESTATION_REFUSED: _(
        "audit_attestation_refused", default="Attestation refusée"
    ),
}

# The role an officer sees for a consultation of his or her file (no names).
ROLE_LABELS = (
    ("HRManager", _("role_hrmanager", default="Gestionnaire RH")),
    ("RecordsReviewer", _("role_reviewer", default="Valideur")),
    ("RecordsClerk", _("role_clerk", default="Bureau des archives")),
    ("UnitCommander", _("role_commander", default="Commandant d'unité")),
    ("Auditor", _("role_auditor", default="Inspection")),
    ("Manager", _("role_admin", default="Administrateur")),
    ("Site Administrator", _("role_admin", default="Administrateur")),
)
CONSULTATIONS = (actions.VIEW, actions.VIEW_SENSITIVE, actions.DOWNLOAD)
CSV_COLUMNS = actions.FIELDS  # the journal's own columns, in its order
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
OFFICER_SETTING = "sirhp.audit.officer_sees_consultations"
LOCAL_TZ = zoneinfo.ZoneInfo("Africa/Bamako")


def csv_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def format_ts(value) -> str:
    """The UTC timestamp of the journal in Bamako time (UTC+0, no DST)."""
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return value or ""
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M:%S")


def role_label(roles: str):
    present = set((roles or "").split(","))
    for role, label in ROLE_LABELS:
        if role in present:
            return label
    return _("role_staff", default="Personnel")


def consultations_for_matricule(matricule, limit=100):
    """Who consulted the file ``matricule``: date and role only, newest first.

    Empty when the site does not let officers see it
    (registry ``sirhp.audit.officer_sees_consultations``). The officer's
    own readings are left out.
    """
    if not matricule or not api.portal.get_registry_record(
        OFFICER_SETTING, default=False
    ):
        return []
    events = get_journal().query(
        matricule=matricule,
        action=CONSULTATIONS,
        exclude_user=matricule,
        limit=limit,
    )
    return [
        {
            "date": format_ts(event["ts"]),
            "role": role_label(event["roles"]),
            "sensitive": event["action"] == actions.VIEW_SENSITIVE,
        }
        for event in events
    ]


class JournalView(SirhpView):
    """@@journal on the site (auditors) or on an agency (its HR managers)."""

    def __call__(self):
        self.query = JournalQuery.from_request(self.context, self.request)
        if self.query.errors:
            self.request.response.setStatus(400)
        return self.index()

    def errors(self):
        return self.query.error_texts(self.request)

    def health(self):
        """The journal's health (site page only: it is site-wide)."""
        return None if self.query.agency else journal_health()

    def megabytes(self, value):
        return "?" if value is None else f"{value / 1024 / 1024:.1f}"

    def action_options(self):
        return [
            {"value": action, "title": translate(label, context=self.request)}
            for action, label in ACTION_LABELS.items()
        ]

    def action_title(self, action):
        return ACTION_LABELS.get(action, action)

    def format_ts(self, value):
        return format_ts(value)

    def detail_text(self, value):
        return detail_text(value)

    def actor_name(self, user_id):
        return full_name(user_id)

    def total(self):
        return 0 if self.query.errors else self.query.total()

    def rows(self):
        return [] if self.query.errors else self.query.page()

    def _url(self, name, **extra):
        params = dict(self.query.params(), **extra)
        base = f"{self.context.absolute_url()}/{name}"
        return f"{base}?{urlencode(params)}" if params else base

    def export_url(self):
        return self._url("@@journal.csv")

    def previous_url(self):
        start = self.query.b_start - self.query.b_size
        if self.query.b_start <= 0:
            return None
        return self._url("@@journal", b_start=max(0, start), b_size=self.query.b_size)

    def next_url(self):
        start = self.query.b_start + self.query.b_size
        if start >= self.total():
            return None
        return self._url("@@journal", b_start=start, b_size=self.query.b_size)


class JournalExport(BrowserView):
    """@@journal.csv: the filtered journal as CSV (semicolons, UTF-8 BOM)."""

    def __call__(self):
        query = JournalQuery.from_request(self.context, self.request)
        if query.errors:
            raise BadRequest(" ".join(query.error_texts(self.request)))
        rows = query.export_rows()
        log_event(
            actions.EXPORT,
            request=self.request,
            detail={"journal": query.params(), "rows": len(rows)},
            path=query.agency or "",
        )
        output = io.StringIO()
        writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow([csv_cell(row[column]) for column in CSV_COLUMNS])
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        scope = query.agency or "sirhp"
        response.setHeader(
            "Content-Disposition", f'attachment; filename="journal-{scope}.csv"'
        )
        response.setHeader("Cache-Control", "no-store")
        return "\ufeff" + output.getvalue()


class MyConsultationsView(SirhpView):
    """@@mes-consultations: who consulted my file (role and date only)."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connexion requise.")
        return self.index()

    def enabled(self):
        return bool(api.portal.get_registry_record(OFFICER_SETTING, default=False))

    def own_file(self):
        user_id = api.user.get_current().getId()
        brains = api.content.find(portal_type="PersonnelFile", matricule=user_id)
        return brains[0] if brains else None

    def consultations(self):
        brain = self.own_file()
        if brain is None:
            return []
        return consultations_for_matricule(brain.matricule)


class ReasonForm(BrowserView):
    """@@motif-consultation (POST): the reason of a sensitive consultation."""

    def __call__(self):
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST":
            raise BadRequest("POST attendu.")
        CheckAuthenticator(self.request)
        target = f"{self.context.absolute_url()}#sante"
        given = reasons.normalise(
            self.request.form.get("reason"), self.request.form.get("reason_text")
        )
        if given is None:
            api.portal.show_message(
                _(
                    "error_reason_invalid",
                    default="Motif invalide : choisissez un motif dans la liste "
                    "(et précisez-le pour « Autre »).",
                ),
                request=self.request,
                type="error",
            )
            return self.request.response.redirect(target)
        user_id = api.user.get_current().getId()
        log_event(
            actions.REASON,
            obj=self.context,
            request=self.request,
            reason=reasons.format_reason(given),
            raise_errors=True,
        )
        reasons.set_cookie(self.request, user_id, *given)
        return self.request.response.redirect(target)
