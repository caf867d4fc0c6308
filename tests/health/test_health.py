"""``@@health`` / ``@health``: public, no personal data, 503 on a failure."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.content.documents import heartbeat
from sirhp.policy.health import checks
from sirhp.policy.health import rules
import transaction

CHECKS = {"database", "journal", "worker", "disk"}


def _get(url, **kwargs):
    return requests.get(url, timeout=30, **kwargs)


@pytest.fixture
def site(functional, monkeypatch):
    monkeypatch.delenv(checks.WORKER_SETTING, raising=False)
    monkeypatch.delenv(checks.MIN_FREE_SETTING, raising=False)
    return functional["portal"]


def _urls(site):
    base = site.absolute_url()
    return (
        (f"{base}/@@health", {}),
        (f"{base}/@health", {"Accept": "application/json"}),
    )


def _officers(site):
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="PersonnelFile"
    )
    words = set()
    for brain in brains:
        file = brain._unrestrictedGetObject()
        words.update(
            word
            for word in (file.matricule, getattr(file, "last_name", None))
            if word and len(word) > 3
        )
    return words


def test_anonymous_gets_ok_without_personal_data(site):
    officers = _officers(site)
    assert officers
    for url, headers in _urls(site):
        response = _get(url, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("application/json")
        assert "no-store" in response.headers["Cache-Control"]
        body = response.json()
        assert body["status"] == "ok"
        assert set(body["checks"]) == CHECKS
        assert body["checks"]["journal"] == {"ok": True, "writable": True}
        assert body["checks"]["disk"]["free_bytes"] > 0
        assert body["checks"]["worker"]["ok"] is True
        for word in officers:
            assert word not in response.text
        assert "/" not in str(body["checks"]), "no path of the server"


def test_unwritable_journal_answers_503(site, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SIRHP_AUDIT_DB", str(blocker / "journal.sqlite"))
    for url, headers in _urls(site):
        response = _get(url, headers=headers)
        assert response.status_code == 503
        assert "no-store" in response.headers["Cache-Control"]
        body = response.json()
        assert body["status"] == "fail"
        assert body["checks"]["journal"] == {"ok": False, "writable": False}


def test_disk_below_threshold_answers_503(site, monkeypatch):
    monkeypatch.setenv(checks.MIN_FREE_SETTING, "100%")
    response = _get(f"{site.absolute_url()}/@@health")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


def test_configured_worker_is_seen_through_its_polls(site, monkeypatch):
    monkeypatch.setenv(checks.WORKER_SETTING, "1")
    url = f"{site.absolute_url()}/@@health"
    silent = _get(url)
    assert silent.status_code == 503
    assert silent.json()["checks"]["worker"] == {
        "ok": False,
        "configured": True,
        "last_seen": None,
    }
    # the worker's poll is its heartbeat; an anonymous poll is refused
    queue = f"{site.absolute_url()}/@text-queue"
    headers = {"Accept": "application/json"}
    assert _get(queue, headers=headers).status_code == 401
    assert _get(url).status_code == 503
    polled = _get(queue, headers=headers, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert polled.status_code == 200
    seen = _get(url)
    assert seen.status_code == 200
    assert seen.json()["checks"]["worker"]["last_seen"]


def test_heartbeat_written_at_most_once_a_minute(integration):
    portal = integration["portal"]
    assert heartbeat.last_seen(portal) is None
    assert heartbeat.record(portal, 1000.0)
    assert not heartbeat.record(portal, 1030.0)
    assert heartbeat.last_seen(portal) == 1000.0
    assert heartbeat.record(portal, 1000.0 + heartbeat.WRITE_INTERVAL)
    transaction.abort()


def test_silent_worker_rule():
    assert rules.worker_check(None, 1000, expected=False)["ok"]
    assert not rules.worker_check(None, 1000, expected=True)["ok"]
    assert rules.worker_check(800, 1000, expected=True)["ok"]
    late = rules.worker_check(1000 - rules.WORKER_MAX_SILENCE - 1, 1000, True)
    assert not late["ok"]
    assert late["last_seen"] == "1970-01-01T00:11:39+00:00"


def test_free_space_rule():
    gib = rules.GIB
    default = rules.parse_min_free(None)
    assert default == (gib, 5.0)
    # the smaller of 1 GiB and 5 %: a 10 GiB disk needs 0.5 GiB free
    assert rules.free_enough(gib // 2, 10 * gib, default)
    assert not rules.free_enough(gib // 4, 10 * gib, default)
    assert rules.free_enough(gib, 1000 * gib, default)
    assert rules.parse_min_free("2GiB") == (2 * gib, None)
    assert rules.parse_min_free("500 MiB") == (500 * 1024**2, None)
    assert rules.parse_min_free("10%") == (None, 10.0)
    assert rules.parse_min_free("n'importe quoi") == default
    assert rules.overall({"a": {"ok": True}}) == "ok"
    assert rules.overall({"a": {"ok": True}, "b": {"ok": False}}) == "fail"
