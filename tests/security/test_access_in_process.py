"""Every cell of the access tables (``sirhp.policy.access``), in process.

The whole operation map of each (type, state, persona) is asserted in the
integration layer, as imio.dms.mail's permission tests do: one test class
per table builds one object per state once (``InProcessSite``, class-scoped
``site``), then each test logs in as the persona and asks every operation of
the table. An operation that changes data runs inside a savepoint rolled
back at once, so the objects stay as built; nothing is ever committed.

How each operation is asked (plone.api, the workflow tool, the permissions
behind the pages and REST services):

==========  ================================================================
view        ``View``
sensitive   ``View`` and the read permission of the medical fields
photo       ``View`` and the read permission of the photo field
download    ``View`` and the read permission of the file field
edit        the PATCH service (its permission, checked as the publisher does,
            then its answer) edits (204, value stored) exactly when allowed,
            and exactly when the persona holds ``Modify portal content``
propose     the same PATCH answers 202: a change request is added to the
            file, the content is unchanged; refused: 401/403, nothing added
upload      ``sirhp: Add ScannedDocument``; ``api.content.create`` adds one
            where allowed, is refused (nothing added) where not
delete      ``Delete objects``; ``api.content.delete`` removes the object
            where allowed, is refused (object still there) where not
history     ``sirhp: View history`` (page) and ``CMFEditions: Access previous
            versions`` (REST ``@history``), both
audit       ``sirhp: View audit journal`` on the site or the file's agency
sharing     ``Sharing page: Delegate roles``
search      the catalog finds the object by UID as the persona
transition  offered by ``portal_workflow.getTransitionsFor`` (guard
            permission and Python guard) exactly when allowed; fired with
            ``api.content.transition``: new state when allowed, refused and
            state unchanged when not
==========  ================================================================

The HTTP wiring of each view and endpoint and the no-leak rule are in
``test_access_tables.py``.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
import json
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.browserlayer.utils import registered_layers
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.base.errors import SirhpError
from sirhp.content.content.field_access import may_read_field
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.permissions import DownloadAttestation
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.promotion import api as promotion_api
from sirhp.content.recruitment import admissions
from sirhp.content.recruitment import api as recruitment_api
from sirhp.content.training import api as training_api
from sirhp.content.training import verification
from sirhp.policy import testdata
from sirhp.policy.access import CELL_COUNT
from sirhp.policy.access import TABLES
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.base.access import transition_id
from sirhp.policy.base.access import TRANSITIONS
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.security.access import AGENCY_LIST_PAGES
from tests.security.access import class_name
from tests.security.access import COMMENT
from tests.security.access import EDIT_FIELD
from tests.security.access import FILE_A
from tests.security.access import InProcessSite
from tests.security.access import login_of
from tests.security.access import MARKS
import transaction
import zExceptions
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

MEDICAL_FIELDS = ("blood_group", "medical_notes")
DOWNLOAD_FIELD = {"document": "file", "restricted": "file", "batch": "pdf"}
# a value each table's edit field accepts
EDIT_VALUE = {
    "file": "Poste modifié",
    "document": "Réf. modifiée",
    "restricted": "Réf. modifiée",
    "event": "Réf. modifiée",
    "sanction": "Réf. modifiée",
    "decoration": "Réf. modifiée",
    "change": "Justification modifiée",
    "officer_request": "Justification modifiée",
    "badge": "replacement",
    "batch": "a4",
    "leave": "Motif modifié",
    "campaign": "objectives",
    "evaluation": "Appréciation modifiée",
    "course": "Intitulé modifié",
    "session": "Salle modifiée",
    "promotion": "officier-2",
    "attestation": "Objet modifié",
    "recruitment": "Concours modifié",
    "candidate": "Prénom modifié",
    "deployment_list": "Objet modifié",
}
# plone.dexterity raises zExceptions' Unauthorized, AccessControl its own
UNAUTHORIZED = (Unauthorized, zExceptions.Unauthorized)
REFUSED = (api.exc.InvalidParameterError, WorkflowException, *UNAUTHORIZED)


@pytest.fixture(scope="class")
def site(integration_class, request):
    """The objects of one table, built once for its class; rolled back after."""
    table = request.cls.table
    integration_class.testSetUp()
    try:
        portal = integration_class["portal"]
        zope_request = integration_class["request"]
        # the product's services and views are registered for its layers
        for layer in registered_layers():
            alsoProvides(zope_request, layer)
        # set by plone.rest's traversal; a service's permission needs it
        zope_request._rest_cors_preflight = False
        built = InProcessSite(portal)
        # the first state last: approving a request changes the file, which
        # makes a pending request of the same file stale
        for state in reversed(table.states):
            built.shared(table.key, state)
        yield built
    finally:
        logout()
        integration_class.testTearDown()


class Probe:
    """Asks every operation of a table on one object as one persona."""

    def __init__(self, site, table, state, persona):
        self.portal = site.portal
        self.request = site.portal.REQUEST
        self.table = table
        self.state = state
        self.persona = persona
        self.target = site.shared(table.key, state)
        self.obj = self.portal.unrestrictedTraverse(self.target.path)
        self.login = login_of(table.key, persona, state)

    def become(self):
        if self.login is None:
            logout()
        else:
            login(self.portal, self.login)

    def has(self, permission, obj=None):
        return api.user.has_permission(permission, obj=obj or self.obj)

    def holder(self, portal_type):
        """The object itself or its nearest parent of ``portal_type``."""
        obj = self.obj
        while getattr(obj, "portal_type", None) not in (portal_type, None):
            obj = obj.aq_parent
        return obj if getattr(obj, "portal_type", None) == portal_type else None

    # --- operations ---

    def view(self):
        return self.has("View")

    def sensitive(self):
        readable = {name: may_read_field(self.obj, name) for name in MEDICAL_FIELDS}
        assert len(set(readable.values())) == 1, readable
        return self.has("View") and readable["medical_notes"]

    def photo(self):
        return self.has("View") and may_read_field(self.obj, "photo")

    def download(self):
        field = DOWNLOAD_FIELD[self.table.key]
        return self.has("View") and may_read_field(self.obj, field)

    def attachment(self):
        return self.has("View") and self.has("sirhp: Field: read leave attachment")

    def _patch(self):
        """The PATCH service of the object, as the persona: 204 (edited),
        202 (proposed) or refused (None); a refusal changes nothing."""
        name = EDIT_FIELD[self.table.key]
        value = EDIT_VALUE[self.table.key]
        before = getattr(self.obj, name, None)
        # where a proposal is stored: the file (print batches are not in one)
        requests = self.holder("PersonnelFile") or self.obj.aq_parent
        children = set(requests.objectIds())
        self.request.set("BODY", json.dumps({name: value}).encode())
        self.request.response.setStatus(200)
        service = getMultiAdapter(
            (self.obj, self.request), name="PATCH_application_json_"
        )
        try:
            # the registration's permission, as the publisher checks it
            getSecurityManager().validate(self.obj, self.obj, service.__name__, service)
            service.render()
        except UNAUTHORIZED:
            status = 401
        else:
            status = self.request.response.getStatus()
        after = getattr(self.obj, name, None)
        if status == 204:
            assert str(getattr(after, "token", after)) == value
            return "edited"
        assert after == before, f"answered {status} but changed"
        if status == 202:
            assert set(requests.objectIds()) - children, "no change request"
            return "proposed"
        assert status in (401, 403), status
        assert set(requests.objectIds()) == children
        return None

    def edit(self):
        edited = self._patch() == "edited"
        assert edited is self.has("Modify portal content"), edited
        return edited

    def propose(self):
        return self._patch() == "proposed"

    def upload(self):
        allowed = self.has("sirhp: Add ScannedDocument")
        before = set(self.obj.objectIds())
        try:
            api.content.create(
                container=self.obj,
                type="ScannedDocument",
                id="piece-deposee",
                document_type="diplome",
                file=NamedBlobFile(data=tiny_pdf(["Pièce"]), filename="piece.pdf"),
            )
        except REFUSED:
            assert set(self.obj.objectIds()) == before
            assert not allowed, "may add but creating failed"
            return False
        assert len(set(self.obj.objectIds()) - before) == 1
        assert allowed, "added without sirhp: Add ScannedDocument"
        return True

    def delete(self):
        allowed = self.has("Delete objects")
        parent = self.obj.aq_parent
        try:
            api.content.delete(obj=self.obj, check_linkintegrity=False)
        except REFUSED:
            assert self.obj.getId() in parent.objectIds()
            assert not allowed, "may delete but deleting failed"
            return False
        assert self.obj.getId() not in parent.objectIds()
        assert allowed, "deleted without Delete objects"
        return True

    def history(self):
        page = self.has("sirhp: View history")
        rest = self.has("CMFEditions: Access previous versions")
        assert page is rest, f"history page {page}, @history {rest}"
        return page

    def audit(self):
        agency = self.holder("Agency")
        return self.has("sirhp: View audit journal", self.portal) or self.has(
            "sirhp: View audit journal", agency
        )

    def sharing(self):
        return self.has("Sharing page: Delegate roles")

    def search(self):
        found = api.content.find(UID=self.target.uid)
        return len(found) == 1

    def marks(self):
        readable = may_read_field(self.obj, "marks")
        for name in ("mark", "assessment"):
            assert may_read_field(self.obj, name) is readable, name
        return self.has("View") and readable

    def evaluate(self):
        """``set_marks`` (POST @evaluation and the marks form call it)."""
        allowed = self.has("sirhp: Evaluate")
        try:
            evaluation_api.set_marks(evaluation=self.obj, marks=MARKS)
        except (*UNAUTHORIZED, evaluation_api.EvaluationError):
            assert self.state != "draft" or not allowed, "may evaluate but refused"
            return False
        assert allowed, "marked without sirhp: Evaluate"
        return True

    def _service(self, context, name, **form):
        """A GET service as the publisher runs it: its permission, then
        its answer; refused: None."""
        for key, value in form.items():
            self.request.form[key] = value
        self.request.response.setStatus(200)
        service = getMultiAdapter(
            (context, self.request), name=f"GET_application_json_{name}"
        )
        try:
            getSecurityManager().validate(context, context, service.__name__, service)
            answer = service.render()
        except UNAUTHORIZED:
            return None
        finally:
            for key in form:
                del self.request.form[key]
        status = self.request.response.getStatus()
        if status in (403, 404):  # the API's refusal (SirhpService's answer)
            return None
        assert status == 200, answer
        return answer

    def open(self):
        """``evaluation_api.open_campaign`` (the page's button and POST
        @evaluations call it)."""
        try:
            evaluation_api.open_campaign(campaign=self.obj)
        except UNAUTHORIZED:
            return False
        return True

    def campaign_status(self):
        return self._service(self.obj, "@campaign-status") is not None

    def coverage(self):
        agency = self.holder("Agency")
        answer = self._service(agency, "@training-coverage", course=self.obj.code)
        return answer is not None

    def build(self):
        """``promotion_api.build`` (the page's button and POST
        @promotion-table/build call it)."""
        try:
            promotion_api.build(table=self.obj)
        except (*UNAUTHORIZED, promotion_api.PromotionError):
            return False
        return True

    def decisions(self):
        """``promotion_api.decide`` (the decision form and POST
        @promotion-table/decisions call it): the first candidate promoted."""
        first = self.obj.candidates[0]
        decisions = {first["uid"]: {"decision": "promoted", "reason": ""}}
        try:
            promotion_api.decide(table=self.obj, decisions=decisions)
        except (*UNAUTHORIZED, promotion_api.PromotionError):
            return False
        return True

    def _manage_session(self, call):
        try:
            call()
        except (*UNAUTHORIZED, training_api.TrainingError):
            return False
        return True

    def nominate(self):
        """``training_api.nominate`` (the session page's form calls it):
        officer B."""
        file_b = self.portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
        return self._manage_session(
            lambda: training_api.nominate(session=self.obj, file=file_b.UID())
        )

    def results(self):
        """``training_api.record_result`` (the session page's results form)."""
        file_a = self.portal.unrestrictedTraverse(testdata.path_of(FILE_A))
        return self._manage_session(
            lambda: training_api.record_result(
                session=self.obj, file=file_a.UID(), result="failed"
            )
        )

    def certificate(self):
        """``verification.certificate_pdf`` (``<file>/@@attestation``):
        officer A's certificate of the session."""
        file_a = self.portal.unrestrictedTraverse(testdata.path_of(FILE_A))
        try:
            _name, data = verification.certificate_pdf(session=self.obj, file=file_a)
        except (*UNAUTHORIZED, training_api.TrainingError):
            return False
        assert data.startswith(b"%PDF")
        return True

    def _fairness(self, **form):
        agency = self.holder("Agency")
        return self._service(agency, "@fairness", **form) is not None

    def fairness(self):
        return self._fairness(table=self.target.uid)

    def fairness_year(self):
        return self._fairness(year="2026")

    def _page(self, name, context=None):
        """A page's permission (on the agency unless told), as the
        publisher checks it."""
        context = context if context is not None else self.holder("Agency")
        page = getMultiAdapter((context, self.request), name=name)
        try:
            getSecurityManager().validate(context, context, name, page)
        except UNAUTHORIZED:
            return False
        return True

    def agency_list(self):
        """The page, and the object in its list for who may open it (a
        reader of the page reads every object of the type)."""
        name = AGENCY_LIST_PAGES[self.obj.portal_type]
        if not self._page(name):
            return False
        page = getMultiAdapter((self.holder("Agency"), self.request), name=name)
        urls = [item["url"].split("/@@")[0] for item in page.items()]
        assert self.obj.absolute_url() in urls, (name, urls)
        return True

    def fairness_page(self):
        return self._page("equite")

    def fairness_xlsx(self):
        return self._page("equite.xlsx")

    def fairness_pdf(self):
        return self._page("equite.pdf")

    def indicators(self):
        agency = self.holder("Agency")
        return self._service(agency, "@indicators", at="2026-11-01") is not None

    def indicators_page(self):
        return self._page("tableau-de-bord")

    def indicators_xlsx(self):
        return self._page("tableau-de-bord.xlsx")

    def attestation_pdf(self):
        """``sirhp: Download attestation``: the permission of
        ``@@document.pdf`` and of ``verification.document_pdf``."""
        return self.has(DownloadAttestation)

    # --- recruitment and deployment lists ---

    def candidates(self):
        return self._service(self.obj, "@candidates") is not None

    def statistics(self):
        """The service and the page ask the same permission."""
        rest = self._service(self.obj, "@recruitment-statistics") is not None
        page = self._page("statistiques-recrutement", self.obj)
        assert rest is page, f"@recruitment-statistics {rest}, page {page}"
        return rest

    def recruitment_results(self):
        """The service (its permission, then the API's rule) and the page
        (its permission, then the same API call)."""
        rest = self._service(self.obj, "@recruitment-results") is not None
        page = self._page("resultats", self.obj)
        if page:
            try:
                recruitment_api.results(campaign=self.obj)
            except (*UNAUTHORIZED, SirhpError):
                page = False
        assert rest is page, f"@recruitment-results {rest}, @@resultats {page}"
        return rest

    def admissions(self):
        """``admissions.create_files`` (POST @admissions and the results
        page's form, both ``sirhp: Manage recruitment``)."""
        if not self.has(ManageRecruitment):
            return False
        try:
            report = admissions.create_files(campaign=self.obj, hire_date="2026-11-02")
        except (*UNAUTHORIZED, SirhpError):
            return False
        assert report["created"]
        return True

    def candidate_marks(self):
        return self._page("notes", self.obj)

    def deployment_list(self):
        return self._service(self.obj, "@deployment-list") is not None

    def list_xlsx(self):
        return self._page("liste.xlsx", self.obj)

    def list_pdf(self):
        return self._page("liste.pdf", self.obj)

    def transition(self, operation):
        workflow = api.portal.get_tool("portal_workflow")
        offered = {t["id"] for t in workflow.getTransitionsFor(self.obj)}
        name = transition_id(operation)
        allowed = name in offered
        extra = {"revocation_reason": "lost"} if operation == "revoke" else {}
        try:
            api.content.transition(
                obj=self.obj, transition=name, comment=COMMENT, **extra
            )
        except REFUSED:
            assert api.content.get_state(self.obj) == self.state
            assert not allowed, f"offered but refused: {operation}"
            return False
        (chain,) = workflow.getChainFor(self.obj)
        target = workflow[chain].transitions[name].new_state_id
        assert api.content.get_state(self.obj) == target
        entry = self.obj.workflow_history[chain][-1]
        assert (entry["action"], entry["actor"]) == (name, self.login)
        assert allowed, f"fired but not offered: {operation}"
        return True

    def ask(self, operation):
        """Allowed? Anything the operation changed is rolled back."""
        processQueue()  # what is queued for the catalog stays
        savepoint = transaction.savepoint()
        try:
            self.become()
            if operation in TRANSITIONS:
                return self.transition(operation)
            return getattr(self, operation)()
        finally:
            logout()
            # queued catalog operations belong to what is rolled back
            processQueue()
            savepoint.rollback()


def _table_class(table):
    cases = [(state, persona) for state in table.states for persona in PERSONAS]

    class TestTable:
        @pytest.mark.parametrize(
            "state,persona", cases, ids=[f"{s}-{p}" for s, p in cases]
        )
        def test_operation_map(self, site, state, persona):
            """The whole operation map of one persona on one object."""
            probe = Probe(site, table, state, persona)
            assert api.content.get_state(probe.obj) == state  # as built
            expected = {o: table.allowed(persona, state, o) for o in table.operations}
            actual = {o: probe.ask(o) for o in table.operations}
            wrong = {o: actual[o] for o in table.operations if actual[o] != expected[o]}
            assert wrong == {}, f"{state} {persona}: the actual values that differ"

    TestTable.table = table
    TestTable.__name__ = class_name(table)
    TestTable.__doc__ = (
        f"{table.label[1]}: {table.cell_count} cells, one set-up (``site``)."
    )
    return TestTable


# TestFile, TestDocument...: one class per table of sirhp.policy.access
CLASSES = tuple(_table_class(table) for table in TABLES)
globals().update({cls.__name__: cls for cls in CLASSES})


def test_every_cell_is_asked():
    assert [cls.table for cls in CLASSES] == list(TABLES)
    maps = sum(len(table.states) * len(PERSONAS) for table in TABLES)
    cells = sum(
        len(table.states) * len(PERSONAS) * len(table.operations) for table in TABLES
    )
    assert (maps, cells) == (1224, CELL_COUNT)
