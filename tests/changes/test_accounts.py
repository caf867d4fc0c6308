"""Officer accounts follow the file: created on validation, disabled on
archive, reset link by records staff, new password at first login."""

from plone import api
import requests
from sirhp.policy import config
from sirhp.policy.login import accounts
import transaction


def _validate_new_file(portal, testdata):
    """pn_pending (its officer has no account in the test data) validated."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_pending"))
    file.status = "active"
    assert api.user.get(userid=file.matricule) is None
    with api.env.adopt_user(username="reviewer.pn"):
        api.content.transition(obj=file, transition="validate")
    return file


def test_account_created_on_validation_and_disabled_on_archive(portal, testdata):
    file = _validate_new_file(portal, testdata)
    user = api.user.get(userid=file.matricule)
    assert user is not None
    assert config.OFFICERS_GROUP in [g.getId() for g in api.group.get_groups(user=user)]
    assert accounts.must_change_password(file.matricule)
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(obj=file, transition="archive", comment="Retraite")
    assert accounts.is_disabled(file.matricule)
    assert config.OFFICERS_GROUP not in [
        g.getId()
        for g in api.group.get_groups(user=api.user.get(userid=file.matricule))
    ]
    assert accounts.send_reset(file, portal.REQUEST) is None  # no reset when disabled


def test_reset_link_and_forced_change(functional, testdata, mail_dir):
    portal = functional["portal"]
    file = _validate_new_file(portal, testdata)
    acl_users = api.portal.get_tool("acl_users")
    acl_users.userSetPassword(file.matricule, "Temporaire-2026x")
    # reset links are built from the public address only
    api.portal.set_registry_record("sirhp.badge.public_url", portal.absolute_url())
    transaction.commit()
    base = portal.absolute_url()
    file_url = f"{base}/{testdata.path_of('pn_pending')}"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    page = session.get(file_url, timeout=30).text
    token = page.split('name="_authenticator" value="')[1].split('"')[0]
    response = session.post(
        f"{file_url}/@@reinitialiser-acces", data={"_authenticator": token}, timeout=30
    )
    assert response.status_code == 200
    assert "Lien de réinitialisation envoyé" in response.text
    mails = list(mail_dir.glob("*.eml"))
    assert len(mails) == 1 and "passwordreset/" in mails[0].read_text()
    # first login: the password page comes first
    officer = requests.get(
        base,
        auth=(file.matricule, "Temporaire-2026x"),
        timeout=30,
        allow_redirects=False,
    )
    assert officer.status_code == 302
    assert officer.headers["Location"].endswith("/@@change-password")
    # the officer's own change clears the mark
    transaction.begin()
    with api.env.adopt_user(username=file.matricule):
        api.portal.get_tool("portal_membership").setPassword("Nouveau-mot2passe")
    transaction.commit()
    assert not accounts.must_change_password(file.matricule)


def test_reset_refused_to_others(functional, testdata):
    portal = functional["portal"]
    file_url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}/@@reinitialiser-acces"
    for user in (
        "reviewer.pn",
        "commander.pn",
        "clerk.ocs",
        testdata.FILES["pn_validated"],
    ):
        response = requests.post(
            file_url, auth=(user, testdata.PASSWORD), timeout=30, allow_redirects=False
        )
        assert response.status_code in (302, 401, 403, 404), user
