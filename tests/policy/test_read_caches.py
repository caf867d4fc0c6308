"""A read whose only writes are caches (plone.scale's image-scale
information) is answered while the disk refuses writes; a read that writes
anything else still answers the French 503; the first page read writes no
portlet settings.

The full disk is a before-commit hook raising ``ENOSPC``, added by a
publication subscriber to the request's transaction (the server's thread);
what the read writes is set by the same subscriber."""

import errno
from plone.protect.interfaces import IDisableCSRFProtection
from plone.scale.storage import ScalesDict
import pytest
import requests
from sirhp.policy.hardening import read_caches
from tests.documents.conftest import JSON
import transaction
from zope.annotation.interfaces import IAnnotations
from zope.component import getGlobalSiteManager
from zope.interface import alsoProvides
from ZPublisher.interfaces import IPubAfterTraversal

CACHE = "plone.scale"


def _full_disk():
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk_read(functional, testdata):
    """``write(file, request)``: what each read does before the disk refuses it."""
    portal = functional["portal"]
    path = testdata.path_of("pn_draft")
    IAnnotations(portal.unrestrictedTraverse(path))[CACHE] = ScalesDict()
    transaction.commit()
    writes = []

    def subscriber(event):
        if writes:
            file = event.request.PARENTS[-1].unrestrictedTraverse(f"plone/{path}")
            writes[0](file, event.request)
            transaction.get().addBeforeCommitHook(_full_disk)

    registry = getGlobalSiteManager()
    registry.registerHandler(subscriber, (IPubAfterTraversal,))
    try:
        yield portal, f"{portal.absolute_url()}/{path}", writes
    finally:
        registry.unregisterHandler(subscriber, (IPubAfterTraversal,))


def _get(url, testdata, **headers):
    return requests.get(
        url, auth=("clerk.pn", testdata.PASSWORD), headers=headers, timeout=60
    )


def _cache(portal, testdata):
    transaction.begin()
    return dict(
        IAnnotations(portal.unrestrictedTraverse(testdata.path_of("pn_draft")))[CACHE]
    )


def _write_cache(file, request):
    IAnnotations(file)[CACHE].update(probe={"uid": "x"})


def test_read_answered_its_cache_dropped(full_disk_read, testdata, caplog):
    portal, url, writes = full_disk_read
    writes.append(_write_cache)
    assert _get(url, testdata, **JSON).status_code == 200
    assert "Read answered, its cache writes dropped (disk error)" in caplog.text
    response = _get(url, testdata)  # the page
    assert response.status_code == 200
    assert "Le serveur ne peut pas écrire" not in response.text
    assert "probe" not in _cache(portal, testdata)  # dropped


def test_read_writing_more_than_caches_is_a_503(full_disk_read, testdata):
    portal, url, writes = full_disk_read

    def write(file, request):
        _write_cache(file, request)
        file.position = "Écrit par une lecture"
        # a write a read may make (a logout revoking sessions): kept by plone.protect
        alsoProvides(request, IDisableCSRFProtection)

    writes.append(write)
    response = _get(url, testdata, **JSON)
    assert response.status_code == 503, response.text
    assert response.json()["type"] == "DiskError"


def test_read_caches_stored_when_the_disk_accepts(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    request = functional["request"]
    request.set("REQUEST_METHOD", "GET")
    IAnnotations(file)[CACHE] = ScalesDict()
    transaction.commit()
    IAnnotations(file)[CACHE]["probe"] = {"uid": "x"}
    request.set("PARENTS", [portal.aq_parent])
    assert read_caches.only_caches(read_caches.changed_objects(request))
    read_caches.commit_read_caches(type("Event", (), {"request": request}))
    transaction.abort()
    assert "probe" in IAnnotations(file)[CACHE]


def test_site_root_portlets_have_their_settings(integration):
    portal = integration["portal"]
    assert read_caches.ensure_portlet_settings(portal) == 0  # made at installation
