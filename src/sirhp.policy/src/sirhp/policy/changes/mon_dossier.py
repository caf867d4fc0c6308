"""Mon dossier: the officer's own space.

The officer's validated file (identity, career, assignment, skills,
documents, badge), his or her change requests with their status, a
simplified history of the validated changes, and the form "Signaler une
inexactitude" that makes a change request. Everything is found through the
catalog with the officer's own rights, except the simplified history, read
from the approved requests of the officer's own file and reduced to what
changed, when and by whose decision.
"""

from datetime import date
from datetime import datetime
from plone import api
from plone.protect import CheckAuthenticator
from plone.restapi.services import Service
from sirhp.content.content.change_request import may_propose_field
from sirhp.content.content.change_request import schema_fields
from sirhp.policy import _
from sirhp.policy.browser.personnel_file import PersonnelFileView
from sirhp.policy.changes import api as changes
import transaction
from zExceptions import NotFound
from zope import schema as zschema
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

# What an officer may report as wrong, on the file (records: their fields),
# offered only if the officer may write it (field permissions: the medical
# fields are written by HR managers only, so they are not offered).
OFFICER_FILE_FIELDS = (
    "last_name",
    "first_names",
    "birth_date",
    "birth_place",
    "marital_status",
    "children_count",
    "phone",
    "email",
    "address",
    "emergency_contact",
    "hire_date",
    "grade_date",
    "position",
    "languages",
    "skills",
    "driving_licences",
    "blood_group",
)


def own_file():
    """The current user's validated personnel file (or None)."""
    user = api.user.get_current()
    if user is None or api.user.is_anonymous():
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="PersonnelFile", matricule=user.getId(), review_state="validated"
    )
    return brains[0].getObject() if len(brains) == 1 else None


def text_to_json(obj, name, text):
    """What an officer typed -> the JSON value of field ``name``."""
    field = schema_fields(obj)[name]
    text = (text or "").strip()
    if isinstance(field, zschema.Date):
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        raise changes.ChangeError(
            "Date attendue au format jj/mm/aaaa (ex. 02/05/1994)."
        )
    if isinstance(field, zschema.Int):
        try:
            return int(text)
        except ValueError:
            raise changes.ChangeError("Un nombre entier est attendu.") from None
    vocabulary = getattr(field, "vocabularyName", None) or getattr(
        getattr(field, "value_type", None), "vocabularyName", None
    )
    if vocabulary:
        factory = queryUtility(IVocabularyFactory, vocabulary)
        terms = list(factory(obj)) if factory is not None else []

        def one(item):
            item = item.strip()
            for term in terms:
                label = (
                    translate(term.title, target_language="fr") if term.title else ""
                )
                if item.lower() in (str(term.value).lower(), label.lower()):
                    return term.value
            raise changes.ChangeError(f"Valeur inconnue : « {item} ».")

        if isinstance(field, (zschema.List, zschema.Set, zschema.Tuple)):
            return [one(item) for item in text.split(",") if item.strip()]
        return one(text)
    return text


class MonDossier(PersonnelFileView):
    """``@@mon-dossier`` (on the site root)."""

    error = None

    def __init__(self, context, request):
        super().__init__(context, request)
        self.site = context

    def __call__(self):
        self.file = own_file()
        if self.file is None:
            raise NotFound("mon-dossier")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            return self.report()
        return self.index()

    # the file sections reuse PersonnelFileView, on the officer's file
    def sections(self):
        view = PersonnelFileView(self.file, self.request)
        return view.sections()

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

    def my_requests(self):
        return self._catalog(
            portal_type="ChangeRequest",
            Creator=api.user.get_current().getId(),
            sort_on="created",
            sort_order="descending",
        )

    def history(self):
        """Validated changes of the own file: what, when, decided by whom."""
        catalog = api.portal.get_tool("portal_catalog")
        # Unrestricted on purpose, limited to the officer's own file: the
        # officer may not read staff's requests, but may know what changed.
        entries = []
        for brain in catalog.unrestrictedSearchResults(
            portal_type="ChangeRequest",
            review_state="approved",
            path={"query": "/".join(self.file.getPhysicalPath()), "depth": 1},
            sort_on="state_since",
            sort_order="descending",
        ):
            request = brain._unrestrictedGetObject()
            target = changes._target(request)
            labels = [
                changes.field_label(target, name) if target is not None else name
                for name in (request.proposed or {})
            ]
            decider = api.user.get(userid=request.decided_by or "")
            entries.append(
                {
                    "when": self.format_datetime(brain.state_since),
                    "what": request.target_title,
                    "fields": ", ".join(labels),
                    "by": (decider.getProperty("fullname") if decider else "")
                    or (request.decided_by or ""),
                }
            )
        return entries

    def report_choices(self):
        """(value, label) of what may be reported: "uid|field"."""
        choices = []
        for name in OFFICER_FILE_FIELDS:
            if may_propose_field(self.file, name):
                choices.append(
                    (
                        f"{self.file.UID()}|{name}",
                        f"Dossier — {changes.field_label(self.file, name)}",
                    )
                )
        for brain in self.career():
            event = brain.getObject()
            for name in ("event_date", "reference", "details"):
                if not may_propose_field(event, name):
                    continue
                choices.append(
                    (
                        f"{brain.UID}|{name}",
                        f"{brain.Title} — {changes.field_label(event, name)}",
                    )
                )
        return choices

    def report(self):
        form = self.request.form
        choice = form.get("champ") or ""
        uid, _sep, name = choice.partition("|")
        valid = {value for value, _label in self.report_choices()}
        upload = form.get("piece")
        attachment = None
        if hasattr(upload, "read"):
            data = upload.read()
            if data:
                attachment = (getattr(upload, "filename", "piece") or "piece", data)
        try:
            if choice not in valid:
                raise changes.ChangeError("Choisissez l'information à corriger.")
            target = self.file if uid == self.file.UID() else api.content.get(UID=uid)
            value = text_to_json(target, name, form.get("valeur"))
            changes.create_request(
                target,
                {name: value},
                form.get("commentaire"),
                attachment=attachment,
                kind="officer",
            )
        except changes.ChangeError as error:
            transaction.doom()
            self.error = error.message
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


def _json_date(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "ISO8601"):
        return value.ISO8601()
    return value


class MonDossierGet(Service):
    """GET @mon-dossier: the same content as the page, as JSON."""

    def reply(self):
        file = own_file()
        if file is None:
            raise NotFound("mon-dossier")
        view = MonDossier(self.context, self.request)
        view.file = file
        sections = [
            {
                "id": section["id"],
                "title": translate(section["title"], target_language="fr"),
                "fields": {row["name"]: row["value"] for row in section["rows"]},
            }
            for section in view.sections()
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@mon-dossier",
            "file": file.absolute_url(),
            "matricule": file.matricule,
            "full_name": file.full_name,
            "sections": sections,
            "career": [
                {
                    "title": b.Title,
                    "date": _json_date(b.event_date),
                    "@id": b.getURL(),
                }
                for b in view.career()
            ],
            "documents": [
                {
                    "title": b.Title,
                    "@id": b.getURL(),
                    "download": f"{b.getURL()}/@@download/file",
                }
                for b in view.documents()
            ],
            "badges": [
                {
                    "card_number": b.card_number,
                    "review_state": b.review_state,
                    "expiry_date": _json_date(b.expiry_date),
                }
                for b in view.badges()
            ],
            "change_requests": [
                {"@id": b.getURL(), "title": b.Title, "review_state": b.review_state}
                for b in view.my_requests()
            ],
            "history": view.history(),
        }
