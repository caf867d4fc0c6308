"""The statute mapping and the due work from the panel
(``@@referentiels-statut``): preview (nothing stored), apply (all or
nothing, the same API as ``POST @statute-mapping``), refusals in French,
CSRF-protected, refused to whoever may not manage the référentiels; the
retirement dates recomputed by the daily task or "Recalculer maintenant"."""

from plone.app.testing import SITE_OWNER_NAME
import pytest
from sirhp.content.referentials import defaults
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.referentials.test_http import as_user  # noqa: F401 (fixture)
from tests.referentials.test_http import FUTURE
from tests.referentials.test_http import url  # noqa: F401 (fixture)

PANEL = "/police-nationale/@@referentiels-statut"


def token_of(page):
    return page.text.split('name="_authenticator" value="')[1].split('"')[0]


def career_events(admin, base):
    response = admin.get(
        f"{base}/@search", params={"portal_type": "CareerEvent", "b_size": 1}
    )
    assert response.status_code == 200, response.text
    return response.json()["items_total"]


def mapping_form(token, old="caporal", new="caporal-chef", **extra):
    return {
        "_authenticator": token,
        "mapping.old:records": old,
        "mapping.new:records": new,
        "mapping_effective": FUTURE,
        "mapping_reference": "Décret 2029-1",
        **extra,
    }


@pytest.fixture
def hr(as_user, url):  # noqa: F811
    session = as_user("hrmanager.pn")
    session.headers["Accept"] = "text/html"
    return session


def grade_of_validated_file(admin, base, testdata):
    path = testdata.path_of("pn_validated").strip("/")
    response = admin.get(f"{base}/{path}", headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    grade = response.json()["grade"]
    return grade["token"] if isinstance(grade, dict) else grade


def test_preview_then_apply(hr, as_user, url, testdata):  # noqa: F811
    admin = as_user(SITE_OWNER_NAME)
    before = career_events(admin, url)
    old = grade_of_validated_file(admin, url, testdata)
    new = next(code for code in defaults.GRADES if code != old)
    page = hr.get(f"{url}{PANEL}")
    assert page.status_code == 200
    assert "Reclassement statutaire" in page.text
    assert 'name="mapping.old:records"' in page.text
    assert 'value="caporal-chef"' in page.text
    token = token_of(page)
    form = mapping_form(token, old=old, new=new)
    preview = hr.post(f"{url}{PANEL}", data={**form, "form.mapping.preview": "1"})
    assert preview.status_code == 200, preview.text
    count = int(preview.text.split('class="mapping-count">')[1].split("<")[0])
    assert count >= 1, "the validated file holds it"
    assert 'id="mapping-apply"' in preview.text
    assert career_events(admin, url) == before  # a dry run
    applied = hr.post(
        f"{url}{PANEL}",
        data={**form, "form.mapping.apply": "1"},
        files={"mapping_scan": ("decret.pdf", tiny_pdf(["Décret"]), "application/pdf")},
    )
    assert applied.status_code == 200, applied.text
    assert f"Reclassement enregistré : {count} acte(s)" in applied.text
    assert "01/01/2030" in applied.text
    assert career_events(admin, url) == before + count


def test_refusals_in_french_nothing_stored(hr, as_user, url):  # noqa: F811
    admin = as_user(SITE_OWNER_NAME)
    before = career_events(admin, url)
    token = token_of(hr.get(f"{url}{PANEL}"))
    for button in ("form.mapping.preview", "form.mapping.apply"):
        refused = hr.post(
            f"{url}{PANEL}",
            data={**mapping_form(token, new="brigadier"), button: "1"},
        )
        assert refused.status_code == 400
        assert "le grade « brigadier » n" in refused.text.replace("&#39;", "'")
        assert 'id="mapping-error"' in refused.text
    empty = hr.post(
        f"{url}{PANEL}",
        data={**mapping_form(token, old="", new=""), "form.mapping.apply": "1"},
    )
    assert empty.status_code == 400
    assert "Correspondance vide" in empty.text
    assert career_events(admin, url) == before


def test_csrf_token_required(hr, as_user, url):  # noqa: F811
    admin = as_user(SITE_OWNER_NAME)
    before = career_events(admin, url)
    for button in ("form.mapping.apply", "form.recompute"):
        response = hr.post(
            f"{url}{PANEL}", data={**mapping_form("forged"), button: "1"}
        )
        assert response.status_code == 403
    assert career_events(admin, url) == before


@pytest.mark.parametrize(
    "user", ["clerk.pn", "reviewer.pn", "commander.pn", "auditor", "hrmanager.ocs"]
)
def test_refused_to_others(as_user, url, user):  # noqa: F811
    admin = as_user(SITE_OWNER_NAME)
    before = career_events(admin, url)
    token = token_of(
        admin.get(f"{url}/@@referentiels-statut", headers={"Accept": "text/html"})
    )
    session = as_user(user)
    session.headers["Accept"] = "text/html"
    for button in ("form.mapping.preview", "form.mapping.apply", "form.recompute"):
        response = session.post(
            f"{url}{PANEL}",
            data={**mapping_form(token), button: "1"},
            allow_redirects=False,
        )
        assert response.status_code in (302, 401, 403), (button, response.text)
    assert career_events(admin, url) == before


def test_recompute_now(hr, as_user, url):  # noqa: F811
    page = hr.get(f"{url}{PANEL}")
    assert "recalculées par la tâche quotidienne" in page.text
    assert "Recalculer maintenant" in page.text
    admin = as_user(SITE_OWNER_NAME)
    added = admin.post(
        f"{url}/@referentials", json={"effective": FUTURE, "tables": defaults.tables()}
    )
    assert added.status_code == 201, added.text
    page = hr.get(f"{url}{PANEL}")
    assert "Versions en attente d" in page.text and "01/01/2030" in page.text
    done = hr.post(
        f"{url}{PANEL}", data={"_authenticator": token_of(page), "form.recompute": "1"}
    )
    assert done.status_code == 200
    # the 2030 version waits for its date
    assert "Rien à recalculer" in done.text
    assert "Dernier calcul" in done.text
