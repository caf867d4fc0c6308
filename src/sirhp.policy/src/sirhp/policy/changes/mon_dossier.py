"""Mon dossier: the officer's own space (``@@mon-dossier``).

The officer's validated file (identity, career, assignment, skills,
documents, badge), his or her change requests with their status, a
simplified history of the validated changes, and the form « Signaler une
inexactitude » that makes a change request. Everything is found through the
catalog with the officer's own rights, except the simplified history
(``sirhp.content.changes.api.decisions``).
"""

from functools import cached_property
from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.attestations import api as attestations
from sirhp.content.changes import api as changes
from sirhp.content.changes.rules import MAX_JUSTIFICATION
from sirhp.content.changes.rules import OFFICER
from sirhp.content.deployment import lists as deployment_lists
from sirhp.policy import _
from sirhp.policy.base.file_view import PersonnelFileView
from sirhp.policy.base.views import format_date
import transaction
from zExceptions import NotFound
from zope.i18n import translate

MSG_CHOOSE = _(
    "error_change_choose_field", default="Choisissez l'information à corriger."
)


class MonDossier(PersonnelFileView):
    """``@@mon-dossier`` (on the site root)."""

    error = None
    max_justification = MAX_JUSTIFICATION

    def __init__(self, context, request):
        super().__init__(context, request)
        self.site = context

    def __call__(self):
        self.file = changes.own_file()
        if self.file is None:
            raise NotFound("mon-dossier")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            return self.report()
        return self.index()

    # the file sections and career reuse PersonnelFileView, on the officer's file
    @cached_property
    def file_view(self):
        return PersonnelFileView(self.file, self.request)

    def sections(self):
        return self.file_view.sections()

    def photo_url(self):
        if getattr(self.file, "photo", None) is not None:
            return f"{self.file.absolute_url()}/@@images/photo/thumb"
        return None

    def _catalog(self, **query):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(
            path={"query": "/".join(self.file.getPhysicalPath()), "depth": 1},
            show_inactive=True,  # no publication dates in SIRHP: skip that filter
            **query,
        )

    def career(self):
        return self._catalog(
            portal_type="CareerEvent",
            review_state="validated",
            sort_on="event_date",
        )

    def documents(self):
        return self._catalog(
            portal_type="ScannedDocument",
            review_state="validated",
            sort_on="document_sort",
            sort_order="descending",
        )

    def badges(self):
        return self._catalog(
            portal_type="Badge",
            review_state=["printed", "issued"],
            sort_on="created",
            sort_order="descending",
        )

    def evaluations(self):
        """The officer's evaluations once notified (a draft is the
        evaluator's: the workflow hides it), newest first."""
        return self._catalog(
            portal_type="Evaluation", sort_on="created", sort_order="descending"
        )

    def attestations(self):
        """The official documents asked for on the file, with the download
        link once issued (``sirhp.content.attestations``)."""
        return attestations.requests_of(file=self.file)

    def deployments(self):
        """The active deployment lists the officer is on, when HR chose to
        tell (title, purpose, dates only)."""
        return [
            {
                "text": translate(
                    _(
                        "deployment_notice",
                        default="Vous figurez sur la liste de déploiement "
                        "« ${title} » du ${start} au ${end}.",
                        mapping={
                            "title": n["title"],
                            "start": format_date(n["start"]),
                            "end": format_date(n["end"]),
                        },
                    ),
                    context=self.request,
                ),
                "purpose": n["purpose"],
            }
            for n in deployment_lists.notices(file=self.file)
        ]

    def my_requests(self):
        return self._catalog(
            portal_type="ChangeRequest",
            Creator=api.user.get_current().getId(),
            sort_on="created",
            sort_order="descending",
        )

    def history(self):
        """Validated changes of the own file: what, when, decided by whom."""
        return [
            {
                "when": self.format_datetime(entry["since"]),
                "what": entry["what"],
                "fields": ", ".join(entry["fields"]),
                "by": entry["by"],
            }
            for entry in changes.decisions(self.file)
        ]

    def _reportable(self):
        """{"uid|field": (target, field, label)} of what may be reported."""
        choices = {}
        for item in changes.report_fields(self.file):
            where = "Dossier" if item["title"] is None else item["title"]
            value = f"{item['target'].UID()}|{item['name']}"
            choices[value] = (
                item["target"],
                item["name"],
                f"{where} — {item['label']}",
            )
        return choices

    def report_choices(self):
        """(value, label) of what may be reported: "uid|field"."""
        return [(value, label) for value, (_t, _n, label) in self._reportable().items()]

    def report(self):
        form = self.request.form
        upload = form.get("piece")
        attachment = None
        if hasattr(upload, "read"):
            data = upload.read()
            if data:
                attachment = (getattr(upload, "filename", "piece") or "piece", data)
        try:
            choice = self._reportable().get(form.get("champ") or "")
            if choice is None:
                raise changes.ChangeError(MSG_CHOOSE, field="champ")
            target, name, _label = choice
            changes.propose(
                target=target,
                changes={
                    name: changes.value_from_text(target, name, form.get("valeur"))
                },
                justification=form.get("commentaire"),
                attachment=attachment,
                kind=OFFICER,
            )
        except changes.ChangeError as error:
            transaction.doom()
            self.error = error.text(self.request)
            self.request.response.setStatus(400)
            return self.index()
        api.portal.show_message(
            _(
                "msg_report_sent",
                default="Votre signalement est enregistré : le bureau des archives "
                "va l'examiner. Vous verrez sa décision ici.",
            ),
            request=self.request,
        )
        return self.request.response.redirect(
            f"{self.site.absolute_url()}/@@mon-dossier#demandes"
        )
