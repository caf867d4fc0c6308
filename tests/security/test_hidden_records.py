"""Records one may not see answer like records that do not exist (issue 5 §3).

For officer B and a clerk of the other agency, on officer A's file, a draft
file, a badge, a change request and a scanned document: the direct path,
``resolveuid/<uid>``, ``@search?UID=``, ``@@download/file`` and
``@@images/photo`` give the same answer as a random id that does not exist,
in the browser and over REST. Those who may see them still do.
"""

import io
from PIL import Image
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
import pytest
import requests
from sirhp.policy.changes import api as changes
from sirhp.policy.setuphandlers.pdf import tiny_pdf
import transaction

JSON = {"Accept": "application/json"}
FAKE_UID = "0123456789abcdef0123456789abcdef"


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
        request = changes.create_request(
            file_a, {"position": "Poste de test caché 42"}, "Nomination du 2 mai"
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
