"""Pages of official documents: the request form (the officer's « Mon
dossier » links to it), a document's page (prepare, issue, refuse, revoke),
its PDF, and the agency's register with its XLSX export. Thin: they call
``sirhp.content.attestations`` and show ``error.text(request)``."""

from datetime import date
from io import BytesIO
from openpyxl import Workbook
from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.attestations import api as attestation_api
from sirhp.content.attestations import rules
from sirhp.content.attestations import verification
from sirhp.content.base import hooks
from sirhp.content.permissions import IssueAttestations
from sirhp.content.permissions import PrepareAttestations
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate

KIND_LABELS = {
    rules.SERVICE: _("attestation_kind_service", default="Attestation de service"),
    rules.WORK: _("attestation_kind_work", default="Attestation de travail"),
    rules.RECORD: _("attestation_kind_record", default="État des services"),
}
STATE_LABELS = {
    "requested": _("attestation_state_requested", default="Demandée"),
    "prepared": _("attestation_state_prepared", default="Préparée"),
    "issued": _("attestation_state_issued", default="Délivrée"),
    "revoked": _("attestation_state_revoked", default="Révoquée"),
    "refused": _("attestation_state_refused", default="Refusée"),
}
MSG_REQUESTED = _(
    "attestation_requested",
    default="Demande enregistrée : la DRH vous délivrera le document.",
)
REGISTER_HEADERS = (
    _("attestation_col_number", default="Numéro"),
    _("attestation_col_kind", default="Document"),
    _("attestation_col_matricule", default="Matricule"),
    _("attestation_col_holder", default="Titulaire"),
    _("attestation_col_issued_by", default="Délivré par"),
    _("attestation_col_issued_on", default="Délivré le"),
    _("attestation_col_state", default="État"),
)
EXPORT = "export"  # the journal's action (sirhp.policy.audit.journal.EXPORT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Labels(SirhpView):
    def t(self, message):
        return translate(message, context=self.request)

    def kind_label(self, kind):
        return self.t(KIND_LABELS[kind]) if kind in KIND_LABELS else ""

    def attestation_state(self, state):
        return self.t(STATE_LABELS[state]) if state in STATE_LABELS else state

    def kinds(self):
        return [{"value": k, "title": self.kind_label(k)} for k in rules.KINDS]


class RequestForm(_Labels):
    """``<file>/@@demander-attestation``: kind and purpose (as POST
    @attestations), then the file's requests."""

    error = None
    done = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                attestation_api.request_document(
                    file=self.context,
                    kind=self.request.form.get("kind"),
                    purpose=self.request.form.get("purpose"),
                    today=date.today(),
                )
            except attestation_api.AttestationError as error:
                self.request.response.setStatus(400)
                self.error = error.text(self.request)
            else:
                self.done = self.t(MSG_REQUESTED)
        return self.index()

    def requests(self):
        return attestation_api.requests_of(file=self.context)


class AttestationPage(_Labels):
    """A document: its state, number, signer; prepare (signer) and issue
    forms for who may; refuse and revoke through the transition form."""

    error = None

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and form.get("action") in ("prepare", "issue"):
            CheckAuthenticator(self.request)
            try:
                if form["action"] == "prepare":
                    attestation_api.prepare(
                        attestation=self.context,
                        signer_name=form.get("signer_name"),
                        signer_title=form.get("signer_title"),
                    )
                else:
                    attestation_api.issue(
                        attestation=self.context,
                        signer_name=form.get("signer_name"),
                        signer_title=form.get("signer_title"),
                        today=date.today(),
                    )
            except attestation_api.AttestationError as error:
                self.request.response.setStatus(400)
                self.error = error.text(self.request)
        return self.index()

    def state(self):
        return api.content.get_state(self.context)

    def may_prepare(self):
        return self.state() == "requested" and has_permission(
            PrepareAttestations, self.context
        )

    def may_issue(self):
        return (
            self.state() in ("requested", "prepared")
            and has_permission(IssueAttestations, self.context)
            and attestation_api.may_issue(self.context)
        )

    def may_download(self):
        return attestation_api.may_download(attestation=self.context)


class DocumentDownload(SirhpView):
    """``<document>/@@document.pdf``: ``sirhp: Download attestation`` (the
    holder, the agency's HR managers, administrators; issued only);
    journaled."""

    def __call__(self):
        filename, data = verification.document_pdf(attestation=self.context)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Cache-Control", "no-store")
        return data


class RegisterView(_Labels):
    """``<agency>/@@registre-attestations``: number, kind, holder, issuer,
    date, state; filters by year, kind and state (catalog only)."""

    def filters(self):
        form = self.request.form
        year = str(form.get("year") or "").strip()
        return {
            "year": int(year) if year.isdigit() and len(year) == 4 else None,
            "kind": form.get("kind") if form.get("kind") in rules.KINDS else None,
            "state": form.get("state") if form.get("state") in STATE_LABELS else None,
        }

    def states(self):
        return [{"value": s, "title": self.t(m)} for s, m in STATE_LABELS.items()]

    def rows(self):
        return attestation_api.register(agency=self.context, **self.filters())

    def table(self):
        return [[self.t(h) for h in REGISTER_HEADERS]] + [
            cells for _url, cells in self.entries()
        ]

    def entries(self):
        """``(url of the document, its cells)`` per row: the page links each
        row to the document (to prepare, issue or revoke it)."""
        entries = []
        for row in self.rows():
            entries.append(
                (
                    row["url"],
                    [
                        row["number"],
                        self.kind_label(row["kind"]),
                        row["matricule"] or "",
                        row["name"],
                        row["issued_by"],
                        rules.fmt(row["issued_on"]),
                        self.attestation_state(row["review_state"]),
                    ],
                )
            )
        return entries


class RegisterXlsx(RegisterView):
    """``@@registre-attestations.xlsx``: the page's table; journaled."""

    def __call__(self):
        book = Workbook()
        sheet = book.active
        sheet.title = "Registre"
        for row in self.table():
            sheet.append(row)
        out = BytesIO()
        book.save(out)
        hooks.journal(
            EXPORT, obj=self.context, request=self.request, detail=self.__name__
        )
        response = self.request.response
        response.setHeader("Content-Type", XLSX)
        response.setHeader(
            "Content-Disposition",
            'attachment; filename="registre-attestations.xlsx"',
        )
        return out.getvalue()
