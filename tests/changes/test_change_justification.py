"""One justification rule (sirhp.content.changes.rules), refused with one
message on every channel: the API (values and photo requests), REST
``POST @change-requests`` and ``PATCH``, the edit form, « Mon dossier »."""

from plone.app.testing import login
import pytest
import requests
from sirhp.content.badges import api as badges
from sirhp.content.changes import api as changes
from sirhp.content.changes.rules import MAX_JUSTIFICATION
from tests.changes.test_change_security import _form_fields
import transaction

JSON = {"Accept": "application/json"}
TOO_LONG = "x" * (MAX_JUSTIFICATION + 1)
MESSAGE = "Justification trop longue (2000 caractères au plus)."


def _file(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def _requests_of(file):
    return [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]


def test_api_refuses_values_and_photo_requests(portal, testdata):
    file = _file(portal, testdata)
    login(portal, "clerk.pn")
    with pytest.raises(changes.ChangeError) as info:
        changes.propose(
            target=file, changes={"birth_place": "Kati"}, justification=TOO_LONG
        )
    assert str(info.value) == MESSAGE
    assert info.value.field == "justification"
    # a photo request was cut at 2000 characters without a word: refused too
    with pytest.raises(changes.ChangeError, match=r"Justification trop longue"):
        changes.check_photo_proposal(file=file, justification=TOO_LONG)
    with pytest.raises(changes.ChangeError, match="obligatoire"):
        changes.propose_photo(
            file=file, original=None, photo=None, crop="", justification=" "
        )
    # through the badge domain (the one caller), before the picture is read
    with pytest.raises(badges.PhotoError, match=r"Justification trop longue"):
        badges.set_or_propose_photo(file=file, data=b"", justification=TOO_LONG)
    assert not _requests_of(file)
    exact = changes.propose(
        target=file,
        changes={"birth_place": "Kati"},
        justification=" " + "x" * MAX_JUSTIFICATION + " ",
    )
    assert exact.justification == "x" * MAX_JUSTIFICATION


def test_rest_refuses(functional, testdata):
    portal = functional["portal"]
    file = _file(portal, testdata)
    url = file.absolute_url()
    clerk = ("clerk.pn", testdata.PASSWORD)
    post = requests.post(
        f"{url}/@change-requests",
        json={"changes": {"birth_place": "Kati"}, "justification": TOO_LONG},
        auth=clerk,
        headers=JSON,
        timeout=30,
    )
    assert post.status_code == 400, post.text
    assert post.json()["message"] == MESSAGE
    assert post.json()["error"] == {"type": "BadRequest", "message": MESSAGE}
    patch = requests.patch(
        url,
        json={"birth_place": "Kati", "justification": TOO_LONG},
        auth=clerk,
        headers=JSON,
        timeout=30,
    )
    assert patch.status_code == 400, patch.text
    assert patch.json()["message"] == MESSAGE
    english = requests.post(
        f"{url}/@change-requests",
        json={"changes": {"birth_place": "Kati"}, "justification": TOO_LONG},
        auth=clerk,
        headers=JSON,
        cookies={"I18N_LANGUAGE": "en"},  # the user's choice of language
        timeout=30,
    )
    assert english.status_code == 400
    assert english.json()["message"] == (
        "Justification too long (2000 characters at most)."
    )
    transaction.begin()
    assert not _requests_of(file)


def test_pages_refuse(functional, testdata):
    portal = functional["portal"]
    file = _file(portal, testdata)
    # the edit form that proposes (records staff)
    url = f"{file.absolute_url()}/edit"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    data = _form_fields(session.get(url, timeout=30).text, form_id="form")
    data["form.buttons.save"] = "Enregistrer"
    data["form.widgets.position"] = "Chef de la brigade des mineurs"
    data["form.widgets.sirhp_justification"] = TOO_LONG
    response = session.post(url, data=data, timeout=30)
    assert MESSAGE in response.text
    # « Mon dossier » (the officer)
    officer = requests.Session()
    officer.auth = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    url = f"{portal.absolute_url()}/@@mon-dossier"
    page = officer.get(url, timeout=30).text
    assert f'maxlength="{MAX_JUSTIFICATION}"' in page
    response = officer.post(
        url,
        data={
            "_authenticator": page.split('name="_authenticator" value="')[1].split('"')[
                0
            ],
            "champ": f"{file.UID()}|birth_place",
            "valeur": "Ségou",
            "commentaire": TOO_LONG,
        },
        timeout=30,
    )
    assert response.status_code == 400
    assert MESSAGE in response.text
    transaction.begin()
    assert not _requests_of(file)
