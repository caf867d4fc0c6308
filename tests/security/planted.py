"""The planted world of ``test_representations.py``.

Unique values are written, in process, into every protected field of the
test data's files and into restricted documents, then carried by the
system everywhere they naturally go: older versions, change requests
(proposed and current values), their decisions' notification mails, the
audit journal. Each planted value is a ``Plant``: what a leak of it looks
like, and the object and permission that decide who may read it.

Protected fields are discovered from the schemas (``protected_fields``): a
new field with a ``read_permission`` is planted automatically when its type
has objects here and its kind of value has a planter (``_values``);
otherwise ``test_every_protected_field_is_planted`` fails and says what to
add.
"""

from AccessControl import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.utils import createContentInContainer
from plone.dexterity.utils import iterSchemataForType
from plone.namedfile.file import NamedBlobFile
from plone.supermodel.utils import mergedTaggedValueDict
import re
import shutil
from sirhp.policy import testdata
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests import conftest
import transaction
from zope.component import queryUtility
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from zope.security.interfaces import IPermission

VIEW = "View"
# Consultation reason: medical fields are only shown with one (audit/reasons.py)
REASON = {"X-SIRHP-Reason": "controle"}

# persona -> login (tests/security/access.py: officer = officer A, whose file
# holds the restricted documents and the pending change request)
OFFICER_A = "pn_validated"
OFFICER_B = "pn_validated2"


def login_of(persona):
    if persona == "anonymous":
        return None
    if persona == "officer":
        return testdata.FILES[OFFICER_A]
    if persona == "other_officer":
        return testdata.FILES[OFFICER_B]
    return persona


def log_in_as(portal, persona):
    """Log ``persona`` in (in process), or out for anonymous."""
    user = login_of(persona)
    if user is None:
        logout()
    else:
        login(portal, user)


# --- protected fields, from the schemas ----------------------------------


@dataclass(frozen=True)
class ProtectedField:
    portal_type: str
    name: str
    permission: str  # title, e.g. "sirhp: Field: read sensitive"
    field: object = dataclass_field(compare=False, hash=False, repr=False)


def sirhp_types():
    """Portal types whose class is SIRHP's."""
    types = api.portal.get_tool("portal_types")
    return sorted(
        fti.getId()
        for fti in types.objectValues()
        if (getattr(fti, "klass", "") or "").startswith("sirhp.")
    )


def permission_title(permission_id):
    utility = queryUtility(IPermission, permission_id)
    return utility.title if utility is not None else permission_id


def protected_fields():
    """Every field of a SIRHP type or behaviour read under another
    permission than View."""
    result = []
    for portal_type in sirhp_types():
        for schema in iterSchemataForType(portal_type):
            permissions = mergedTaggedValueDict(schema, READ_PERMISSIONS_KEY)
            for name, field in getFieldsInOrder(schema):
                permission = permissions.get(name)
                if not permission:
                    continue
                title = permission_title(permission)
                if title == VIEW:
                    continue
                result.append(ProtectedField(portal_type, name, title, field))
    return result


# --- what a leak looks like ----------------------------------------------

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def readable_forms(text):
    """``text`` as is, JSON-unescaped and HTML-unescaped."""
    import html

    unescaped = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    unescaped = unescaped.replace("\\/", "/").replace('\\"', '"')
    return (text, unescaped, html.unescape(unescaped))


@dataclass(eq=False)
class Plant:
    label: str  # what and where, for the failure message
    target: str  # the object whose permissions decide who may read it
    permission: str  # needed on the target besides View
    pattern: re.Pattern
    choice: tuple = None  # (portal_type, field name, value) of a vocabulary value
    now: bool = False  # the value its object holds now (not an older or proposed one)

    def found_in(self, text):
        return any(self.pattern.search(form) for form in readable_forms(text))


def text_pattern(marker):
    return re.compile(re.escape(marker), re.IGNORECASE)


def choice_pattern(field, token):
    """A vocabulary value is no unique string ("AB-"): a leak is the field's
    name or label followed closely by the value."""
    names = {field.__name__}
    for language in ("fr", "en"):
        names.add(translate(field.title, target_language=language))
    names = "|".join(re.escape(name) for name in sorted(names))
    value = re.escape(str(token))
    return re.compile(rf"(?i:{names})[\s\S]{{0,400}}?(?<![\w+\-−]){value}(?![\w+\-−])")


class Markers:
    """Unique lowercase markers (they survive ids derived from titles)."""

    def __init__(self):
        self.count = 0

    def __call__(self, kind):
        self.count += 1
        return f"qz{self.count:03d}{kind}qz"


# Protected fields this world cannot plant (a file has no text marker to
# look for in every answer), each checked by the named tests instead:
# readers and refused personas, the download refused, nothing in the JSON.
EVALUATION_CHECKS = (
    "tests/evaluation/test_evaluations.py::test_who_sees_an_evaluation_and_its_marks",
    "tests/evaluation/test_evaluation_http.py::test_marks_never_leak",
    # the page, which writes a mark 13,80 (French) or 13.80: both looked for
    "tests/evaluation/test_evaluation_pages.py::"
    "test_commander_fills_officer_answers_hr_validates",
)
ELSEWHERE = {
    "LeaveRequest.attachment": (
        "tests/leave/test_leave_requests.py::"
        "test_attachment_read_only_by_hr_managers_auditors_and_officer",
        "tests/leave/test_leave_http.py::test_generic_creation_refused_and_scan_hidden",
    ),
    # no evaluation in the planted world yet: its readers and refused
    # personas in process, GET and @search over HTTP (marker and mark)
    "Evaluation.marks": EVALUATION_CHECKS,
    "Evaluation.objectives": EVALUATION_CHECKS,
    "Evaluation.mark": EVALUATION_CHECKS,
    "Evaluation.assessment": EVALUATION_CHECKS,
    "Evaluation.officer_remarks": EVALUATION_CHECKS,
    "Evaluation.contest_reasons": EVALUATION_CHECKS,
    "Evaluation.revision": EVALUATION_CHECKS,
    # the whole act is restricted (local roles not inherited) and its
    # decision needs a consultation reason
    "CareerEvent.sanction": (
        "tests/careers/test_discipline.py::test_sanction_visibility",
        "tests/careers/test_discipline.py::test_rest_and_page_visibility",
        "tests/careers/test_discipline.py::"
        "test_consultation_needs_a_reason_and_is_journaled",
    ),
    "CareerEvent.scan": (
        "tests/careers/test_discipline.py::test_sanction_visibility",
        "tests/careers/test_discipline.py::test_rest_and_page_visibility",
    ),
}


# --- the world ------------------------------------------------------------


@dataclass
class Target:
    key: str
    kind: str  # file, restricted, change
    path: str  # below the portal
    url: str
    uid: str
    versions: list = dataclass_field(default_factory=list)
    state: str = ""


class World:
    """Objects with planted values, and who may read each plant."""

    def __init__(self, portal):
        self.portal = portal
        self.url = portal.absolute_url()
        self.markers = Markers()
        self.targets = {}
        self.plants = []
        self.unplanted = []  # protected fields without a planter or an object
        self._choices_used = {}
        shutil.rmtree(conftest.MAIL_DIR, ignore_errors=True)
        conftest.MAIL_DIR.mkdir(parents=True)
        transaction.begin()
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            self._build()
        transaction.commit()
        self._record_versions()
        self._stored = self._stored_choices()
        self.readable = {persona: self._readable(persona) for persona in PERSONAS}
        self.types = sirhp_types()
        self.file_fields = [
            f for f in protected_fields() if f.portal_type == "PersonnelFile"
        ]
        self.emails = {
            persona: self._email(persona)
            for persona in PERSONAS
            if persona != "anonymous"
        }

    # --- helpers ---

    def obj(self, key):
        return self.portal.unrestrictedTraverse(self.targets[key].path)

    def _add_target(self, key, kind, obj):
        site = "/".join(self.portal.getPhysicalPath())
        path = "/".join(obj.getPhysicalPath())[len(site) + 1 :]
        self.targets[key] = Target(key, kind, path, obj.absolute_url(), obj.UID())

    def _values(self, field, portal_type, kind):
        """A new planted value of ``field`` and its leak pattern, or None."""
        if IChoice.providedBy(field):
            factory = field.vocabulary or field.vocabularyName
            terms = list(self._vocabulary(field, factory))
            used = self._choices_used.setdefault((portal_type, field.__name__), set())
            for term in terms:
                if term.value not in used:
                    used.add(term.value)
                    return term.value, choice_pattern(field, term.token)
            return None
        if IText.providedBy(field) or ITextLine.providedBy(field):
            marker = self.markers(kind)
            value = f"Valeur protégée {marker}" if IText.providedBy(field) else marker
            return value, text_pattern(marker)
        return None

    def _vocabulary(self, field, factory):
        if isinstance(factory, str):
            from zope.schema.interfaces import IVocabularyFactory

            return queryUtility(IVocabularyFactory, factory)(self.portal)
        return factory

    def _plant(self, label, target, permission, pattern, choice=None, now=False):
        self.plants.append(Plant(label, target, permission, pattern, choice, now))

    def _plant_fields(self, key, obj, fields, label, edit_as=None, now=False):
        """New planted values for each of ``fields`` of ``obj``, written as
        ``edit_as`` if given; returns {name: value}."""
        values = {}
        for protected in fields:
            made = self._values(protected.field, protected.portal_type, "fld")
            if made is None:
                self.unplanted.append((protected, "no planter for this kind of field"))
                continue
            value, pattern = made
            values[protected.name] = value
            choice = None
            if IChoice.providedBy(protected.field):
                choice = (protected.portal_type, protected.name, value)
            self._plant(
                f"{protected.portal_type}.{protected.name} of {key} ({label})",
                key,
                protected.permission,
                pattern,
                choice,
                now,
            )
        if edit_as is not None and values:
            with api.env.adopt_user(username=edit_as):
                for name, value in values.items():
                    setattr(obj, name, value)
                notify(ObjectModifiedEvent(obj))
                obj.reindexObject()
        return values

    def _transition(self, obj, user, transition, comment="Contrôle des droits."):
        with api.env.adopt_user(username=user):
            api.portal.get_tool("portal_workflow").doActionFor(
                obj, transition, comment=comment
            )

    # --- building ---

    def _build(self):
        from sirhp.content.changes import api as changes
        from sirhp.content.documents.storage import set_text

        fields = protected_fields()
        file_fields = [f for f in fields if f.portal_type == "PersonnelFile"]
        for protected in fields:
            key = f"{protected.portal_type}.{protected.name}"
            if protected.portal_type != "PersonnelFile" and key not in ELSEWHERE:
                self.unplanted.append((protected, "no object of this type planted"))

        files = {
            "file_a": OFFICER_A,
            "file_pending": "pn_pending",
            "file_draft": "pn_draft",
            "file_b": OFFICER_B,
        }
        for key, name in files.items():
            obj = self.portal.unrestrictedTraverse(testdata.path_of(name))
            self._add_target(key, "file", obj)
        file_a = self.obj("file_a")

        # officer A's file: one value left in an older version, the current one
        self._plant_fields("file_a", file_a, file_fields, "older version", "siteadmin")
        self._plant_fields("file_a", file_a, file_fields, "current", "siteadmin", True)
        for key in ("file_pending", "file_draft"):
            obj = self.obj(key)
            self._plant_fields(key, obj, file_fields, "current", "siteadmin", True)

        # a pending change request of who may write them (an HR manager):
        # proposed values and the current ones it records
        proposed = self._plant_fields("file_a", file_a, file_fields, "proposed")
        with api.env.adopt_user(username="hrmanager.pn"):
            request = changes.propose(
                target=file_a,
                changes=proposed,
                justification="Correction après visite médicale.",
            )
        self._add_target("change_medical", "change", request)

        # officer B's file: protected values written by an approved request
        # (a new version, the requester's notification mail)
        file_b = self.obj("file_b")
        proposed = self._plant_fields(
            "file_b", file_b, file_fields, "approved", now=True
        )
        with api.env.adopt_user(username="hrmanager.pn"):
            request = changes.propose(
                target=file_b, changes=proposed, justification="Visite annuelle."
            )
        self._transition(request, "siteadmin", "approve")
        self._add_target("change_approved", "change", request)

        # restricted documents (medical certificate): validated and draft
        self._restricted("restricted", file_a, validated=True)
        self._restricted("restricted_draft", file_a, validated=False)
        restricted = self.obj("restricted")
        set_text(
            restricted, f"Texte extrait {self._doc_marker('restricted', 'txt')}", "ocr"
        )

        # an approved request on the restricted document: its reference
        # moves to an older version; the request and its mail name it
        new_reference = self._doc_marker("restricted", "ref")
        with api.env.adopt_user(username="hrmanager.pn"):
            request = changes.propose(
                target=restricted,
                changes={"reference": new_reference},
                justification="Référence corrigée.",
            )
        self._transition(request, "siteadmin", "approve")
        self._add_target("change_restricted", "change", request)
        # and a pending one: the review queue lists it
        authority = self._doc_marker("restricted", "aut")
        with api.env.adopt_user(username="hrmanager.pn"):
            request = changes.propose(
                target=restricted,
                changes={"issuing_authority": f"Médecin chef {authority}"},
                justification="Signataire corrigé.",
            )
        self._add_target("change_restricted_pending", "change", request)

        # a clerk's request, rejected: a notification mail to a clerk
        with api.env.adopt_user(username="clerkreviewer.pn"):
            request = changes.propose(
                target=file_a,
                changes={"emergency_contact": "Adjoint au chef de la brigade de nuit"},
                justification="Note de service.",
            )
        self._transition(request, "reviewer.pn", "reject", "Pièce manquante.")
        self._add_target("change_rejected", "mail", request)
        self._recruitment()
        self._deployment_list()

    def _recruitment(self):
        """A concours of the Police nationale (``concours``) by its
        recruitment officer: one candidate from Ségou (his names are the
        markers: who manages the concours only), marked at every stage,
        results proposed (auditors do not read them before publication)."""
        from sirhp.content.recruitment import api as recruitment

        names = {name: self.markers("can") for name in ("last", "first")}
        with api.env.adopt_user(username="recruiter.pn"):
            campaign = api.content.create(
                container=self.portal["police-nationale"],
                type="RecruitmentCampaign",
                id="concours",
                title="Concours d'agents 2026",
                corps="sous-officiers",
                grade="agent",
                posts=1,
                quotas=["segou|1"],
                shortfall_rule="national",
                start=date(2026, 11, 1),
                end=date(2026, 12, 31),
            )
            candidate = recruitment.add_candidate(
                campaign=campaign,
                last_name=names["last"],
                first_names=names["first"],
                nina="QZNINA000000001",
                sex="F",
                birth_date=date(2000, 5, 1),
                region_of_origin="segou",
            )
        self._add_target("campaign", "campaign", campaign)
        self._add_target("candidate", "candidate", candidate)
        for marker in names.values():
            self._plant(
                f"candidate name {marker}", "candidate", VIEW, text_pattern(marker)
            )
        self._transition(campaign, "recruiter.pn", "open")
        stages = recruitment.stages_of(campaign)
        with api.env.adopt_user(username="recruiter.pn"):
            recruitment.set_scores(
                candidate=candidate, scores={s.code: 15 for s in stages}
            )
        self._transition(campaign, "recruiter.pn", "close")
        self._transition(campaign, "recruiter.pn", "propose_results")

    def _deployment_list(self):
        """An active deployment list (``liste``) of every officer the HR
        manager sees; its purpose is the marker (its readers: HR managers,
        auditors, administrators). Its members are not told (notify off):
        Mon dossier would show them the purpose, by design."""
        from sirhp.content.deployment import lists

        marker = self.markers("dep")
        with api.env.adopt_user(username="hrmanager.pn"):
            saved = lists.save(
                context=self.portal["police-nationale"],
                title="Liste",
                purpose=f"Sécurisation {marker}",
                start=date(2026, 11, 9),
                end=date(2026, 11, 15),
                notify=False,
                query={},
                today=date(2026, 11, 1),
            )
        self._add_target("deployment_list", "deployment_list", saved)
        self._plant(
            f"deployment list purpose {marker}",
            "deployment_list",
            VIEW,
            text_pattern(marker),
        )
        self._transition(saved, "hrmanager.pn", "activate")

    def _doc_marker(self, key, kind):
        marker = self.markers(kind)
        self._plant(
            f"restricted document {key}: {kind}", key, VIEW, text_pattern(marker)
        )
        return marker

    def _restricted(self, key, file, validated):
        reference = self._doc_marker(key, "ref")
        authority = self._doc_marker(key, "aut")
        text = self._doc_marker(key, "pdf")
        with api.env.adopt_user(username="hrmanager.pn"):
            # no id given: the container's name chooser picks it, as for the
            # forms and REST
            doc = createContentInContainer(
                file,
                "ScannedDocument",
                checkConstraints=True,
                document_type="certificat-medical",
                reference=reference,
                issuing_authority=f"Médecin chef {authority}",
                document_date=date(2021, 3, 4),
                file=NamedBlobFile(
                    data=tiny_pdf([f"Certificat médical {text}"]),
                    filename="certificat.pdf",
                ),
            )
        self._add_target(key, "restricted", doc)
        if validated:
            comment = f"Certificat reçu {self._doc_marker(key, 'cmt')}"
            self._transition(doc, "hrmanager.pn", "submit", comment)
            self._transition(doc, "siteadmin", "validate")
        return doc

    def _record_versions(self):
        transaction.begin()
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            for target in self.targets.values():
                target.state = api.content.get_state(self.obj(target.key))
                history = repository.getHistoryMetadata(self.obj(target.key))
                if history:
                    target.versions = [
                        history.getVersionId(index, countPurged=False)
                        for index in range(history.getLength(countPurged=False))
                    ]

    def _stored_choices(self):
        """{(portal_type, field): [(object, values ever stored)]} of every
        object of a type with a planted vocabulary value, versions included."""
        transaction.begin()
        repository = api.portal.get_tool("portal_repository")
        catalog = api.portal.get_tool("portal_catalog")
        stored = {}
        for plant in self.plants:
            if plant.choice is None or plant.choice[:2] in stored:
                continue
            portal_type, name, _value = plant.choice
            entries = stored[portal_type, name] = []
            for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
                obj = brain._unrestrictedGetObject()
                values = {getattr(obj, name, None)}
                with api.env.adopt_user(username=SITE_OWNER_NAME):
                    for version in repository.getHistory(obj) or ():
                        values.add(getattr(version.object, name, None))
                entries.append((obj, values))
        return stored

    # --- who may read what ---

    def may_read(self, persona, plant):
        return plant in self.readable[persona]

    def _readable(self, persona):
        """The plants ``persona`` may read: View on their object and the
        field's permission, checked in process as that user."""
        transaction.begin()
        login = login_of(persona)
        previous = getSecurityManager()
        try:
            if login is None:
                newSecurityManager(None, nobody)
            else:
                acl_users = self.portal.acl_users
                user = (
                    acl_users.getUserById(login)
                    or api.user.get(username=login).getUser()
                )
                newSecurityManager(None, user.__of__(acl_users))
            manager = getSecurityManager()
            readable = set()
            # A vocabulary value is no unique string: one the persona may read
            # on any object (any version) cannot tell a leak, so it counts
            # as readable here (text markers still tell).
            seen = set()
            for (portal_type, name), entries in self._stored.items():
                permission = next(
                    p.permission
                    for p in self.plants
                    if p.choice and p.choice[:2] == (portal_type, name)
                )
                for obj, values in entries:
                    if manager.checkPermission(VIEW, obj) and manager.checkPermission(
                        permission, obj
                    ):
                        seen.update((portal_type, name, value) for value in values)
            for plant in self.plants:
                if plant.choice is not None and plant.choice in seen:
                    readable.add(plant)
                obj = self.obj(plant.target)
                if manager.checkPermission(VIEW, obj) and manager.checkPermission(
                    plant.permission, obj
                ):
                    readable.add(plant)
            return readable
        finally:
            setSecurityManager(previous)

    def _email(self, persona):
        user = api.user.get(username=login_of(persona))
        return (user.getProperty("email") or "").lower() if user else ""
