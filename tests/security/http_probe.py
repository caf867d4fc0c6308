"""The HTTP probe of ``test_access_tables.py``: one operation of an access
table through one channel (``rest``: plone.restapi with ``Accept:
application/json``; ``browser``: the Classic UI pages). It says whether the
operation was allowed, asserting on the way that a refusal leaks no planted
marker and changes nothing."""

from base64 import b64encode
import re
from sirhp.policy import testdata
from sirhp.policy.base.access import MUTATING
from sirhp.policy.base.access import transition_id
from sirhp.policy.base.access import TRANSITIONS
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.security.access import AGENCY_LIST_PAGES
from tests.security.access import DENIED
from tests.security.access import EDIT_FIELD
from tests.security.access import FILE_A
from tests.security.access import FILE_OF_STATE
from tests.security.access import login_of
from tests.security.access import MARKS
from tests.security.access import refused_page
from tests.security.access import without_echoed_url

DOWNLOAD_FIELD = {"document": "file", "restricted": "file", "batch": "pdf"}
NEW_VALUE = {
    "file": "Poste {}",
    "document": "Réf. {}",
    "restricted": "Réf. {}",
    "event": "Réf. {}",
    "sanction": "Réf. {}",
    "decoration": "Réf. {}",
    "change": "Justification {}",
    "officer_request": "Justification {}",
    "leave": "Motif {}",
    "evaluation": "Appréciation {}",
    "course": "Intitulé {}",
    "session": "Salle {}",
    "attestation": "Objet {}",
    "recruitment": "Concours {}",
    "candidate": "Prénom {}",
    "deployment_list": "Objet {}",
}
# a valid other value for the fields that are choices
CHOICE_VALUE = {
    "badge": "replacement",
    "batch": "a4",
    "campaign": "objectives",
    "promotion": "officier-2",
}
# whom a refused sharing would let in
INTRUDER = "clerk.ocs"


class Probe:
    """One operation through one channel; returns "allowed?"."""

    def __init__(
        self, site, client, table, persona, state, operation, expected, channel
    ):
        self.site = site
        self.http = client
        self.table = table
        self.persona = persona
        self.state = state
        self.operation = operation
        self.expected = expected
        self.channel = channel
        self.login = login_of(table.key, persona, state)
        # the pages only show forms and menus, but opening an edit form
        # locks the object
        changes = (
            operation in MUTATING
            and (channel == "rest" or operation in ("edit", "propose"))
            and (
                expected
                or (
                    operation in ("edit", "propose")
                    and (
                        table.allowed(persona, state, "edit")
                        or table.allowed(persona, state, "propose")
                    )
                )
            )
        )
        self.shared = not changes
        self.target = (
            site.shared(table.key, state)
            if self.shared
            else site.fresh(table.key, state)
        )
        self.url = f"{site.url}/{self.target.path}"

    # --- helpers ---

    def get(self, url, rest=True):
        """GET; answers on the shared objects are kept for the class (reading
        changes nothing: the same page serves view, medical data and the
        transition buttons)."""
        if not self.shared:
            return self.http("GET", url, self.login, rest=rest)
        key = (self.login, url, rest)
        if key not in self.site.answers:
            self.site.answers[key] = self.http("GET", url, self.login, rest=rest)
        return self.site.answers[key]

    def no_leak(self, response):
        if self.table.allowed(self.persona, self.state, "view"):
            return  # may read the object: its values are no leak
        text = without_echoed_url(response.text)
        assert self.target.marker not in text, (
            f"planted value leaked to {self.persona}: {response.status_code}"
        )

    def refused(self, response, rest=True):
        if rest:
            assert response.status_code in DENIED, (
                response.status_code,
                response.text[:300],
            )
        else:
            assert refused_page(response), (
                response.status_code,
                response.headers.get("Location"),
            )
        self.no_leak(response)
        return False

    def answer(self, response, ok=200, rest=True):
        if response.status_code == ok:
            return True
        return self.refused(response, rest)

    # --- operations ---

    def view(self, rest):
        response = self.get(self.url, rest)
        allowed = self.answer(response, rest=rest)
        if allowed and rest:
            assert response.json()["UID"] == self.target.uid
        return allowed

    def sensitive(self, rest):
        response = self.get(self.url, rest)
        notes = f"NOTE-MEDICALE-{self.target.marker}"
        if rest and response.status_code == 200:
            readable = response.json().get("medical_notes") == notes
        else:
            readable = response.status_code == 200 and notes in response.text
        if not readable:
            assert notes not in response.text
        return readable

    def photo(self, rest):
        response = self.get(f"{self.url}/@@images/photo", rest)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith("image/")
            return True
        return self.refused(response, rest)

    def download(self, rest):
        field = DOWNLOAD_FIELD[self.table.key]
        response = self.get(f"{self.url}/@@download/{field}", rest)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith("application/pdf")
            return True
        return self.refused(response, rest)

    def attachment(self, rest):
        response = self.get(f"{self.url}/@@download/attachment", rest)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith("application/pdf")
            return True
        return self.refused(response, rest)

    def _patch(self):
        name = EDIT_FIELD[self.table.key]
        if self.table.key in CHOICE_VALUE:
            value = CHOICE_VALUE[self.table.key]
        else:
            value = NEW_VALUE[self.table.key].format(self.persona)
        before = self.site.value_of(self.target, name)
        response = self.http("PATCH", self.url, self.login, json={name: value})
        after = self.site.value_of(self.target, name)
        if response.status_code == 204:
            assert after is not None and after != before
            assert str(getattr(after, "token", after)) in (value, str(after))
            return "edited"
        assert after == before, f"refused ({response.status_code}) but changed"
        if response.status_code == 202:
            assert "Location" in response.headers
            return "proposed"
        self.refused(response)
        return None

    def _edit_form(self):
        response = self.get(f"{self.url}/@@edit", rest=False)
        if response.status_code != 200:
            self.refused(response, rest=False)
            return None
        if "sirhp_justification" in response.text:
            return "proposed"
        assert "form.buttons.save" in response.text
        return "edited"

    def edit(self, rest):
        outcome = self._patch() if rest else self._edit_form()
        return outcome == "edited"

    def propose(self, rest):
        outcome = self._patch() if rest else self._edit_form()
        return outcome == "proposed"

    def upload(self, rest):
        if not rest:
            response = self.get(f"{self.url}/++add++ScannedDocument", rest=False)
            return self.answer(response, rest=False)
        before = self.site.children(self.target)
        response = self.http(
            "POST",
            self.url,
            self.login,
            json={
                "@type": "ScannedDocument",
                "document_type": "diplome",
                "file": {
                    "data": b64encode(tiny_pdf(["Pièce déposée"])).decode(),
                    "encoding": "base64",
                    "filename": "piece.pdf",
                    "content-type": "application/pdf",
                },
            },
        )
        after = self.site.children(self.target)
        if response.status_code == 201:
            assert len(after) == len(before) + 1
            return True
        assert after == before
        return self.refused(response)

    def delete(self, rest):
        if not rest:
            response = self.get(f"{self.url}/@@delete_confirmation", rest=False)
            return self.answer(response, rest=False)
        response = self.http("DELETE", self.url, self.login)
        exists = self.site.obj(self.target) is not None
        if response.status_code == 204:
            assert not exists
            return True
        assert exists
        return self.refused(response)

    def history(self, rest):
        # the Classic UI page of the history is SIRHP's (Plone's @@historyview
        # is for editors only)
        url = f"{self.url}/@history" if rest else f"{self.url}/@@historique"
        return self.answer(self.get(url, rest), rest=rest)

    def audit(self, rest):
        matricule = testdata.FILES[FILE_OF_STATE[self.state]]
        # the file was read once: its log is not empty
        self.http("GET", self.url, "auditor")
        base = self.site.url
        name = "@audit-log" if rest else "@@journal"
        answers = [
            self.get(f"{base}/{name}?matricule={matricule}", rest),
            self.get(f"{base}/police-nationale/{name}?matricule={matricule}", rest),
        ]
        readable = [r for r in answers if r.status_code == 200]
        if readable:
            if rest:
                items = readable[0].json()["items"]
                assert items
                assert {item["matricule"] for item in items} == {matricule}
            return True
        for response in answers:
            self.refused(response, rest)
            assert '"items"' not in response.text
        return False

    def sharing(self, rest):
        url = f"{self.url}/@sharing" if rest else f"{self.url}/@@sharing"
        allowed = self.answer(self.get(url, rest), rest=rest)
        if rest and not allowed:
            # nor may the persona delegate a role (administrators are not
            # tried: it would change the shared object)
            response = self.http(
                "POST",
                f"{self.url}/@sharing",
                self.login,
                json={
                    "entries": [
                        {"id": INTRUDER, "type": "user", "roles": {"Reader": True}}
                    ]
                },
            )
            self.refused(response)
            assert self.site.local_roles(self.target).get(INTRUDER) is None
        return allowed

    def search(self, rest):
        if rest:
            response = self.get(f"{self.site.url}/@search?UID={self.target.uid}")
            if response.status_code != 200:
                return self.refused(response)
            total = response.json()["items_total"]
            if not total:
                self.no_leak(response)
            found = total == 1
        else:
            response = self.get(
                f"{self.site.url}/@@search?UID={self.target.uid}", rest=False
            )
            if response.status_code != 200:
                return self.refused(response, rest=False)
            found = f'href="{self.url}"' in response.text
            if not found:
                self.no_leak(response)
        self.check_listing(rest, found)
        return found

    def check_listing(self, rest, found):
        """The file's JSON ``items`` list a record exactly when search finds
        it; the file page never shows one search hides."""
        if self.table.key in ("file", "batch"):
            return
        parent = self.url.rsplit("/", 1)[0]
        # not kept: objects of the set-up are added as the tests go
        response = self.http("GET", f"{parent}?b_size=1000", self.login, rest=rest)
        if response.status_code != 200:
            assert not found
            return
        if rest:
            listed = self.url in {item["@id"] for item in response.json()["items"]}
        else:
            listed = re.search(f'href="{re.escape(self.url)}[/"]', response.text)
            listed = listed is not None
        if rest:
            assert listed is found, f"in the file's items: {listed}, found: {found}"
        else:
            # the page chooses what it shows (documents by their download
            # link, requests in Mon dossier...): never what search hides
            assert found or not listed, "listed on the file page, hidden in search"

    def marks(self, rest):
        """The assessment (the marker) and the marks, in the JSON or the page."""
        response = self.get(self.url, rest)
        if response.status_code != 200:
            return self.refused(response, rest)
        if rest:
            data = response.json()
            readable = data.get("assessment") == self.target.marker
            assert bool(data.get("marks")) is readable
            return readable
        return self.target.marker in response.text

    def evaluate(self, rest):
        if not rest:
            response = self.get(self.url, rest=False)
            if response.status_code != 200:
                return self.refused(response, rest=False)
            return "sirhp-evaluation-form" in response.text
        before = self.site.value_of(self.target, "marks")
        response = self.http(
            "POST", f"{self.url}/@evaluation", self.login, json={"marks": MARKS}
        )
        if response.status_code == 200:
            return True
        assert self.site.value_of(self.target, "marks") == before
        if response.status_code == 400:  # the API's refusal: not the officer's
            self.no_leak(response)
            return False
        return self.refused(response)

    def open(self, rest):
        response = self.http("POST", f"{self.url}/@evaluations", self.login, json={})
        return self.answer(response)

    def campaign_status(self, rest):
        response = self.get(f"{self.url}/@campaign-status")
        return self.answer(response)

    def coverage(self, rest):
        code = self.site.value_of(self.target, "code")
        agency = f"{self.site.url}/police-nationale"
        response = self.get(f"{agency}/@training-coverage?course={code}")
        return self.answer(response)

    def _table_post(self, action, body, field, form_name):
        """POST <table>/@promotion-table/<action> (200), or the page's form
        (its button ``form_name`` shown); a refusal changes nothing."""
        if self.channel != "rest":
            response = self.get(self.url, rest=False)
            if response.status_code != 200:
                return self.refused(response, rest=False)
            return f'name="{form_name}"' in response.text
        before = self.site.value_of(self.target, field)
        response = self.http(
            "POST", f"{self.url}/@promotion-table/{action}", self.login, json=body
        )
        if response.status_code == 200:
            return True
        assert self.site.value_of(self.target, field) == before
        if response.status_code == 400:  # the API's refusal (state, four eyes)
            self.no_leak(response)
            return False
        return self.refused(response)

    def build(self, rest):
        return self._table_post("build", {}, "built_on", "build")

    def decisions(self, rest):
        candidates = self.site.value_of(self.target, "candidates")
        body = {"decisions": {candidates[0]["uid"]: {"decision": "promoted"}}}
        return self._table_post("decisions", body, "candidates", "decide")

    def already_there(self, response):
        """plone.restapi answers 200 and changes nothing when the object is
        already in the transition's destination state (``retract`` of a
        draft): not a transition fired."""
        return (
            response.json().get("review_state") == self.state
            and self.site.state_of(self.target) == self.state
        )

    def _session_form(self, form_id):
        """The session page shows the form ``form_id`` (its forms call the
        API, which in-process cells check)."""
        response = self.get(self.url, rest=False)
        if response.status_code != 200:
            return self.refused(response, rest=False)
        found = f'id="{form_id}"' in response.text
        if not found:
            self.no_leak(response)
        return found

    def nominate(self, rest):
        return self._session_form("training-nominate")

    def results(self, rest):
        return self._session_form("training-results")

    def certificate(self, rest):
        """Officer A's certificate of the session: <file>/@@attestation."""
        file_a = f"{self.site.url}/{testdata.path_of(FILE_A)}"
        session_id = self.target.path.rsplit("/", 1)[-1]
        response = self.get(f"{file_a}/@@attestation?session={session_id}", rest)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith("application/pdf")
            return True
        return self.refused(response, rest)

    def _agency_get(self, name, query, rest, content_type):
        agency = f"{self.site.url}/police-nationale"
        response = self.get(f"{agency}/{name}?{query}", rest)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith(content_type)
            return True
        return self.refused(response, rest)

    def fairness(self, rest):
        query = f"table={self.target.uid}"
        return self._agency_get("@fairness", query, True, "application/json")

    def fairness_year(self, rest):
        return self._agency_get("@fairness", "year=2026", True, "application/json")

    def agency_list(self, rest):
        name = AGENCY_LIST_PAGES[self.table.portal_type]
        agency = f"{self.site.url}/police-nationale"
        # not the kept answer: the list grows as the world plants objects
        response = self.http("GET", f"{agency}/@@{name}", self.login, rest=rest)
        if response.status_code == 200:
            assert self.target.path.rsplit("/", 1)[-1] in response.text
            return True
        return self.refused(response, rest)

    def fairness_page(self, rest):
        query = f"table={self.target.uid}"
        return self._agency_get("@@equite", query, False, "text/html")

    def fairness_xlsx(self, rest):
        query = f"table={self.target.uid}"
        return self._agency_get(
            "@@equite.xlsx", query, False, "application/vnd.openxmlformats"
        )

    def fairness_pdf(self, rest):
        query = f"table={self.target.uid}"
        return self._agency_get("@@equite.pdf", query, False, "application/pdf")

    def indicators(self, rest):
        return self._agency_get(
            "@indicators", "at=2026-11-01", True, "application/json"
        )

    def indicators_page(self, rest):
        return self._agency_get(
            "@@tableau-de-bord", "at=2026-11-01", False, "text/html"
        )

    def indicators_xlsx(self, rest):
        return self._agency_get(
            "@@tableau-de-bord.xlsx",
            "at=2026-11-01",
            False,
            "application/vnd.openxmlformats",
        )

    def attestation_pdf(self, rest):
        """GET <document>/@@document.pdf (a page: asked once)."""
        response = self.get(f"{self.url}/@@document.pdf", rest=False)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith("application/pdf")
            return True
        return self.refused(response, rest=False)

    # --- recruitment and deployment lists ---

    def _own_get(self, name, rest, content_type):
        """GET <obj>/<name>: 200 of ``content_type``, or refused."""
        response = self.get(f"{self.url}/{name}", rest)
        if response.status_code == 200:
            assert response.headers["Content-Type"].startswith(content_type)
            return True
        return self.refused(response, rest)

    def candidates(self, rest):
        return self._own_get("@candidates", True, "application/json")

    def statistics(self, rest):
        if rest:
            return self._own_get("@recruitment-statistics", True, "application/json")
        return self._own_get("@@statistiques-recrutement", False, "text/html")

    def recruitment_results(self, rest):
        if rest:
            return self._own_get("@recruitment-results", True, "application/json")
        return self._own_get("@@resultats", False, "text/html")

    def admissions(self, rest):
        """POST @admissions (200: files made), or the results page's form
        (its button ``admit`` shown); a refusal makes no file."""
        if not rest:
            response = self.get(f"{self.url}/@@resultats", rest=False)
            if response.status_code != 200:
                return self.refused(response, rest=False)
            return 'name="admit"' in response.text
        response = self.http(
            "POST",
            f"{self.url}/@admissions",
            self.login,
            json={"hire_date": "2026-11-02"},
        )
        if response.status_code == 200:
            assert response.json()["created"]
            return True
        if response.status_code == 400:  # the API's refusal (not published)
            self.no_leak(response)
            return False
        return self.refused(response)

    def candidate_marks(self, rest):
        return self._own_get("@@notes", False, "text/html")

    def deployment_list(self, rest):
        return self._own_get("@deployment-list", True, "application/json")

    def list_xlsx(self, rest):
        return self._own_get("@@liste.xlsx", False, "application/vnd.openxmlformats")

    def list_pdf(self, rest):
        return self._own_get("@@liste.pdf", False, "application/pdf")

    def transition(self, rest):
        name = transition_id(self.operation)
        if not rest:
            response = self.get(self.url, rest=False)
            if response.status_code != 200:
                return self.refused(response, rest=False)
            # SIRHP's pages draw their transition buttons (sirhp-transition-<id>,
            # also on the action bar); Plone's workflow menu is for
            # administrators (the toolbar)
            return (
                f"sirhp-transition-{name}" in response.text
                or f'id="workflow-transition-{name}"' in response.text
            )
        body = {"comment": "Motif de contrôle : pièce manquante."}
        if self.operation == "revoke":
            body["revocation_reason"] = "lost"
        response = self.http(
            "POST", f"{self.url}/@workflow/{name}", self.login, json=body
        )
        state = self.site.state_of(self.target)
        if response.status_code == 200 and not self.already_there(response):
            assert state != self.state, (response.status_code, response.text[:500])
            return True
        assert response.status_code == 200 or 400 <= response.status_code < 500
        assert state == self.state, f"refused ({response.status_code}) but {state}"
        self.no_leak(response)
        return False

    def run(self):
        method = (
            self.transition
            if self.operation in TRANSITIONS
            else getattr(self, self.operation)
        )
        return method(self.channel == "rest")
