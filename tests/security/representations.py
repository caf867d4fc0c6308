"""Every way an object's data leaves the server: THE list.

Read by ``test_representations.py``:

- ``REGISTRY``: each representation is named, applies to planted objects
  (``targets``: kinds ``file``, ``restricted`` document, ``change`` request,
  or keys of single objects) or to the ``site`` once, and lists the
  requests whose answers a persona gets (REST JSON, pages, WebDAV, ZMI, CSV,
  PDF text, mails). ``covers`` names the REST services, browser views, Zope
  methods and skin objects it exercises.
- ``NOT_DATA``: what the server exposes that is **not** a representation of
  an object's protected data, in groups, each with its reason.

``test_every_exposed_name_is_listed`` enumerates what the server exposes on
SIRHP content and the site and fails on any name found in neither list: a
new representation fails the test until it is listed here.

Never list a view or method that changes data when fetched: the leak test
fetches every representation as every persona.

Speed (the module must stay near a minute): pages are asked with
``Accept: */*``, so a refusal is Plone's short JSON error instead of its
rendered error page (the page itself renders the same; refusal pages are
checked by test_access_tables.py); redirects are not followed (their
``Location`` is checked); representations that are the same code on every
object run on one object of each kind (``ONE_EACH``).
"""

from dataclasses import dataclass
import email
from email import policy
import io
import json
from pathlib import Path
import requests
from sirhp.policy.testdata import PASSWORD
from tests.security.planted import login_of
from tests.security.planted import REASON

JSON = "application/json"
PAGE = "*/*"

# targets (planted.World.targets: kinds, or keys of one object)
ALL = ("file", "restricted", "change")
ONE_EACH = ("file_a", "restricted", "change_medical")
FILE_A = ("file_a",)
VERSIONED = ("file_a", "restricted")


# --- fetching -------------------------------------------------------------


def response_text(response):
    """The body as text, whatever its type (PDF: raw and extracted text),
    after the ``Location`` of a redirect."""
    kind = response.headers.get("Content-Type", "")
    data = response.content
    head = f"Location: {response.headers.get('Location', '')}\n"
    if "pdf" in kind or data.startswith(b"%PDF-"):
        return head + data.decode("latin-1") + "\n" + pdf_text(data)
    if "spreadsheetml" in kind or data.startswith(b"PK"):
        return head + xlsx_text(data)
    if data.startswith(b"\x1f\x8b"):
        import gzip

        try:
            data = gzip.decompress(data)
        except OSError:
            pass
    return head + data.decode("utf-8", errors="replace")


def xlsx_text(data):
    """Every cell of every sheet of a workbook, one row a line (a planted
    value is found in a cell, not in the zipped bytes)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True)
    except Exception as error:  # no workbook after all: the raw bytes are checked
        return f"(xlsx: {error})\n" + data.decode("latin-1")
    return "\n".join(
        "\t".join("" if cell is None else str(cell) for cell in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def pdf_text(data):
    from pypdf import PdfReader

    try:
        pages = PdfReader(io.BytesIO(data)).pages
        return "\n".join(page.extract_text() or "" for page in pages)
    except Exception as error:  # no PDF after all: the raw bytes are checked
        return f"(pdf: {error})"


class Client:
    """One persona over HTTP (basic authentication), answers cached: the
    same request serves several representations and the controls."""

    def __init__(self, persona, credentials=None):
        self.persona = persona
        self.session = requests.Session()
        login = login_of(persona) if credentials is None else credentials[0]
        if login is not None:
            self.session.auth = credentials or (login, PASSWORD)
        self.cache = {}

    def __call__(self, url, accept=JSON, reason=False, method="GET", body=None):
        headers = {"Accept": accept, **(REASON if reason else {})}
        if method == "PROPFIND":
            headers["Depth"] = "1"
        key = (method, url, accept, reason, json.dumps(body))
        if key not in self.cache:
            response = self.session.request(
                method,
                url,
                headers=headers,
                json=body,
                timeout=60,
                allow_redirects=False,
            )
            self.cache[key] = (response.status_code, response_text(response))
        return self.cache[key]

    def close(self):
        self.session.close()


@dataclass
class Representation:
    name: str
    targets: tuple  # kinds or keys of planted objects; ("site",): once
    requests: object  # (world, target) -> [(label, url, options)]
    covers: tuple  # "service:GET @name", "view:name", "zope:name", "skin:name"
    note: str  # what it is, one line
    skip: str = ""  # listed, not fetched: why
    closed: bool = False  # a probe nobody may get a 2xx from

    def answers(self, client, world, target):
        """(label, HTTP status, text) of each request."""
        for label, url, options in self.requests(world, target):
            status, text = client(url, **options)
            yield label, status, text


def rest(*suffixes, reason=True, **options):
    """GET ``<object><suffix>`` as JSON, with a consultation reason unless
    told (``{v}``: once per stored version)."""
    return _requests(suffixes, accept=JSON, reason=reason, **options)


def page(*suffixes, **options):
    """GET ``<object><suffix>`` outside the REST API (pages, Zope methods)."""
    return _requests(suffixes, accept=PAGE, **options)


def _requests(suffixes, **options):
    def requests_of(world, target):
        result = []
        for suffix in suffixes:
            versions = target.versions if "{v}" in suffix else [None]
            for version in versions:
                url = target.url + suffix.format(v=version)
                result.append((url, url, options))
        return result

    return requests_of


def site_rest(*suffixes, reason=True):
    return _site_requests(suffixes, accept=JSON, reason=reason)


def site_page(*suffixes):
    return _site_requests(suffixes, accept=PAGE)


def _site_requests(suffixes, **options):
    def requests_of(world, target):
        return [(suffix, world.url + suffix, options) for suffix in suffixes]

    return requests_of


# --- requests that need the world -------------------------------------------

# every planted marker starts with "qz": searches ask "qz*" (a page repeats
# what was searched; a whole marker there would be no leak)
PREFIX = "qz"


def _querystring_search(world, target):
    body = {
        "query": [
            {
                "i": "portal_type",
                "o": "plone.app.querystring.operation.selection.any",
                "v": world.types,
            }
        ],
        "fullobjects": 1,
        "metadata_fields": "_all",
        "b_size": 1000,
    }
    url = f"{world.url}/@querystring-search"
    return [(url, url, {"method": "POST", "body": body, "reason": True})]


def _catalog_vocabulary(world, target):
    """What the folder contents and the relation widgets ask the catalog."""
    from urllib.parse import quote

    site_path = "/" + world.url.split("/", 3)[-1]
    path = f"{site_path}/{world.targets['file_a'].path}::1"
    query = {
        "criteria": [
            {"i": "path", "o": "plone.app.querystring.operation.string.path", "v": path}
        ]
    }
    attributes = ["id", "Title", "Description", "getURL", "review_state"]
    folder = (
        f"{world.url}/@@getVocabulary?name=plone.app.vocabularies.Catalog"
        f"&query={quote(json.dumps(query))}&attributes={quote(json.dumps(attributes))}"
        "&batch_size=1000"
    )
    vocabulary = f"{world.url}/@vocabularies/plone.app.vocabularies.Catalog?b_size=1000"
    return [
        (folder, folder, {"accept": JSON}),
        (vocabulary, vocabulary, {"reason": True}),
    ]


def _expand(world, target):
    url = f"{target.url}?expand={','.join(world.expandables)}"
    return [(url, url, {"reason": True})]


def _field_names(world, target):
    """Protected fields by name, for the URLs that name a field."""
    if target.kind == "file":
        return [f.name for f in world.file_fields]
    if target.kind == "restricted":
        return ["reference", "issuing_authority", "extracted_text", "file"]
    return ["proposed", "current", "attachment"]


def _by_field(*templates):
    def requests_of(world, target):
        return [
            (url, url, {"accept": PAGE})
            for name in _field_names(world, target)
            for url in (target.url + t.format(field=name) for t in templates)
        ]

    return requests_of


# a transition each planted object offers to someone, by its state
TRANSITION_OF_STATE = {
    "draft": "submit",
    "pending": "reject",
    "validated": "archive",
}


def _transition_form(world, target):
    url = f"{target.url}/@@sirhp-transition?transition={TRANSITION_OF_STATE[target.state]}"
    return [(url, url, {"accept": PAGE})]


def _propfind(world, target):
    return [
        (f"PROPFIND {target.url}", target.url, {"method": "PROPFIND", "accept": PAGE})
    ]


def _relations(world, target):
    source = f"{world.url}/@relations?source={world.targets['file_a'].uid}"
    units = f"{world.url}/@relations?relation=unit"
    return [(source, source, {}), (units, units, {})]


def _linkintegrity(world, target):
    url = f"{world.url}/@linkintegrity?" + "&".join(
        f"uids={t.uid}" for t in world.targets.values()
    )
    return [("@linkintegrity", url, {})]


def _querybuilder(world, target):
    """The collection preview (ten items) of each type whose titles may
    hold planted values, and its count."""
    result = []
    for portal_type in ("ScannedDocument", "ChangeRequest"):
        query = (
            "query.i:records=portal_type"
            "&query.o:records=plone.app.querystring.operation.selection.any"
            f"&query.v:records:list={portal_type}"
        )
        for name in ("querybuilder_html_results", "querybuildernumberofresults"):
            url = f"{world.url}/@@{name}?{query}"
            result.append((url, url, {"accept": PAGE}))
    return result


def _audit(world, target):
    result = []
    for base in (world.url, world.url + "/police-nationale"):
        result += [
            (f"{base}/@audit-log", f"{base}/@audit-log?b_size=1000", {}),
            (f"{base}/@@journal", f"{base}/@@journal", {"accept": PAGE}),
            (f"{base}/@@journal.csv", f"{base}/@@journal.csv", {"accept": PAGE}),
        ]
    url = f"{world.url}/@journal-health"
    return result + [(url, url, {})]


def _career_check(world, target):
    result = []
    for base in (world.url, world.url + "/police-nationale"):
        result += [
            (f"{base}/@career-check", f"{base}/@career-check", {}),
            (
                f"{base}/@@controle-carrieres",
                f"{base}/@@controle-carrieres",
                {"accept": PAGE},
            ),
        ]
    return result


def _collective_decision(world, target):
    # the planted site has no collective decision: an unknown id is a 404
    base = world.url + "/police-nationale"
    return [
        (
            f"{base}/@collective-decision/<id>",
            f"{base}/@collective-decision/0123456789abcdef",
            {},
        ),
        (
            f"{base}/@@decision-collective?id=<id>",
            f"{base}/@@decision-collective?id=0123456789abcdef",
            {"accept": PAGE},
        ),
    ]


def _retirements(world, target):
    base = world.url + "/police-nationale"
    years = "from=2020&to=2069"  # the widest span allowed (50 years)
    return [
        (f"{base}/@retirements", f"{base}/@retirements?{years}", {}),
        (
            f"{base}/@@departs-retraite",
            f"{base}/@@departs-retraite?{years}",
            {"accept": PAGE},
        ),
    ]


def _deployment_search(world, target):
    base = world.url + "/police-nationale"
    every = "age_min=0"  # every file the persona may see
    return [
        (f"{base}/@deployment-search", f"{base}/@deployment-search?{every}", {}),
        (
            f"{base}/@@recherche-deploiement",
            f"{base}/@@recherche-deploiement?{every}",
            {"accept": PAGE},
        ),
    ]


def _fairness(world, target):
    base = world.url + "/police-nationale"
    return [
        (f"{base}/@fairness", f"{base}/@fairness?year=2026", {}),
        (f"{world.url}/@fairness", f"{world.url}/@fairness?year=2026", {}),
    ] + [
        (f"{root}/@@{name}", f"{root}/@@{name}?year=2026", {"accept": PAGE})
        for root in (base, world.url)
        for name in ("equite", "equite.xlsx", "equite.pdf")
    ]


def _indicators(world, target):
    base = world.url + "/police-nationale"
    at = "at=2026-11-01"
    return [
        (f"{base}/@indicators", f"{base}/@indicators?{at}", {}),
        (f"{world.url}/@indicators", f"{world.url}/@indicators?{at}", {}),
    ] + [
        (f"{root}/@@{name}", f"{root}/@@{name}?{at}", {"accept": PAGE})
        for root in (base, world.url)
        for name in ("tableau-de-bord", "tableau-de-bord.xlsx")
    ]


def _content_and_page(suffix):
    """The object's JSON (with a reason) and its page."""

    def requests_of(world, target):
        url = target.url + suffix
        return [(url, url, {"reason": True}), (f"page {url}", url, {"accept": PAGE})]

    return requests_of


def _recruitment(world, target):
    campaign = world.targets["campaign"].url
    candidate = world.targets["candidate"].url
    rest_names = ("", "/@recruitment-statistics", "/@recruitment-results")
    pages = (
        "",
        "/@@resultats",
        "/@@statistiques-recrutement",
        "/@@ajouter-candidat",
        "/@@import-notes",
        "/@@modele-notes.xlsx",
    )
    return (
        [(f"{campaign}{n}", f"{campaign}{n}", {}) for n in rest_names]
        + [(f"page {campaign}{n}", f"{campaign}{n}", {"accept": PAGE}) for n in pages]
        + [(f"{candidate}/@@notes", f"{candidate}/@@notes", {"accept": PAGE})]
    )


def _deployment_list(world, target):
    url = world.targets["deployment_list"].url
    return [
        (f"{url}/@deployment-list", f"{url}/@deployment-list", {}),
        (f"page {url}", url, {"accept": PAGE}),
    ] + [
        (f"{url}/@@{name}", f"{url}/@@{name}", {"accept": PAGE})
        for name in ("liste.xlsx", "liste.pdf")
    ]


class Mails:
    """The notification mails (.eml in SIRHP_MAIL_DIR) sent to the persona."""

    name = "mail:notifications"
    targets = ("site",)
    covers = ()
    note = "notification mails, as written (.eml) after the commit"
    skip = ""
    closed = False

    def answers(self, client, world, target):
        from tests import conftest

        address = world.emails.get(client.persona)
        if not address:
            return
        for path in sorted(Path(conftest.MAIL_DIR).glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if address in str(message["To"]).lower():
                text = f"{message['Subject']}\n{message.get_content()}"
                yield path.name, 200, text


# --- THE registry -----------------------------------------------------------

REGISTRY = (
    # --- REST: plone.restapi and SIRHP's services
    Representation(
        "rest:get",
        ALL,
        rest("", reason=False),
        ("service:GET (content)",),
        "the object's JSON without a consultation reason",
    ),
    Representation(
        "rest:get+reason",
        ("file",),
        rest(""),
        ("service:GET (content)",),
        "the object's JSON with X-SIRHP-Reason",
    ),
    Representation(
        "rest:get+expand",
        ONE_EACH,
        _expand,
        (),  # + every expandable element: test_representations.covered()
        "the JSON with every expandable component (breadcrumbs, navigation...)",
    ),
    Representation(
        "rest:get+fullobjects",
        FILE_A,
        rest("?fullobjects=1&b_size=1000"),
        (),
        "a file with its items serialized in full",
    ),
    Representation(
        "rest:get?version",
        VERSIONED,
        rest("?version={v}", "/@history/{v}"),
        (),
        "each stored version's JSON (?version=, @history/<version>)",
    ),
    Representation(
        "rest:@history",
        ONE_EACH,
        rest("/@history"),
        ("service:GET @history",),
        "versions and transitions (who, when, comments)",
    ),
    Representation(
        "rest:@workflow",
        ONE_EACH,
        rest("/@workflow"),
        ("service:GET @workflow",),
        "the workflow state, history and comments",
    ),
    Representation(
        "rest:@validate-all",
        FILE_A,
        rest("/@validate-all"),
        ("service:GET @validate-all",),
        "what a grouped validation would do: the items' titles and reasons",
    ),
    Representation(
        "rest:@change-requests",
        ("file",),
        rest("/@change-requests"),
        ("service:GET @change-requests",),
        "a file's change requests",
    ),
    Representation(
        "rest:@career",
        ("file",),
        rest("/@career"),
        ("service:GET @career",),
        "a file's situation, validated career acts and periods",
    ),
    Representation(
        "rest:@eligibility",
        ("file",),
        rest("/@eligibility"),
        ("service:GET @eligibility",),
        "a file's eligibility for the next grade, criterion by criterion "
        "(a sanction's level only to who may read disciplinary data)",
    ),
    Representation(
        "rest:@promotion-table",
        ("site",),
        site_rest("/police-nationale/tableau/@promotion-table"),
        ("service:GET @promotion-table",),
        "a tableau d'avancement: the eligible officers' matricules, names, "
        "averages, ranks and the commission's decisions (never a sanction "
        "level), for HR managers, auditors and administrators",
        skip="no PromotionTable is planted; every persona's refusal is tested "
        "by tests/promotion/test_promotion_access.py",
    ),
    Representation(
        "rest:@candidates",
        ("site",),
        site_rest("/police-nationale/concours/@candidates"),
        ("service:GET @candidates",),
        "a recruitment campaign's candidates: names, NINA, birth date, region "
        "of origin, marks and status, for recruitment officers, HR managers "
        "and administrators of the agency (never auditors)",
    ),
    Representation(
        "recruitment:candidate",
        ("candidate",),
        _content_and_page(""),
        ("service:GET (content)",),
        "a candidate's JSON and page (identity, marks): who manages the concours",
    ),
    Representation(
        "recruitment:pages",
        ("site",),
        _recruitment,
        (
            "service:GET @recruitment-statistics",
            "service:GET @recruitment-results",
            "service:POST @admissions",
            "view:resultats",
            "view:ajouter-candidat",
            "view:import-notes",
            "view:modele-notes.xlsx",
            "view:notes",
            "view:statistiques-recrutement",
        ),
        "a campaign's JSON and page, its counts by region and sex vs quota "
        "(auditors too: counts only), its pages (a candidate's marks, the "
        "marks spreadsheet's template and import, the new candidate form), "
        "the results (names, regions, averages, why; auditors once "
        "published). POST @admissions (the admitted candidates' files, HR "
        "managers, once published) is never fetched: it makes files",
    ),
    Representation(
        "deployment:list",
        ("site",),
        _deployment_list,
        ("service:GET @deployment-list", "view:liste.xlsx", "view:liste.pdf"),
        "a deployment list: its title, purpose, dates and members (the "
        "finder's items, catalog metadata and index values, only the files "
        "the reader may see), as JSON, page, XLSX and PDF nominative list, for "
        "HR managers, auditors and administrators",
    ),
    Representation(
        "rest:@leave-balance",
        ("file",),
        rest("/@leave-balance?year=2026"),
        ("service:GET @leave-balance",),
        "a file's leave right, days taken and remaining per type",
    ),
    Representation(
        "rest:@change-diff",
        ("change",),
        rest("/@change-diff"),
        ("service:GET @change-diff",),
        "a request's current and proposed values",
    ),
    Representation(
        "rest:@search",
        ("site",),
        site_rest("/@search?metadata_fields=_all&b_size=1000"),
        ("service:GET @search",),
        "catalog brains with all their metadata",
    ),
    Representation(
        "rest:@search+fullobjects",
        ("site",),
        site_rest("/@search?fullobjects=1&b_size=1000"),
        ("service:GET @search",),
        "every object found, serialized in full",
    ),
    Representation(
        "rest:@search+text",
        ("site",),
        site_rest(f"/@search?SearchableText={PREFIX}%2A&metadata_fields=_all"),
        ("service:GET @search",),
        "full-text search for the planted markers",
    ),
    Representation(
        "rest:@querystring-search",
        ("site",),
        _querystring_search,
        ("service:POST @querystring-search", "service:GET @querystring-search"),
        "a collection query over SIRHP types, objects in full",
    ),
    Representation(
        "rest:catalog-vocabulary",
        ("site",),
        _catalog_vocabulary,
        (
            "service:GET @vocabularies",
            "view:getVocabulary",
            "view:folder_contents",
            "view:fc-contextInfo",
        ),
        "the catalog vocabulary (folder contents, relation widgets)",
    ),
    Representation(
        "rest:@relations",
        ("site",),
        _relations,
        ("service:GET @relations",),
        "relations of a file, and every unit relation",
    ),
    Representation(
        "rest:@linkintegrity",
        ("site",),
        _linkintegrity,
        ("service:GET @linkintegrity",),
        "what links to each planted object, asked by UID",
    ),
    Representation(
        "rest:@change-requests(queue)",
        ("site",),
        site_rest("/@change-requests"),
        ("service:GET @change-requests",),
        "the review queue",
    ),
    Representation(
        "rest:@referentials",
        ("site",),
        site_rest("/@referentials"),
        ("service:GET @referentials",),
        "the référentiels of the statute in force (no personal data)",
    ),
    Representation(
        "rest:@mon-dossier",
        ("site",),
        site_rest("/@mon-dossier"),
        ("service:GET @mon-dossier",),
        "the officer's own file, requests and history",
    ),
    Representation(
        "rest:@text-queue",
        ("site",),
        site_rest("/@text-queue?limit=50"),
        # POST (the worker takes jobs) answers the same items with a lease
        ("service:GET @text-queue", "service:POST @text-queue"),
        "documents waiting for their text (the text worker)",
    ),
    Representation(
        "rest:@text-source",
        ("restricted",),
        rest("/@text-source"),
        ("service:GET @text-source",),
        "a document's PDF for the text worker (sirhp: Extract document text)",
    ),
    Representation(
        "audit:journal",
        ("site",),
        _audit,
        (
            "service:GET @audit-log",
            "view:journal",
            "view:journal.csv",
            "service:GET @journal-health",
        ),
        "the journal: page, CSV and @audit-log, on the site and the agency; "
        "its health (@journal-health) on the site",
    ),
    Representation(
        "retirement:agency",
        ("site",),
        _retirements,
        ("service:GET @retirements", "view:departs-retraite"),
        "an agency's retirements by age limit: @retirements and the page",
    ),
    Representation(
        "deployment:search",
        ("site",),
        _deployment_search,
        ("service:GET @deployment-search", "view:recherche-deploiement"),
        "the staff finder of an agency: @deployment-search and the page "
        "(items and facets of the files the persona may see, no protected field)",
    ),
    Representation(
        "fairness:agency",
        ("site",),
        _fairness,
        (
            "service:GET @fairness",
            "view:equite",
            "view:equite.xlsx",
            "view:equite.pdf",
        ),
        "promotion and marks per group (sirhp: View fairness): @fairness, the "
        "page and its XLSX and PDF exports, on the agency and the site",
    ),
    Representation(
        "indicators:agency",
        ("site",),
        _indicators,
        (
            "service:GET @indicators",
            "view:tableau-de-bord",
            "view:tableau-de-bord.xlsx",
        ),
        "the reform's dashboard (sirhp: View indicators): @indicators, the "
        "page and its XLSX exports, on the agency and the site",
    ),
    Representation(
        "careers:check",
        ("site",),
        _career_check,
        ("service:GET @career-check", "view:controle-carrieres"),
        "the careers consistency check: @career-check and the page, on the "
        "site and the agency",
    ),
    Representation(
        "careers:collective-form",
        ("site",),
        site_page("/police-nationale/@@acte-collectif"),
        ("view:acte-collectif",),
        "the collective act form: the agency's units, grades and act natures; "
        "its preview (POST) lists the names of the validated files the caller "
        "sees",
    ),
    Representation(
        "careers:collective-decision",
        ("site",),
        _collective_decision,
        ("service:GET @collective-decision", "view:decision-collective"),
        "a collective decision's acts the caller sees (matricule, act title, "
        "state) from the catalog; none planted, so an unknown id: 404 to all",
        closed=True,
    ),
    Mails(),
    # --- Classic UI pages of the objects
    Representation(
        "page:view",
        ALL,
        page(""),
        ("view:view", "zope:view"),
        "the object's page (HR managers: the reason form first)",
    ),
    Representation(
        "page:edit",
        ONE_EACH + ("file_draft",),
        page("/@@edit"),
        ("view:edit",),
        "the edit form: a draft's, the proposal form of validated content",
    ),
    Representation(
        "page:content-core",
        ONE_EACH,
        page("/@@content-core"),
        ("view:content-core",),
        "Dexterity's display of every field",
    ),
    Representation(
        "page:historique",
        ONE_EACH,
        page("/@@historique"),
        ("view:historique",),
        "SIRHP's history: each version's changed fields, transitions",
    ),
    Representation(
        "page:demander-conge",
        FILE_A,
        page("/@@demander-conge"),
        ("view:demander-conge",),
        "the leave form: the file's leave balances of the year",
    ),
    Representation(
        "page:plone-history",
        ONE_EACH,
        page("/@@historyview", "/@@contenthistory", "/@@contenthistorypopup"),
        ("view:historyview", "view:contenthistory", "view:contenthistorypopup"),
        "Plone's history pages",
    ),
    Representation(
        "page:versions",
        VERSIONED,
        page(
            "/@@versions_history_form",
            "/@@version-view?version_id={v}",
            "/@@history?one={v}&two=current",
        ),
        (
            "view:versions_history_form",
            "view:version-view",
            "view:history",
            "view:diff_legend",
            "view:version_file_view",
            "view:version_image_view",
        ),
        "CMFEditions and plone.app.versioningbehavior: versions, their page, "
        "their comparison with the current object",
    ),
    Representation(
        "page:download-version",
        ("restricted",),
        page("/@@download-version?version_id={v}&field_id=file"),
        ("view:download-version",),
        "a version's file (its PDF text)",
    ),
    Representation(
        "page:sirhp-transition",
        ONE_EACH,
        _transition_form,
        ("view:sirhp-transition",),
        "the confirmation form of a transition the object offers",
    ),
    Representation(
        "page:grouped-actions",
        FILE_A,
        page("/@@soumettre-dossier-et-pieces", "/@@valider-dossier-et-pieces"),
        ("view:soumettre-dossier-et-pieces", "view:valider-dossier-et-pieces"),
        "the confirmation of a file submitted or validated with its records: "
        "the items' titles, and why some are left out",
    ),
    Representation(
        "page:file-tools",
        FILE_A,
        page(
            "/@@photo-identite",
            "/@@motif-consultation",
            "/@@fiche-separation?type=certificat-medical",
            "/@@babel_view",
        ),
        (
            "view:photo-identite",
            "view:motif-consultation",
            "view:fiche-separation",
            "view:babel_view",
            "view:babel_edit",
        ),
        "the photo page, the reason form, a cover sheet (PDF text), the "
        "translation view",
    ),
    Representation(
        "page:folder-views",
        FILE_A,
        page(
            "/folder_listing",
            "/listing_view",
            "/summary_view",
            "/tabular_view",
            "/full_view",
            "/RSS",
            "/rss.xml",
            "/atom.xml",
            "/itunes.xml",
            "/newsml.xml",
            "/ics_view",
            "/event_listing_ical",
        ),
        (
            "view:folder_listing",
            "view:listing_view",
            "view:summary_view",
            "view:tabular_view",
            "view:full_view",
            "view:contentlisting",
            "view:folderListing",
            "view:RSS",
            "view:rss.xml",
            "view:atom.xml",
            "view:itunes.xml",
            "view:newsml.xml",
            "view:ics_view",
            "view:event_listing_ical",
        ),
        "Plone's folder displays and feeds of a file",
    ),
    Representation(
        "page:field-download",
        ONE_EACH,
        _by_field("/@@download/{field}", "/@@display-file/{field}"),
        ("view:download", "view:display-file", "view:images", "view:image_scale"),
        "plone.namedfile's views, asked for each protected field",
    ),
    Representation(
        "page:field-traversal",
        ONE_EACH,
        _by_field("/{field}", "/@@text-transform/{field}"),
        ("view:text-transform",),
        "a field published by its name, and plone.app.textfield's transform "
        "(rich text only): closed to everyone",
        closed=True,
    ),
    Representation(
        "page:content-forms",
        ONE_EACH,
        page(
            "/@@sharing",
            "/content_status_history",
            "/delete_confirmation",
            "/object_rename",
            "/select_default_page",
        ),
        (
            "view:sharing",
            "view:updateSharingInfo",
            "view:content_status_history",
            "view:delete_confirmation",
            "view:delete_confirmation_info",
            "view:object_rename",
            "view:folder_rename",
            "view:select_default_page",
        ),
        "forms that show the object before an action (GET only)",
    ),
    # --- Classic UI pages of the site
    Representation(
        "page:site",
        ("site",),
        site_page(
            "",
            "/@@sirhp-accueil",
            "/@@a-valider",
            "/@@mon-dossier",
            "/@@mes-consultations",
            "/police-nationale",
            "/police-nationale/dr-bamako/commissariat-1",
            "/police-nationale/dr-kayes/commissariat-kayes",
        ),
        (
            "view:sirhp-accueil",
            "view:a-valider",
            "view:mon-dossier",
            "view:mes-consultations",
        ),
        "home, review queue, Mon dossier, consultations, agency and unit pages",
    ),
    Representation(
        "page:search",
        ("site",),
        site_page(
            f"/@@search?SearchableText={PREFIX}%2A",
            f"/@@ajax-search?q={PREFIX}%2A",
            f"/@@search_rss?SearchableText={PREFIX}%2A",
            f"/@@recherche-pieces?q={PREFIX}",
            f"/police-nationale/@@recherche-pieces?q={PREFIX}",
        ),
        ("view:search", "view:ajax-search", "view:search_rss", "view:recherche-pieces"),
        "searches, the document search's text snippets",
    ),
    Representation(
        "page:site-listings",
        ("site",),
        site_page(
            "/@@full_review_list",
            "/@@recently_modified",
            "/@@recently_published",
            "/@@sitemap",
            "/sitemap.xml.gz",
            "/author/hrmanager.pn",
        ),
        (
            "view:full_review_list",
            "view:reviewlist_get_table",
            "view:recently_modified",
            "view:recently_published",
            "view:sitemap",
            "view:sitemap_builder_view",
            "view:sitemap.xml.gz",
            "view:author",
        ),
        "Plone's site-wide listings and authors' pages",
    ),
    Representation(
        "page:querybuilder",
        ("site",),
        _querybuilder,
        (
            "view:querybuilder_html_results",
            "view:querybuildernumberofresults",
            "view:querybuilderresults",
            "view:display_query_results",
        ),
        "the collection query preview",
    ),
    Representation(
        "page:agency-tools",
        ("site",),
        site_page(
            "/police-nationale/@@pieces-en-attente",
            "/police-nationale/@@classement-par-lot",
            "/police-nationale/@@impression-cartes",
        ),
        ("view:pieces-en-attente", "view:classement-par-lot", "view:impression-cartes"),
        "the agency's holding area, batch filing reports, badge printing",
    ),
    Representation(
        "export:exportimport",
        ("site",),
        site_page(
            "/@@export_content?portal_type=PersonnelFile&portal_type=ScannedDocument"
            "&portal_type=ChangeRequest&download_to_server:int=0&include_blobs:int=0"
            "&include_revisions:int=1&form.submitted=1"
        ),
        ("view:export_content",),
        "collective.exportimport's content export (a JSON download)",
    ),
    Representation(
        "image:apercu",
        ("restricted",),
        page("/@@apercu?page=1&largeur=200"),
        ("view:apercu",),
        "a document page as a JPEG",
        skip="an image: no text to search (no OCR here); answered on View of "
        "the document, as @@download/file (page:field-download)",
    ),
    Representation(
        "pdf:badge-cards",
        ("site",),
        site_page(""),
        ("view:carte",),
        "badge card PDFs (@@download/pdf of a print batch), public verification",
        skip="they draw the badge's snapshot at printing (name, grade, matricule, "
        "agency, photo, card number), no protected field; a protected field "
        "on Badge fails test_every_protected_field_is_planted",
    ),
    Representation(
        "pdf:training-certificate",
        FILE_A,
        page("/@@attestation?session=none"),
        ("view:attestation",),
        "a training certificate PDF on the file (name, matricule, course, "
        "session dates, expiry, QR), for the officer and the session's managers",
        skip="no training session in the planted world; it draws the file's "
        "name and matricule and the course, no protected field; who gets it "
        "is tested in tests/training/test_certificates.py and "
        "test_training_pages.py",
    ),
    Representation(
        "page:agency-lists",
        ("site",),
        site_page(
            "/police-nationale/@@campagnes-evaluation",
            "/police-nationale/@@tableaux-avancement",
            "/police-nationale/@@campagnes-recrutement",
        ),
        (
            "view:campagnes-evaluation",
            "view:tableaux-avancement",
            "view:campagnes-recrutement",
        ),
        "an agency's evaluation campaigns, promotion tables and recruitment "
        "campaigns: title, state and date of the catalog entries the persona "
        "may find",
    ),
    Representation(
        "page:trainings",
        ("site",),
        site_page(
            "/police-nationale/@@formations",
            "/@@verifier-attestation?t=unknown",
        ),
        ("view:formations", "view:verifier-attestation"),
        "an agency's training catalogue and sessions; the public check of a "
        "certificate (name, course, date, state only)",
    ),
    Representation(
        "attestations:file",
        FILE_A,
        page("/@@demander-attestation"),
        ("view:demander-attestation",),
        "the request form of an official document and the file's requests "
        "(kind, dates, state, number): for its officer, clerks, HR managers",
    ),
    Representation(
        "pdf:attestation",
        FILE_A,
        page("/@@demander-attestation"),
        ("view:document.pdf",),
        "an issued official document's PDF (name, civility, matricule, grade, "
        "unit, agency, service start, career acts' dates, grades and units, "
        "signer, number, QR), for the holder, HR managers, administrators",
        skip="no AttestationRequest in the planted world; it draws no "
        "protected field of the file; who gets it is tested in "
        "tests/attestations/test_attestations.py and test_attestation_http.py",
    ),
    Representation(
        "rest:@attestations",
        FILE_A,
        rest("/@attestations"),
        ("service:GET @attestations",),
        "the official documents asked for on a file (kind, dates, state, "
        "number, download URL), as the catalog lets the caller see them",
    ),
    Representation(
        "page:attestation-register",
        ("site",),
        site_page(
            "/police-nationale/@@registre-attestations",
            "/police-nationale/@@registre-attestations.xlsx",
            "/@@verifier-document?t=unknown",
        ),
        (
            "view:registre-attestations",
            "view:registre-attestations.xlsx",
            "view:verifier-document",
        ),
        "an agency's register of official documents (number, kind, "
        "matricule, name, issuer, date, state: catalog metadata) and its "
        "export; the public check of a document (kind, name, date, state)",
    ),
    Representation(
        "export:fiche-renseignements",
        ("file",),
        page("/@@fiche-renseignements.pdf", "/@@fiche-renseignements.xlsx"),
        ("view:fiche-renseignements.pdf", "view:fiche-renseignements.xlsx"),
        "a file's fiche de renseignements (PDF, XLSX): the file page's "
        "identity, career, assignment and skills fields the user may read "
        "(never the medical section), its validated acts and trainings; "
        "for whoever may view the file, journaled",
    ),
    Representation(
        "export:liste-nominative",
        ("site",),
        site_page(
            "/police-nationale/@@liste-nominative.pdf",
            "/police-nationale/@@liste-nominative.xlsx",
            "/police-nationale/@@liste-nominative.xlsx?q=qz",
            "/ocs/@@liste-nominative.xlsx",
        ),
        ("view:liste-nominative.pdf", "view:liste-nominative.xlsx"),
        "an agency's nominative list (PDF, XLSX) of the listing's search: "
        "matricule, name, grade, unit, corps, position, state (catalog "
        "metadata of the files the user may see), journaled",
    ),
    # --- Zope: WebDAV and FTP, the ZMI, publishable methods
    Representation(
        "webdav:manage_FTPget",
        ALL,
        page("/manage_FTPget", "/external_edit"),
        ("zope:manage_FTPget", "skin:external_edit"),
        "the FTP/WebDAV source of the object (every field), External Editor",
    ),
    Representation(
        "webdav:manage_DAVget",
        ALL,
        page("/manage_DAVget"),
        ("zope:manage_DAVget",),
        "the WebDAV source of the object (every field)",
    ),
    Representation(
        "webdav:PROPFIND",
        ALL,
        _propfind,
        ("zope:PROPFIND", "zope:listDAVObjects", "zope:propertysheets"),
        "WebDAV properties of the object and its children (depth 1)",
    ),
    Representation(
        "zmi:manage_main",
        ALL,
        page("/manage_main"),
        ("zope:manage_main", "zope:manage", "zope:manage_workspace"),
        "the ZMI's contents screen",
    ),
    Representation(
        "zmi:screens",
        ONE_EACH,
        page(
            "/manage_propertiesForm",
            "/manage_workflowsTab",
            "/manage_findResult?obj_searchterm=qz&search_sub:int=1",
            "/ZopeFind?obj_searchterm=qz&search_sub:int=1",
            "/manage_exportObject?download:int=1",
        ),
        (
            "zope:manage_propertiesForm",
            "zope:manage_workflowsTab",
            "zope:manage_findForm",
            "zope:ZopeFind",
            "zope:manage_exportObject",
        ),
        "the ZMI's properties and workflow screens, ZopeFind (objects by the "
        "text they hold), the .zexp export (download only: never written on "
        "the server)",
    ),
    Representation(
        "zope:listing",
        FILE_A,
        page(
            "/objectIds",
            "/objectValues",
            "/objectItems",
            "/tpValues",
            "/opaqueIds",
            "/opaqueItems",
            "/opaqueValues",
            "/listFolderContents",
            "/getBatchObjectListing",
            "/folderlistingFolderContents",
            "/manage_get_sortedObjects",
            "/contentIds",
            "/contentValues",
        ),
        (
            "zope:tpValues",
            "zope:opaqueIds",
            "zope:opaqueItems",
            "zope:opaqueValues",
            "zope:listFolderContents",
            "zope:getBatchObjectListing",
            "zope:folderlistingFolderContents",
            "zope:manage_get_sortedObjects",
        ),
        "publishable methods that list a container's children",
    ),
    Representation(
        "zope:text",
        ONE_EACH,
        page(
            "/SearchableText",
            "/Title",
            "/title_or_id",
            "/title_and_id",
            "/Description",
            "/getText",
            "/pretty_title_or_id",
        ),
        (
            "zope:SearchableText",
            "zope:title_or_id",
            "zope:title_and_id",
            "view:getText",
            "view:title",
            "view:description",
            "skin:pretty_title_or_id",
        ),
        "publishable methods that return the object's text",
    ),
)

BY_NAME = {r.name: r for r in REGISTRY}
assert len(BY_NAME) == len(REGISTRY), "representation names must be unique"

# --- NOT data: exposed, but no representation of an object's protected data


def _names(prefix, text):
    return tuple(f"{prefix}:{name}" for name in text.split())


NOT_DATA = {
    "the legacy import of an agency's register (its clerks, HR managers, "
    "administrators): the report names the uploaded rows and the matricules "
    "it created, nothing read from stored files but yes/no duplicates; the "
    "template lists corps, grades and the agency's units "
    "(tests/legacy/test_import_web.py)": (
        "service:POST @import-agents",
        "view:import-agents",
    ),
    "an evaluation campaign's follow-up for its agency's HR managers: "
    "counts per unit and evaluator, late evaluations' matricules, contest "
    "rate and rater statistics (count, mean, spread): aggregates, never one "
    "officer's marks (tests/evaluation/test_evaluation_http.py; the page: "
    "tests/evaluation/test_follow_up_page.py)": (
        "service:GET @campaign-status",
        "view:suivi-campagne",
    ),
    "saving a search as a deployment list (POST, HR managers and "
    "administrators): it redirects to the new list (deployment:list); a "
    "refusal shows the finder's page (deployment:search) "
    "(tests/deployment/test_deployment_lists_http.py)": (
        "view:enregistrer-liste-deploiement",
    ),
    "opening an evaluation campaign: the confirmation page shows two "
    "counts (officers evaluated, evaluations already created), the POST "
    "answers how many were created; no officer's data "
    "(tests/evaluation/test_campaign_opening.py)": (
        "service:POST @evaluations",
        "view:ouvrir-campagne",
    ),
    "who is on approved leave on a day in an agency or unit: names, "
    "matricule, type and period from catalog metadata, filtered by View "
    "(no protected field)": ("service:GET @absences",),
    "how many officers of an agency are trained in a course or domain, "
    "counted per unit, region, grade and sex: numbers only, no name "
    "(sirhp: View training coverage)": ("service:GET @training-coverage",),
    # REST services
    "changes data; a write answers with its status or with what the caller "
    "sent (the object's JSON after PATCH is the GET serializer: rest:get); "
    "never called here": tuple(
        f"service:{name}"
        for name in (
            "DELETE (content)",
            "DELETE @aliases",
            "DELETE @comments",
            "DELETE @content-rules",
            "DELETE @controlpanels",
            "DELETE @groups",
            "DELETE @lock",
            "DELETE @relations",
            "DELETE @types",
            "DELETE @users",
            "DELETE @workingcopy",
            "PATCH (content)",
            "PATCH @comments",
            "PATCH @content-rules",
            "PATCH @controlpanels",
            "PATCH @groups",
            "PATCH @history",
            "PATCH @lock",
            "PATCH @registry",
            "PATCH @transactions",
            "PATCH @tus-upload",
            "PATCH @types",
            "PATCH @users",
            "PATCH @workingcopy",
            "POST (content)",
            "POST @addons",
            "POST @aliases",
            "POST @badge-print",
            "POST @batch-filing",
            "POST @import-agents",
            "POST @change-requests",
            "POST @comments",
            "POST @content-rules",
            "POST @controlpanels",
            "POST @collective-act",
            "POST @collective-decision",
            "POST @copy",
            "POST @email-notification",
            "POST @email-send",
            "POST @evaluation",
            "POST @groups",
            "POST @leave",
            "POST @attestations",
            "POST @lock",
            "POST @login",
            "POST @login-renew",
            "POST @logout",
            "POST @move",
            "POST @photo",
            "POST @promotion-table",
            "POST @deployment-lists",
            "POST @candidates",
            "POST @candidate-scores",
            "POST @referentials",
            "POST @relations",
            "POST @sharing",
            "POST @statute-mapping",
            "POST @submit-all",
            "POST @text",
            "POST @text-retry",
            "POST @tus-replace",
            "POST @tus-upload",
            "POST @types",
            "POST @upgrade",
            "POST @users",
            "POST @users (text/csv)",
            "POST @validate-all",
            "POST @workflow",
            "POST @workingcopy",
            "PUT @types",
            "HEAD @tus-upload",
            "OPTIONS @tus-upload",
        )
    ),
    "users, groups and roles: accounts, not content (no field of an object)": (
        "service:GET @users",
        "service:GET @users (text/csv)",
        "service:GET @groups",
        "service:GET @principals",
        "service:GET @roles",
        "service:GET @userschema",
        "service:GET @portrait",
    ),
    "site configuration and state (settings, add-ons, database, upgrades, "
    "undo log of paths and user ids): no field value": (
        "service:GET @addons",
        "service:GET @controlpanels",
        "service:GET @database",
        "service:GET @registry",
        "service:GET @site",
        "service:GET @system",
        "service:GET @transactions",
        "service:GET @upgrade",
        "service:GET @login",
        "service:GET @querystring",
    ),
    "schemas and vocabularies of fields (the possible values, never an "
    "object's value)": (
        "service:GET @types (application/schema+json)",
        "service:GET @aliases (application/schema+json)",
        "service:GET @relations (application/schema+json)",
        "service:GET @sources",
        "service:GET @querysources",
    ),
    "about the object, not its fields: URL aliases, lock, local roles, "
    "content rules, working copy, comments (discussion is off on SIRHP types)": (
        "service:GET @aliases (text/csv)",
        "service:GET @lock",
        "service:GET @sharing",
        "service:GET @content-rules",
        "service:GET @workingcopy",
        "service:GET @comments",
    ),
    "the health of this Zope client for the load balancer (database, journal, "
    "text worker, disk: ok flags, a time and a free-space figure), public, "
    "never a name, a matricule or a path (tests/health/test_health.py)": (
        "service:GET @health",
        "view:health",
    ),
    "the public verification answers from the badge's snapshot at printing "
    "(name, grade, agency, photo), never from the file": (
        "service:GET @badge-verification",
    ),
    # browser views
    "changes data or sends mail on request (actions, POST forms); never "
    "called here": _names(
        "view",
        """
        + +rule allow_upload content-cancel-checkout content-checkin
        content-checkout content_status_modify contentrule-delete
        contentrule-disable contentrule-enable contentrule-globally-disable
        contentrule-globally-enable convert-legacy-portlets fc-copy fc-cut
        fc-delete fc-itemOrder fc-paste fc-properties fc-rearrange fc-rename
        fc-setDefaultPage fc-tags fc-workflow fileUpload fix_collection_queries
        fix_html folder_publish images-clear import_content import_defaultpages
        import_discussion import_localroles import_members import_ordering
        import_portlets import_redirects import_relations import_translations
        object_copy object_cut object_delete object_paste plone_lock_operations
        plone.cachepurging.purge plone.cachepurging.queue rebuild-relations
        reinitialiser-acces reset_dates revertversion saveasnewversion
        selectViewTemplate select_default_view set-portlet-blacklist-status
        texte-relancer themeFileUpload update_version_before_edit update_version_on_edit
        updateLinkIntegrityInformation sendto_form install-intids.html
        migrate-to-emaillogin plone-restapi-upgrade-fix-ordering
        """,
    ),
    "collective.exportimport's exports of site metadata (relations and "
    "ordering by UID, local roles, default pages, portlets, redirects, "
    "members, translations): no field value; Manage portal only": _names(
        "view",
        """
        export_defaultpages export_discussion export_localroles export_members
        export_ordering export_portlets export_redirects export_relations
        export_translations exportimport_links
        """,
    ),
    "site settings: control panels and setup (Manage portal or site "
    "administrators)": _names(
        "view",
        """
        actions-controlpanel caching-controlpanel caching-controlpanel-import
        caching-controlpanel-purge caching-controlpanel-ramcache
        content-controlpanel dateandtime-controlpanel dexterity-types
        discussion-controlpanel discussion-settings editing-controlpanel
        error-log-form error-log-set-properties error-log-show-entry
        error-log-update filter-controlpanel ical_import_settings
        ical_import_tool imaging-controlpanel inspect-relations
        install_products installer language-controlpanel mail-controlpanel
        maintenance-controlpanel manage-aliases manage-content-rules
        manage-content-type-portlets manage-group-dashboard
        manage-group-portlets manage-portlets manage-portlets-macros
        manage-viewlets manage_components markup-controlpanel
        navigation-controlpanel new-action overview-controlpanel
        placeful-workflow-configuration placeful-workflow-policy-mapping
        plone-frontpage-setup plone-upgrade prefs_install_products_form
        prefs_main_template redirection-controlpanel referentiels-rh
        referentiels-statut sirhp-agences
        resourceregistry-controlpanel rules-controlpanel search-controlpanel
        security-controlpanel site-controlpanel social-controlpanel
        syndication-controlpanel syndication-settings synPropertiesForm
        theming-controlpanel theming-controlpanel-help tinymce-controlpanel
        topbar-manage-portlets uninstall_products upgrade_products
        usergroup-controlpanel usergroup-groupdetails
        usergroup-groupmembership usergroup-groupprefs
        usergroup-usermembership usergroup-userprefs
        workflow-policies-controlpanel components.html
        components_xmlconfig.html customizezpt customizezpt.html zptviews.html
        edit-markers.html folder_constraintypes_form
        """,
    ),
    "login, accounts and the user's own settings (no content)": _names(
        "view",
        """
        change-password failsafe_login failsafe_login_form
        forced-password-change initial-login-password-change
        insufficient-privileges logged-out login login-help login_form logout
        mail_password mail_password_form mail_password_response
        mail_password_template member-fields member-search new-user
        pas_info pas_member pas_search passwordreset personal-information
        personal-preferences plone-root-logout register registered
        registered_notify_template require_login totp totp-reinitialiser
        totp-verifier user-information user-preferences dashboard
        manage-dashboard useractions
        """,
    ),
    "page furniture, helpers and static resources: no object field (the "
    "title of the object shown is covered by page:view)": _names(
        "view",
        """
        absolute_url accessibility-info authenticator author-feedback-template
        babel_utils batch_macros batchnavigation breadcrumbs_view colophon
        compare.css confirm-action contact-info contact-info-email csrf_token
        custom.css default_page favicon.ico five_template folder_factories
        footer get_macros global_statusmessage gtranslation_service
        iconresolver images-test json_recurrence main_template ok plone
        plone.outputfilters_captioned_image plone_contentrules_info
        plone_context_state plone_interface_info plone_layout plone_lock_info
        plone_nextprevious_view plone_patterns_settings plone_portal_state
        plone_redirector_view plone_tools ploneform-macros plonejsi18n
        portal_tabs_view qsOptions querybuilderjsonconfig render-toolbar
        robots.txt site-logo standard_macros stringinterp_info syndication-util
        test-rendering test-rendering-cheatsheet test-rendering-icons
        test_rendering view_get_menu z3cform_validate_field
        """,
    ),
    "about the object, not its fields: its interfaces (ZMI), a version's "
    "metadata (who, when, comment), plone.app.iterate's state": _names(
        "view", "manage_interfaces version_metadata_view iterate_control"
    ),
    "Plone's displays of images and sub-folders (album) and of events "
    "(event_listing): SIRHP content is neither": _names(
        "view", "album_view event_listing"
    ),
    "UID and URL resolution (no field; records one may not View answer 404: "
    "hardening/hidden.py)": _names("view", "redirect-to-uuid resolveuid uuid"),
    "portlets rendered by name (none assigned on SIRHP content; listings "
    "come from the catalog, filtered by View)": _names("view", "render-portlet"),
    # publishable Zope methods
    "changes data (ZMI and WebDAV writes, ordering, indexing, ownership, "
    "skins); never called here": _names(
        "zope",
        """
        COPY DELETE LOCK MKCOL MKCOL_handler MOVE PROPPATCH PUT PUT_factory
        UNLOCK ZopeFindAndApply addDTMLDocument addDTMLMethod changeSkin clearCurrentSkin edit
        generateId indexObject manage_acquiredPermissions
        manage_addDTMLDocument manage_addDTMLMethod manage_addDocument
        manage_addFile manage_addFolder manage_addImage manage_addLocalRoles
        manage_addOrderedFolder manage_addProduct manage_addProperty
        manage_addUserFolder manage_changeOwnershipType
        manage_changePermissions manage_changeProperties
        manage_changePropertyTypes manage_cleanup manage_clone
        manage_copyObjects manage_cutObjects manage_delAllObjects
        manage_delLocalRoles manage_delObjects manage_delProperties
        manage_editLocalRoles manage_editProperties manage_fixCount
        manage_importObject manage_pasteObjects manage_permission manage_role
        manage_renameObject manage_renameObjects manage_setLocalRoles
        manage_setPermissionMapping manage_takeOwnership moveObject
        moveObjectToPosition moveObjectsByDelta moveObjectsDown
        moveObjectsToBottom moveObjectsToTop moveObjectsUp orderObjects
        reindexObject reindexObjectSecurity setOrdering setupCurrentSkin
        unindexObject
        """,
    ),
    "roles, permissions and ownership settings (who may do what, not what "
    "the object holds)": _names(
        "zope",
        """
        acquiredRolesAreUsedBy manage_acquiredForm manage_defined_roles
        manage_access manage_owner manage_listLocalRoles
        manage_getPermissionMapping manage_getUserRolesAndPermissions
        manage_permissionForm manage_reportUserPermissions manage_roleForm
        owner_info permission_settings permissionsOfRole rolesOfPermission
        userdefined_roles validRoles valid_roles validate_roles
        """,
    ),
    "identity, type, position and ZMI chrome of the object (URL, id, icon, "
    "type, counts, yes/no): no field value": _names(
        "zope",
        """
        HEAD OPTIONS TRACE absolute_url absolute_url_path cmf_uid
        decodeFolderFilter encodeFolderFilter failIfLocked getActionInfo
        getBookmarkableURLs getCurrentSkinName getIcon getIconURL getId
        getObjectPosition getOrdering getPortalTypeName getSkinNameFromRequest
        getTypeInfo hasObject has_key icon manage_form_title manage_hasId
        manage_importExportForm manage_index_main manage_menu manage_navbar
        manage_object_workspace manage_page_footer manage_page_header
        manage_propertyTypeForm manage_renameForm manage_tabs
        manage_zmi_logout objectCount virtual_url_path zope_copyright
        """,
    ),
    # traversal namespaces
    "the same views and services by another path (++view++name is @@name; "
    "++api++ is the REST API without the Accept header)": _names(
        "namespace", "++view++ ++api++"
    ),
    "add forms, portlet and content-rule assignments, comments (off on SIRHP "
    "types), components, skins, themes and static resources: no object field": (
        _names(
            "namespace",
            """
            ++add++ ++addtranslation++ ++adapter++ ++etc++ ++skin++ ++resource++
            ++plone++ ++theme++ ++webresource++ ++contextportlets++
            ++contenttypeportlets++ ++groupportlets++ ++dashboard++
            ++groupdashboard++ ++conversation++ ++rule++
            """,
        )
    ),
    # skin objects (portal_skins)
    "skin images and helper scripts (no object field)": _names(
        "skin",
        """
        arrowBottom.png arrowDown.png arrowLeft.png arrowLeftmost.png
        arrowRight.png arrowRightmost.png arrowTop.png arrowUp.png
        book_icon.png browserDefault confirm_icon.png defaultUser.png
        document_icon.png externalEditorEnabled group.png info_icon.png
        link_icon.png lock_icon.png logo.png logoIcon.png pb_close.png
        pencil_icon.png product_icon.png rss.png site_icon.png skins_icon.png
        toLocalizedTime topic_icon.png translate unique user.png utranslate
        workflow_icon.png wysiwyg_support
        """,
    ),
}
