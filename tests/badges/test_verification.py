"""Public verification of a badge, over HTTP, as an anonymous citizen."""

from datetime import date
from datetime import timedelta
from plone import api
import pytest
import requests
from sirhp.content.badges import rules
from sirhp.content.badges.api import verification_url
from tests.badges.conftest import give_photo
from tests.badges.conftest import print_badge
from tests.badges.conftest import request_badge
import transaction

PLANTED = "Zz-planted-medical-7731"


@pytest.fixture
def card(functional, testdata):
    """A printed card of pn_validated, with a photo; the file holds a planted
    medical note that must never leave."""
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    api.portal.set_registry_record("sirhp.badge.public_url", portal.absolute_url())
    file.medical_notes = PLANTED
    give_photo(file)
    badge = request_badge(file)
    print_badge(badge)
    transaction.commit()
    return {
        "portal": portal,
        "file": file,
        "badge": badge,
        "url": verification_url(badge=badge),
    }


def _get(url, **kwargs):
    return requests.get(url, timeout=30, **kwargs)


def _db_tid(portal):
    portal._p_jar.sync()
    return portal._p_jar.db().lastTransaction()


def test_valid_card_shows_photo_name_grade_agency_only(card):
    response = _get(card["url"])
    assert response.status_code == 200
    html = response.text
    assert "Carte valide" in html
    file = card["file"]
    assert file.full_name in html
    assert "Police nationale" in html
    assert "data:image/jpeg;base64," in html
    # nothing else of the file
    for secret in (
        PLANTED,
        file.matricule,
        file.birth_place or "x" * 40,
        file.nina or "y" * 40,
    ):
        assert secret not in html
    assert "<script" not in html
    assert len(response.content) < 30 * 1024
    assert response.headers["Cache-Control"] == "no-store"


def test_english(card):
    response = _get(card["url"] + "?lang=en")
    assert "Valid card" in response.text
    assert 'lang="en"' in response.text
    response = _get(card["url"], headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Valid card" in response.text


def test_revoked_card(card):
    badge = card["badge"]
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(
            obj=badge, transition="revoke", revocation_reason="stolen"
        )
    transaction.commit()
    html = _get(card["url"]).text
    assert "Carte révoquée" in html
    assert card["file"].full_name not in html
    assert "data:image" not in html


def test_expired_card(card):
    badge = card["badge"]
    badge.expiry_date = date.today() - timedelta(days=1)
    transaction.commit()
    html = _get(card["url"]).text
    assert "Carte expirée" in html
    assert card["file"].full_name not in html


def test_forged_unknown_truncated_tokens_same_answer(card):
    base, token = card["url"].rsplit("/", 1)
    verification_id, signature = token.split(".")
    forged = f"{verification_id}.{'A' * 16}"
    other_id = rules.new_verification_id()
    unknown = f"{other_id}.{signature}"
    pages = []
    for bad in (forged, unknown, token[:-3], "x", "acl_users", token + "/extra"):
        response = _get(f"{base}/{bad}")
        assert response.status_code == 200, bad
        pages.append(response.text.replace(bad, ""))
    assert all("Carte inconnue" in page for page in pages)
    # Same page body for every bad token (apart from the echoed language link)
    bodies = {page.split('id="resultat"')[1].split("</div>")[0] for page in pages}
    assert len(bodies) == 1


def test_manual_check_by_card_number(card):
    badge = card["badge"]
    base = card["portal"].absolute_url()
    response = _get(f"{base}/@@carte", params={"numero": badge.card_number.lower()})
    assert "Carte valide" in response.text
    wrong = badge.card_number[:-1] + ("0" if badge.card_number[-1] != "0" else "1")
    assert "Carte inconnue" in _get(f"{base}/@@carte", params={"numero": wrong}).text
    assert "Carte inconnue" in _get(f"{base}/@@carte", params={"numero": "PN"}).text


def test_empty_form_page(card):
    response = _get(card["portal"].absolute_url() + "/@@carte")
    assert response.status_code == 200
    assert 'name="numero"' in response.text
    assert "Carte inconnue" not in response.text


def test_requested_card_is_unknown(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    badge = request_badge(file)
    transaction.commit()
    assert "Carte inconnue" in _get(verification_url(badge=badge)).text


def test_anonymous_requests_never_write(card):
    base = card["portal"].absolute_url()
    before = _db_tid(card["portal"])
    for _ in range(3):
        _get(card["url"])
        _get(f"{base}/@@carte/forged.token")
        _get(f"{base}/@@carte", params={"numero": card["badge"].card_number})
        _get(
            f"{base}/@badge-verification",
            params={"token": "x"},
            headers={"Accept": "application/json"},
        )
    assert _db_tid(card["portal"]) == before


def test_rate_limit_per_address(card):
    api.portal.set_registry_record("sirhp.badge.verifications_per_minute", 5)
    transaction.commit()
    statuses = [_get(card["url"]).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    response = _get(card["url"])
    assert "Trop de vérifications" in response.text
    assert response.headers["Retry-After"] == "60"
    # the manual form and the REST endpoint share the limit
    base = card["portal"].absolute_url()
    assert (
        _get(f"{base}/@@carte", params={"numero": "PN-0000-0000-0"}).status_code == 429
    )
    rest = _get(
        f"{base}/@badge-verification",
        params={"token": "x"},
        headers={"Accept": "application/json"},
    )
    assert rest.status_code == 429
    assert "Trop de vérifications" in rest.json()["message"]


def test_forwarded_for_not_trusted_by_default(card):
    api.portal.set_registry_record("sirhp.badge.verifications_per_minute", 2)
    transaction.commit()
    codes = [
        _get(card["url"], headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 429, 429]


def test_rest_verification_public_and_minimal(card):
    base = card["portal"].absolute_url()
    token = card["url"].rsplit("/", 1)[1]
    response = _get(
        f"{base}/@badge-verification",
        params={"token": token},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "valid"
    assert set(data) == {"status", "name", "grade", "agency", "expiry_date", "photo"}
    assert PLANTED not in response.text
    forged = _get(
        f"{base}/@badge-verification",
        params={"token": token[:-2] + "AA"},
        headers={"Accept": "application/json"},
    ).json()
    assert forged == {"status": "unknown"}


def test_other_rest_still_closed_to_anonymous(card):
    response = _get(
        card["badge"].absolute_url(), headers={"Accept": "application/json"}
    )
    assert response.status_code == 401
