"""The objects behind the access-table tests, and the HTTP client.

``Site`` builds one object per (table, state) of the access tables
(``sirhp.policy.access``) with a planted marker (a value only those who may
read the object may ever see), and fresh objects for the cells that change
data: in a functional set-up for ``test_access_tables.py`` (each build
committed, so the HTTP server sees it), or in process for
``test_access_in_process.py`` (``InProcessSite``: nothing committed, the
integration layer rolls everything back).
"""

from base64 import b64encode
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
import io
from PIL import Image
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
import re
import requests
from sirhp.policy import testdata
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.security.access_builders import HRBuilders
import transaction

PASSWORD = testdata.PASSWORD
DENIED = (401, 403, 404)
# medical data asks for a consultation reason (audit/reasons.py); the table
# is about permissions, so every request gives one
REASON = {"X-SIRHP-Reason": "controle"}
COMMENT = "Motif de contrôle : pièce manquante."
FILE_A = "pn_validated"  # officer A's file: every record of the tables

# The PN file of the test data in each state of the file table (testdata.FILES
# key). All four are in dr-bamako/commissariat-1 (commander.pn's unit),
# created by clerk.pn; pn_pending was submitted by clerk.pn.
FILE_OF_STATE = {
    "draft": "pn_draft",
    "pending": "pn_pending",
    "validated": "pn_validated",
    "archived": "pn_archived",
}
# Officers whose account the test data does not create (created by Site).
MISSING_OFFICER_FILES = ("pn_draft", "pn_pending", "pn_archived")

# field changed by a PATCH / planted marker, per table
EDIT_FIELD = {
    "file": "emergency_contact",
    "document": "reference",
    "restricted": "reference",
    "event": "reference",
    "sanction": "reference",
    "decoration": "reference",
    "change": "justification",
    "officer_request": "justification",
    "badge": "request_reason",
    "batch": "print_layout",
    "leave": "reason",
    "campaign": "grid_kind",
    "evaluation": "assessment",
    "course": "title",
    "session": "place",
    "promotion": "target_grade",
    "attestation": "purpose",
    "recruitment": "title",
    "candidate": "first_names",
    "deployment_list": "purpose",
}
# the unit's commander's marks of the evaluations of the tables
# the agency's list page of each type (operation ``agency_list``)
AGENCY_LIST_PAGES = {
    "EvaluationCampaign": "campagnes-evaluation",
    "PromotionTable": "tableaux-avancement",
    "RecruitmentCampaign": "campagnes-recrutement",
}


MARKS = {"discipline": 12, "efficacite": 15}


def class_name(table):
    """The test class of ``table`` (``TestFile``, ``TestOfficerRequest``...)."""
    return f"Test{table.key.title().replace('_', '')}"


@dataclass
class Target:
    table: str
    state: str
    path: str  # relative to the portal
    uid: str
    marker: str  # planted; never in a refused answer


def _rel(portal, obj):
    site = "/".join(portal.getPhysicalPath())
    return "/".join(obj.getPhysicalPath())[len(site) + 1 :]


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (350, 450), (110, 120, 130)).save(buffer, format="PNG")
    return buffer.getvalue()


def _do(obj, user, transition, **kwargs):
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(
            obj, transition, comment=COMMENT, **kwargs
        )


class Site(HRBuilders):
    """The objects of every table in one functional set-up."""

    def __init__(self, portal):
        self.portal = portal
        self.url = portal.absolute_url()
        self.counter = 0
        self.answers = {}  # (login, url, rest) -> response of a GET
        self.file_a = portal.unrestrictedTraverse(testdata.path_of(FILE_A))
        self.targets = {}
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            for name in MISSING_OFFICER_FILES:
                login = testdata.FILES[name]
                if api.user.get(username=login) is None:
                    api.user.create(
                        username=login,
                        email=f"{login.lower()}@agents.example.ml",
                        password=PASSWORD,
                    )
            for state, name in FILE_OF_STATE.items():
                file = portal.unrestrictedTraverse(testdata.path_of(name))
                file.photo = NamedBlobImage(data=_png(), filename="photo.png")
                self._plant_file(file, state)
        self._commit()

    def _commit(self):
        """Let the HTTP server see what was built."""
        transaction.commit()

    def _sync(self):
        """See what the HTTP server committed."""
        transaction.begin()

    # --- object builders -------------------------------------------------

    def marker(self, table, state):
        self.counter += 1
        return f"PLANTE-{table.upper()}-{state.upper()}-{self.counter:04d}"

    def _target(self, table, state, obj, marker):
        obj.reindexObject()
        return Target(table, state, _rel(self.portal, obj), obj.UID(), marker)

    def _plant_file(self, file, state):
        marker = self.marker("file", state)
        file.address = marker
        file.medical_notes = f"NOTE-MEDICALE-{marker}"
        file.reindexObject()
        self.targets["file", state] = self._target("file", state, file, marker)

    def shared(self, table, state):
        """The object of (table, state) that read-only and refused cells share."""
        key = (table, state)
        if key not in self.targets:
            self.targets[key] = self.build(table, state)
            self._commit()
        return self.targets[key]

    def fresh(self, table, state):
        """A new object in ``state``, for a cell that changes data."""
        target = self.build(table, state)
        self._commit()
        return target

    def build(self, table, state):
        self._sync()
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            return getattr(self, f"_build_{table}")(state)

    def _build_file(self, state):
        from sirhp.policy.setuphandlers import demo

        self.counter += 1
        generator = demo.Generator(
            self.portal,
            seed=1000 + self.counter,
            accounts=False,
            password=PASSWORD,
            documents=False,
            offset=500 + self.counter,
        )
        with api.env.adopt_user(username="clerk.pn"):
            file = generator.create_file(
                "police-nationale", state=state, unit_path="dr-bamako/commissariat-1"
            )
        marker = self.marker("file", state)
        file.address = marker
        return self._target("file", state, file, marker)

    def _record(self, table, state, portal_type, author, submitter, **fields):
        marker = self.marker(table, state)
        with api.env.adopt_user(username=author):
            obj = api.content.create(
                container=self.file_a,
                type=portal_type,
                id=f"{table}-{state}",
                safe_id=True,
                reference=marker,
                **fields,
            )
        if portal_type == "CareerEvent":
            obj.event_date = date(2020, 1, 15)
        if state != "draft":
            _do(obj, submitter, "submit")
        if state in ("validated", "archived"):
            restricted = table in ("restricted", "sanction")
            validator = "siteadmin" if restricted else "reviewer.pn"
            _do(obj, validator, "validate")
        if state == "archived":
            _do(obj, "hrmanager.pn", "archive")
        assert api.content.get_state(obj) == state
        return self._target(table, state, obj, marker)

    def _pdf(self):
        return NamedBlobFile(
            data=tiny_pdf(["Pièce du tableau des droits"]), filename="piece.pdf"
        )

    def _build_document(self, state):
        return self._record(
            "document",
            state,
            "ScannedDocument",
            "clerk.pn",
            "clerkreviewer.pn",
            document_type="diplome",
            file=self._pdf(),
        )

    def _build_restricted(self, state):
        return self._record(
            "restricted",
            state,
            "ScannedDocument",
            "hrmanager.pn",
            "hrmanager.pn",
            document_type="certificat-medical",
            file=self._pdf(),
        )

    def _build_event(self, state):
        return self._record(
            "event",
            state,
            "CareerEvent",
            "clerk.pn",
            "clerkreviewer.pn",
            event_type="training",
        )

    def _build_sanction(self, state):
        return self._record(
            "sanction",
            state,
            "CareerEvent",
            "hrmanager.pn",
            "hrmanager.pn",
            event_type="sanction",
            sanction="blame",
        )

    def _build_decoration(self, state):
        return self._record(
            "decoration",
            state,
            "CareerEvent",
            "clerk.pn",
            "clerkreviewer.pn",
            event_type="decoration",
            decoration="Médaille du mérite national",
        )

    def _change(self, table, state, requester, kind):
        from sirhp.content.changes import api as changes

        marker = self.marker(table, state)
        with api.env.adopt_user(username=requester):
            request = changes.propose(
                target=self.file_a,
                changes={"emergency_contact": f"Contact proposé {marker}"},
                justification=f"Justification {marker}",
                kind=kind,
            )
        if state == "approved":
            _do(request, "reviewer.pn", "approve")
        elif state == "rejected":
            _do(request, "reviewer.pn", "reject")
        elif state == "withdrawn":
            _do(request, requester, "withdraw")
        assert api.content.get_state(request) == state
        return self._target(table, state, request, marker)

    def _build_change(self, state):
        return self._change("change", state, "clerkreviewer.pn", "staff")

    def _build_officer_request(self, state):
        return self._change("officer_request", state, testdata.FILES[FILE_A], "officer")

    def _build_badge(self, state):
        """A badge of file A in ``state``.

        Requesting a card revokes the file's active one (reissue), so the
        other badges of the set-up may lose their state here: they are put
        back with the workflow tool (state and role mappings) afterwards.
        """
        from sirhp.content.badges.api import print_batch

        with api.env.adopt_user(username="clerk.pn"):
            badge = api.content.create(
                container=self.file_a, type="Badge", id="carte", safe_id=True
            )
            if state != "requested" and state != "revoked":
                print_batch(badges=[badge])
            if state in ("issued", "expired"):
                _do(badge, "clerk.pn", "issue")
                # overdue: waiting for the daily job, "expire" is possible
                badge.expiry_date = date.today() - timedelta(days=1)
            if state == "expired":
                _do(badge, "clerk.pn", "expire")
            if state == "revoked":
                _do(badge, "clerk.pn", "revoke", revocation_reason="lost")
        self._restore_badges()
        assert api.content.get_state(badge) == state
        return self._target("badge", state, badge, badge.card_number)

    def _restore_badges(self):
        workflow = api.portal.get_tool("portal_workflow")
        definition = workflow["sirhp_badge_workflow"]
        for (table, state), target in list(self.targets.items()):
            if table != "badge":
                continue
            badge = self.portal.unrestrictedTraverse(target.path)
            if api.content.get_state(badge) == state:
                continue
            workflow.setStatusOf(
                "sirhp_badge_workflow",
                badge,
                {
                    "action": None,
                    "actor": SITE_OWNER_NAME,
                    "comments": "état du tableau des droits",
                    "review_state": state,
                    "time": __import__("DateTime").DateTime(),
                },
            )
            definition.updateRoleMappingsFor(badge)
            badge.reindexObject()

    def _build_batch(self, state):
        from sirhp.content.badges.api import create_print_batch

        agency = self.portal["police-nationale"]
        with api.env.adopt_user(username="clerk.pn"):
            badge = api.content.create(
                container=self.file_a, type="Badge", id="carte", safe_id=True
            )
            batch = create_print_batch(agency=agency, badges=[badge.UID()])
        self._restore_badges()
        return self._target("batch", state, batch, batch.card_numbers[0])

    def _build_leave(self, state):
        """A one-day sick leave of file A requested by clerk.pn, with a scan:
        a day of its own (no overlap), in the future (cancelling is allowed
        before the first day)."""
        from sirhp.content.leave import api as leave_api

        marker = self.marker("leave", state)
        day = date.today() + timedelta(days=30 + self.counter)
        with api.env.adopt_user(username="clerk.pn"):
            leave = leave_api.request_leave(
                file=self.file_a,
                leave_type="sick",
                start=day,
                end=day,
                reason=f"Motif {marker}",
                attachment=("certificat.pdf", tiny_pdf(["Certificat"])),
                today=date.today(),
            )
        if state in ("approved", "rejected"):
            _do(leave, "hrmanager.pn", "approve" if state == "approved" else "reject")
        elif state == "cancelled":
            _do(leave, "clerk.pn", "cancel")
        assert api.content.get_state(leave) == state
        return self._target("leave", state, leave, marker)

    def _campaign(self, corps=()):
        from sirhp.content.evaluation import api as evaluation_api

        # one campaign per year and agency: each build has a year of its own
        with api.env.adopt_user(username="hrmanager.pn"):
            campaign = evaluation_api.create_campaign(
                agency=self.portal["police-nationale"],
                year=2100 + self.counter,
                grid={"discipline": 40, "efficacite": 60},
                evaluation_deadline=date(2026, 12, 15),
                population_corps=corps,
            )
        return campaign

    def _build_campaign(self, state):
        marker = self.marker("campaign", state)
        # a corps nobody has: the marker, no evaluation created
        campaign = self._campaign(corps=[marker])
        return self._target("campaign", state, campaign, marker)

    def _build_evaluation(self, state):
        """Officer A's evaluation of a campaign of its own, marked by
        commander.pn (the assessment is the marker), brought to ``state``
        by the people the workflow asks (contest: within the window)."""
        from sirhp.content.evaluation import api as evaluation_api

        marker = self.marker("evaluation", state)
        campaign = self._campaign()
        with api.env.adopt_user(username="hrmanager.pn"):
            evaluation_api.create_evaluations(campaign=campaign)
        evaluation = self.file_a[evaluation_api.evaluation_id(campaign)]
        with api.env.adopt_user(username="commander.pn"):
            evaluation_api.set_marks(
                evaluation=evaluation, marks=MARKS, assessment=marker
            )
        officer = testdata.FILES[FILE_A]
        path = {
            "draft": (),
            "to_acknowledge": (("commander.pn", "submit"),),
            "contested": (("commander.pn", "submit"), (officer, "contest")),
            "acknowledged": (("commander.pn", "submit"), (officer, "acknowledge")),
            "validated": (
                ("commander.pn", "submit"),
                (officer, "acknowledge"),
                ("hrmanager.pn", "validate"),
            ),
        }[state]
        for user, transition in path:
            _do(evaluation, user, transition)
        assert api.content.get_state(evaluation) == state
        return self._target("evaluation", state, evaluation, marker)

    def _course(self, title):
        self.counter += 1
        code = f"PROX{self.counter}"
        with api.env.adopt_user(username="hrmanager.pn"):
            api.content.create(
                container=self.portal["police-nationale"],
                type="TrainingCourse",
                id=f"formation-{code.lower()}",
                title=title,
                code=code,
                domain="proximity",
                hours=20,
                certificate=True,
                certificate_years=3,
            )
        return self.portal["police-nationale"][f"formation-{code.lower()}"]

    def _build_course(self, state):
        marker = self.marker("course", state)
        course = self._course(marker)
        return self._target("course", state, course, marker)

    def _build_session(self, state):
        """A session of a course of its own: officer A nominated, passed;
        entered and recorded by hrmanager.pn, closed by siteadmin."""
        from sirhp.content.training import api as training_api

        marker = self.marker("session", state)
        course = self._course("Police de proximité")
        with api.env.adopt_user(username="hrmanager.pn"):
            session = api.content.create(
                container=self.portal["police-nationale"],
                type="TrainingSession",
                id=f"session-{course.code.lower()}",
                title=f"Session {course.code}",
                course_code=course.code,
                start=date(2026, 10, 5),
                end=date(2026, 10, 16),
                capacity=5,
                trainers=marker,
            )
            training_api.nominate(session=session, file=self.file_a)
            training_api.record_result(
                session=session, file=self.file_a, result="passed"
            )
        if state != "planned":
            _do(session, "hrmanager.pn", "record")
        if state == "closed":
            _do(session, "siteadmin", "close")
        assert api.content.get_state(session) == state
        return self._target("session", state, session, marker)

    def _candidate(self, file, rank, marker):
        return {
            "uid": file.UID(),
            "path": "/".join(file.getPhysicalPath()),
            "matricule": file.matricule,
            "title": file.Title(),
            "rank": rank,
            "score": 14.0 - rank,
            "average": 14.0 - rank,
            "sex": getattr(file, "sex", None),
            "region": getattr(file, "region_of_origin", None),
            "corps": getattr(file, "corps", None),
            "grade_since": date(2020, 1, 1),
            "decision": None,
            # the planted marker: only the table's readers see the reasons
            "reason": marker,
        }

    def _build_promotion(self, state):
        """A tableau d'avancement ranking officers A and B, one post. The
        ranking is set directly (the rules are the API's, tested in
        tests/promotion): no relaxed référentiel, which would change every
        other table's eligibility. Built and submitted by hrmanager.pn;
        decisions recorded (A promoted, B deferred, in ranking order) and
        decided by siteadmin; published by hrmanager.pn."""
        from sirhp.content.promotion import api as promotion_api

        marker = self.marker("promotion", state)
        file_b = self.portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
        with api.env.adopt_user(username="hrmanager.pn"):
            table = api.content.create(
                container=self.portal["police-nationale"],
                type="PromotionTable",
                id=f"tableau-{self.counter}",
                target_grade="officier-1",
                year=2026,
                posts=1,
            )
        table.candidates = [
            self._candidate(self.file_a, 1, marker),
            self._candidate(file_b, 2, marker),
        ]
        table.built_on = date(2026, 11, 1)
        table.builders = ("hrmanager.pn",)
        if state != "draft":
            _do(table, "hrmanager.pn", "submit")
        if state != "draft":
            # the commission's secretary: not who built or submitted it
            with api.env.adopt_user(username="siteadmin"):
                promotion_api.decide(
                    table=table,
                    decisions={
                        row["uid"]: {"decision": decision, "reason": marker}
                        for row, decision in zip(
                            table.candidates, ("promoted", "deferred"), strict=True
                        )
                    },
                )
        if state in ("decided", "published"):
            _do(table, "siteadmin", "decide")
        if state == "published":
            _do(table, "hrmanager.pn", "publish")
        assert api.content.get_state(table) == state
        return self._target("promotion", state, table, marker)

    def _build_fairness(self, state):
        """The fairness figures are asked beside a published tableau."""
        target = self._build_promotion(state)
        return Target("fairness", state, target.path, target.uid, target.marker)

    def _build_indicators(self, state):
        """The dashboard is asked on the agency, beside a course of it."""
        target = self._build_course(state)
        return Target("indicators", state, target.path, target.uid, target.marker)

    def _build_attestation(self, state):
        """Officer A asks for an attestation de service on his file (the
        purpose is the marker); clerk.pn prepares it; hrmanager.pn issues,
        refuses or revokes it (a reason)."""
        from sirhp.content.attestations import api as attestation_api

        marker = self.marker("attestation", state)
        with api.env.adopt_user(username=testdata.FILES[FILE_A]):
            document = attestation_api.request_document(
                file=self.file_a,
                kind="attestation_service",
                purpose=marker,
                today=date(2026, 11, 1),
            )
        if state == "prepared":
            with api.env.adopt_user(username="clerk.pn"):
                attestation_api.prepare(
                    attestation=document, signer_name="Moussa KONE", signer_title="DRH"
                )
        with api.env.adopt_user(username="hrmanager.pn"):
            if state in ("issued", "revoked"):
                attestation_api.issue(attestation=document, today=date(2026, 11, 1))
            if state in ("revoked", "refused"):
                attestation_api.end(
                    attestation=document,
                    transition="revoke" if state == "revoked" else "refuse",
                    reason=COMMENT,
                    today=date(2026, 11, 1),
                )
        assert api.content.get_state(document) == state
        return self._target("attestation", state, document, marker)

    # --- reading back as the site owner ---------------------------------

    def obj(self, target):
        self._sync()
        return self.portal.unrestrictedTraverse(target.path, None)

    def state_of(self, target):
        obj = self.obj(target)
        return api.content.get_state(obj) if obj is not None else None

    def value_of(self, target, name):
        obj = self.obj(target)
        return getattr(obj, name, None) if obj is not None else None

    def children(self, target):
        obj = self.obj(target)
        return sorted(obj.objectIds())

    def local_roles(self, target):
        return dict(self.obj(target).get_local_roles())


class InProcessSite(Site):
    """The same objects in an integration set-up: nothing is committed."""

    def _commit(self):
        pass

    def _sync(self):
        pass


def login_of(table, persona, state):
    """The user id behind ``persona`` for the object of (table, state):
    ``officer`` is the file's own officer (each state's file has its own),
    ``other_officer`` is officer B; None for anonymous."""
    if persona == "anonymous":
        return None
    if table == "file" and persona == "officer":
        return testdata.FILES[FILE_OF_STATE[state]]
    if persona == "officer":
        return testdata.FILES[FILE_A]
    if persona == "other_officer":
        return testdata.FILES["pn_validated2"]
    return persona


class Client:
    """requests with basic authentication; no redirects followed."""

    def __init__(self):
        self.session = requests.Session()

    def __call__(self, method, url, login, json=None, rest=True, **kwargs):
        headers = {**REASON}
        headers["Accept"] = "application/json" if rest else "text/html"
        if login is not None:
            token = b64encode(f"{login}:{PASSWORD}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        return self.session.request(
            method,
            url,
            json=json,
            headers=headers,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )


def without_echoed_url(text):
    """A 404 repeats the requested URL (hidden records answer as missing
    ones: hardening/hidden.py); the rest of the body must not leak."""
    return re.sub(r"Resource not found: [^\"<]*", "", text)


def refused_page(response):
    """401/403/404, or a redirect to the login / insufficient privileges page."""
    if response.status_code in (301, 302, 303, 307):
        location = response.headers.get("Location", "")
        return any(
            word in location for word in ("login", "require_login", "insufficient")
        )
    return response.status_code in DENIED
