"""Records one may not see answer like records that do not exist (issue 5 §3).

For officer B and a clerk of the other agency, on officer A's file, a draft
file, a badge, a change request and a scanned document: the direct path,
``resolveuid/<uid>``, ``@search?UID=``, ``@@download/file`` and
``@@images/photo`` give the same answer as a random id that does not exist,
in the browser and over REST. Those who may see them still do.
"""

import difflib
import io
from PIL import Image
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
import pytest
import re
import requests
from sirhp.content.changes import api as changes
from sirhp.policy.setuphandlers.pdf import tiny_pdf
import transaction
from urllib.parse import quote

JSON = {"Accept": "application/json"}
FAKE_UID = "0123456789abcdef0123456789abcdef"
# the slow tier (~20 s of HTTP): make test runs it, make test-fast does not
pytestmark = pytest.mark.slow


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (350, 450), (120, 130, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def records(functional, testdata):
    """name -> (object path, fake path of the same shape)."""
    portal = functional["portal"]
    transaction.begin()
    file_a = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    file_a.photo = NamedBlobImage(data=_png(), filename="a.png")
    with api.env.adopt_user(username="clerk.pn"):
        badge = api.content.create(container=file_a, type="Badge", id="carte")
        document = api.content.create(
            container=draft,
            type="ScannedDocument",
            id="piece",
            title="Pièce",
            file=NamedBlobFile(data=tiny_pdf(["Pièce secrète"]), filename="p.pdf"),
        )
        request = changes.propose(
            target=file_a,
            changes={"emergency_contact": "Contact de test caché 42"},
            justification="Nomination du 2 mai",
        )
    transaction.commit()
    site = "/".join(portal.getPhysicalPath())

    def rel(obj):
        return "/".join(obj.getPhysicalPath())[len(site) + 1 :]

    agency = testdata.path_of("pn_validated").split("/")[0]
    return {
        "file": (rel(file_a), f"{agency}/999999Z"),
        "draft": (rel(draft), f"{agency}/999998Y"),
        "badge": (rel(badge), f"{rel(file_a)}/carte-inexistante"),
        "change": (rel(request), f"{rel(file_a)}/demande-inexistante"),
        "document": (rel(document), f"{rel(draft)}/piece-inexistante"),
        "uids": {
            "file": file_a.UID(),
            "draft": draft.UID(),
            "badge": badge.UID(),
            "change": request.UID(),
            "document": document.UID(),
        },
    }


def _get(base, path, login, password, json=False):
    return requests.get(
        f"{base}/{path}",
        auth=(login, password) if login else None,
        headers=JSON if json else {},
        allow_redirects=False,
        timeout=30,
    )


def _shape(response, json):
    """What a client can observe, but the URL itself."""
    shape = [response.status_code, bool(response.headers.get("Location"))]
    if json:
        try:
            shape.append(response.json().get("type"))
        except ValueError:
            shape.append(None)
    return tuple(shape)


def _who(testdata, persona):
    return testdata.FILES["pn_validated2"] if persona == "officer_b" else persona


SUFFIXES = {
    "file": ("", "/@@images/photo", "/@@historique"),
    "draft": ("", "/@@historique"),
    "badge": ("",),
    "change": ("",),
    "document": ("", "/@@download/file", "/@@display-file/file"),
}


@pytest.mark.parametrize("json", [False, True], ids=["browser", "rest"])
@pytest.mark.parametrize("name", sorted(SUFFIXES))
@pytest.mark.parametrize("persona", ["officer_b", "clerk.ocs"])
def test_hidden_like_missing(functional, testdata, records, persona, name, json):
    base = functional["portal"].absolute_url()
    login = _who(testdata, persona)
    path, fake = records[name]
    for suffix in SUFFIXES[name]:
        if json and suffix.startswith("/@@"):
            continue
        real = _get(base, path + suffix, login, testdata.PASSWORD, json)
        missing = _get(base, fake + suffix, login, testdata.PASSWORD, json)
        assert _shape(real, json) == _shape(missing, json), (path + suffix, login)
        assert real.status_code == 404
        assert path.split("/")[-1] not in real.headers.get("Location", "")
        assert "secret" not in real.text


@pytest.mark.parametrize("json", [False, True], ids=["browser", "rest"])
@pytest.mark.parametrize("name", sorted(SUFFIXES))
@pytest.mark.parametrize("persona", ["officer_b", "clerk.ocs"])
def test_resolveuid_and_search(functional, testdata, records, persona, name, json):
    base = functional["portal"].absolute_url()
    login = _who(testdata, persona)
    uid = records["uids"][name]
    real = _get(base, f"resolveuid/{uid}", login, testdata.PASSWORD, json)
    missing = _get(base, f"resolveuid/{FAKE_UID}", login, testdata.PASSWORD, json)
    assert _shape(real, json) == _shape(missing, json)
    assert records[name][0].split("/")[-1] not in real.headers.get("Location", "")
    found = _get(base, f"@search?UID={uid}", login, testdata.PASSWORD, True).json()
    none = _get(base, f"@search?UID={FAKE_UID}", login, testdata.PASSWORD, True).json()
    assert found["items_total"] == none["items_total"] == 0


@pytest.mark.parametrize(
    "login, name",
    [
        ("clerk.pn", "file"),
        ("clerk.pn", "draft"),
        ("clerk.pn", "badge"),
        ("reviewer.pn", "change"),
        ("auditor", "document"),
        ("officer_a", "file"),
    ],
)
def test_allowed_still_see(functional, testdata, records, login, name):
    base = functional["portal"].absolute_url()
    if login == "officer_a":
        login = testdata.FILES["pn_validated"]
    path, _fake = records[name]
    assert _get(base, path, login, testdata.PASSWORD).status_code == 200
    resolved = _get(
        base, f"resolveuid/{records['uids'][name]}", login, testdata.PASSWORD
    )
    assert resolved.status_code == 301
    assert resolved.headers["Location"].endswith(path)


def test_anonymous_still_asked_to_log_in(functional, testdata, records):
    base = functional["portal"].absolute_url()
    response = _get(base, records["file"][0], None, None)
    assert response.status_code == 302
    assert "login" in response.headers["Location"]


@pytest.mark.parametrize(
    "name, suffix",
    [("file", "/@@images/photo"), ("document", "/@@download/file")],
)
def test_allowed_still_download(functional, testdata, records, name, suffix):
    """Control: the 404s above hide real content, not a missing image."""
    base = functional["portal"].absolute_url()
    path, _fake = records[name]
    response = _get(base, path + suffix, "clerk.pn", testdata.PASSWORD)
    assert response.status_code == 200
    assert len(response.content) > 10


# --- Byte for byte: a hidden record's answer is a missing id's answer ------

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
# Headers that differ between any two responses, or say the URL asked for
VARYING = {"date", "location"}
EXACT_SUFFIXES = {
    "file": ("", "/view", "/@@images/photo", "/@@images/photo/thumb", "/@@historique"),
    "draft": ("", "/@@edit"),
    "badge": ("", "/@@images/photo"),
    "change": ("",),
    "document": ("", "/@@download/file", "/@@display-file/file", "/@@images/file"),
}
REST_CASES = (("file", ""), ("file", "/@history"), ("badge", ""), ("document", ""))


def _fetch(base, path, login, testdata, rest):
    return requests.get(
        f"{base}/{path}",
        auth=(login, testdata.PASSWORD) if login else None,
        headers=JSON if rest else HTML,
        allow_redirects=False,
        timeout=30,
    )


def _title(text):
    match = re.search(r"<title>(.*?)</title>", text, re.S)
    return match.group(1) if match else None


def _assert_same(real, missing, real_id, missing_id):
    """Same status, headers and body, but for the id each request named."""
    assert real.status_code == missing.status_code
    real_headers = {k.lower(): v for k, v in real.headers.items()}
    missing_headers = {k.lower(): v for k, v in missing.headers.items()}
    for name in VARYING:
        real_value = real_headers.pop(name, "")
        missing_value = missing_headers.pop(name, "")
        if name == "location":
            assert real_value.replace(real_id, "<id>") == missing_value.replace(
                missing_id, "<id>"
            )
    if len(real_id) == len(missing_id):
        assert real_headers == missing_headers
    else:
        real_headers.pop("content-length")
        missing_headers.pop("content-length")
        assert real_headers == missing_headers
    assert _title(real.text) == _title(missing.text)
    real_body = real.text.replace(real_id, "<id>")
    missing_body = missing.text.replace(missing_id, "<id>")
    assert real_body == missing_body, "".join(
        difflib.unified_diff(
            missing_body.splitlines(True), real_body.splitlines(True), n=1
        )
    )[:3000]


def _cases(rest):
    if rest:
        yield from REST_CASES
        return
    for name, suffixes in sorted(EXACT_SUFFIXES.items()):
        for suffix in suffixes:
            yield name, suffix


@pytest.mark.parametrize("rest", [False, True], ids=["browser", "rest"])
@pytest.mark.parametrize("persona", ["officer_b", "clerk.ocs"])
def test_hidden_answers_byte_for_byte_like_missing(
    functional, testdata, records, persona, rest
):
    """The 404 of a record one may not see is the 404 of a missing id at the
    same place: status, headers, title and body (the requested id aside)."""
    base = functional["portal"].absolute_url()
    login = _who(testdata, persona)
    agency = records["file"][0].split("/")[0]
    for name, suffix in _cases(rest):
        path, fake = records[name]
        real = _fetch(base, path + suffix, login, testdata, rest)
        assert real.status_code == 404, (path + suffix, real.status_code)
        assert "secret" not in real.text
        # the outermost record refused is where the id "does not exist"
        hidden_id = path.split("/")[1]
        for other in (f"{agency}/999999Z", fake):
            missing = _fetch(base, other + suffix, login, testdata, rest)
            missing_id = other.split("/")[1]
            _assert_same(real, missing, hidden_id, missing_id)


@pytest.mark.parametrize("rest", [False, True], ids=["browser", "rest"])
def test_anonymous_same_answer_existing_or_missing(functional, testdata, records, rest):
    """Under an agency an anonymous visitor cannot tell an existing path from
    a missing one: the same login redirect (401 JSON over REST) for both."""
    base = functional["portal"].absolute_url()
    agency = records["file"][0].split("/")[0]
    for name, suffix in _cases(rest):
        path, fake = records[name]
        real = _fetch(base, path + suffix, None, testdata, rest)
        missing = _fetch(base, f"{agency}/999999Z{suffix}", None, testdata, rest)
        if rest:
            assert real.status_code == 401
            assert (
                real.json()["message"] == "Authentification requise pour l'API SIRHP."
            )
        else:
            assert real.status_code == 302
            assert "require_login?came_from=" in real.headers["Location"]
            assert real.headers["Location"].endswith(quote(path + suffix))
        _assert_same(real, missing, path, f"{agency}/999999Z")
        below = _fetch(base, f"{fake}{suffix}", None, testdata, rest)
        _assert_same(real, below, path, fake)
    # the agency and a unit answer the same as well
    unit = f"{agency}/dr-bamako"
    real = _fetch(base, unit, None, testdata, rest)
    missing = _fetch(base, f"{agency}/dr-nulle-part", None, testdata, rest)
    _assert_same(real, missing, unit, f"{agency}/dr-nulle-part")


@pytest.mark.parametrize("rest", [False, True], ids=["browser", "rest"])
def test_restricted_document_of_a_visible_file(functional, testdata, rest):
    """A clerk sees officer A's file but not its medical certificate: the
    certificate answers as a missing document of that file."""
    portal = functional["portal"]
    transaction.begin()
    file_a = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.create(
            container=file_a,
            type="ScannedDocument",
            id="certif",
            document_type="certificat-medical",
            file=NamedBlobFile(data=tiny_pdf(["Asthme"]), filename="c.pdf"),
        )
    transaction.commit()
    base = portal.absolute_url()
    path = testdata.path_of("pn_validated")
    for suffix in ("", "/@@download/file") if not rest else ("",):
        real = _fetch(base, f"{path}/certif{suffix}", "clerk.pn", testdata, rest)
        missing = _fetch(base, f"{path}/certix{suffix}", "clerk.pn", testdata, rest)
        assert real.status_code == 404
        _assert_same(real, missing, "certif", "certix")
        assert "Asthme" not in real.text
