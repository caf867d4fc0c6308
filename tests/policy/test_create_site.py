"""scripts/create_site.py (make start): every setting is checked before
anything is created, a refusal is one sentence in French then English (exit
status 2, no traceback), and a failed creation leaves no site behind."""

from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.environment import check_settings
from sirhp.policy.setuphandlers.environment import password_error
from tests import scripts
import transaction
from unittest import mock
from zope.component.hooks import getSite
from zope.component.hooks import setSite

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "create_site.py"


def load_script():
    # no ``app`` global: main() is not run
    return scripts.load_script(SCRIPT, "sirhp_create_site")


def errors_of(environ):
    return check_settings(environ)[1]


class TestSettings:
    def test_defaults_accepted(self, integration):
        settings, errors = check_settings({})
        assert errors == []
        assert settings.demo_password == "sirhp-demo-2026"
        assert settings.demo_count == 300

    def test_password_the_policy_refuses(self, integration):
        (error,) = errors_of({"SIRHP_DEMO_PASSWORD": "holdout-demo"})
        french, english = error.lines()
        assert french == (
            "SIRHP_DEMO_PASSWORD refusé par la politique de mots de passe du "
            "site : il faut des lettres et des chiffres."
        )
        assert english == (
            "SIRHP_DEMO_PASSWORD refused by the site's password policy: "
            "letters and digits are required."
        )

    def test_every_broken_rule_named(self, integration):
        (error,) = errors_of({"SIRHP_DEMO_PASSWORD": "clerk.pn"})
        french, english = error.lines()
        assert "moins de 12 caractères" in french
        assert "il faut des lettres et des chiffres" in french
        assert "« clerk.pn »" in french
        assert "fewer than 12 characters" in english
        assert "“clerk.pn”" in english

    def test_password_containing_a_demo_login(self, integration):
        for login in ("reviewer.ocs", "admin", demo.matricule(0, 41)):
            error = password_error(f"x{login}-2026-demo", 12)
            assert error is not None, login
            assert login in error.text("fr")

    def test_same_rule_as_the_site(self, portal):
        """A password the check accepts, the site accepts for every demo
        account (created by admin); one it refuses, the site refuses for
        at least one."""
        plugin = portal.acl_users.sirhp_password_policy
        logins = [login for login, _name, _groups in demo.STAFF_USERS]
        passwords = (
            "holdout-demo",
            "sirhp-demo-2026",
            "court1",
            "auditor-2026-x",
            "123456789012",
            "une phrase 42 assez longue",
            f"{demo.matricule(1, 7)}-abcdef",
        )
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            for password in passwords:
                checked = password_error(password, 12) is None
                accepted = all(
                    not plugin.validateUserInfo(None, login, {"password": password})
                    for login in logins + demo.matricules_in(password)
                )
                assert checked == accepted, password

    def test_every_setting_checked(self, integration, tmp_path):
        read_only = tmp_path / "file"
        read_only.write_text("")
        environ = {
            "SIRHP_ADMIN_PASSWORD": " ",
            "SIRHP_DEMO_PASSWORD": "holdout-demo",
            "SIRHP_DEMO_COUNT": "trois cents",
            "SIRHP_TEXT_JOBS": "0",
            "SIRHP_PUBLIC_URL": "sirhp.police.gouv.ml",
            "SIRHP_TRUSTED_PROXIES": "10.0.0.5, proxy.local",
            "SIRHP_AUDIT_DB": str(tmp_path),  # a folder, not a file
            "SIRHP_MAIL_DIR": str(read_only / "mail"),  # under a file
        }
        lines = [line for error in errors_of(environ) for line in error.lines()]
        for variable in environ:
            assert sum(line.startswith(f"{variable} refusé") for line in lines) == 1
            assert sum(line.startswith(f"{variable} refused") for line in lines) == 1
        assert "« proxy.local »" in "".join(lines)

    def test_good_values_accepted(self, integration, tmp_path):
        environ = {
            "SIRHP_ADMIN_PASSWORD": "admin",
            "SIRHP_DEMO_PASSWORD": "une phrase 42 assez longue",
            "SIRHP_DEMO_COUNT": "0",
            "SIRHP_TEXT_JOBS": "2",
            "SIRHP_PUBLIC_URL": "https://sirhp.police.gouv.ml/sirhp",
            "SIRHP_TRUSTED_PROXIES": "10.0.0.5, 192.168.0.0/16",
            "SIRHP_AUDIT_DB": str(tmp_path / "audit" / "journal.sqlite"),
            "SIRHP_MAIL_DIR": str(tmp_path / "mail"),
        }
        settings, errors = check_settings(environ)
        assert errors == []
        assert settings.demo_count == 0


@pytest.fixture
def script(functional):
    """The script's module; the site hook restored afterwards."""
    site = getSite()
    yield load_script()
    transaction.abort()
    setSite(site)


def environ(**values):
    return {"SIRHP_ADMIN_PASSWORD": SITE_OWNER_PASSWORD, **values}


def last_transaction(app):
    return app._p_jar.db().lastTransaction()


class TestScript:
    def test_refused_password_creates_nothing(self, functional, script, capsys):
        app = functional["app"]
        before = last_transaction(app)
        status = script.main(
            app,
            ["--demo", "--count", "1"],
            environ(SIRHP_DEMO_PASSWORD="holdout-demo"),
        )
        assert status == 2
        err = capsys.readouterr().err
        assert err.splitlines() == [
            "SIRHP_DEMO_PASSWORD refusé par la politique de mots de passe du "
            "site : il faut des lettres et des chiffres.",
            "SIRHP_DEMO_PASSWORD refused by the site's password policy: "
            "letters and digits are required.",
        ]
        assert "sirhp" not in app.objectIds()
        assert last_transaction(app) == before  # not even the admin account

    def test_negative_count_refused(self, functional, script, capsys):
        app = functional["app"]
        assert script.main(app, ["--demo", "--count", "-1"], environ()) == 2
        assert capsys.readouterr().err.splitlines() == [
            "--count refusé : un nombre entier d'au moins 0 est attendu.",
            "--count refused: a whole number of at least 0 is expected.",
        ]
        assert "sirhp" not in app.objectIds()

    def test_failure_after_the_start_leaves_no_site(self, functional, script, capsys):
        """Anything failing once the site exists aborts the whole creation."""
        from OFS.Folder import Folder

        app = functional["app"]

        def half_site(app):  # committed, as plone.distribution does
            app._setObject(script.SITE_ID, Folder(script.SITE_ID))
            transaction.commit()
            return app[script.SITE_ID]

        refused = ValueError("The password does not meet the policy")
        with mock.patch.object(script, "create_site", half_site):
            with mock.patch.object(
                demo, "create_demo_site_content", side_effect=refused
            ):
                with pytest.raises(ValueError):
                    script.main(app, ["--demo", "--count", "1"], environ())
        transaction.begin()
        assert "sirhp" not in app.objectIds()
        assert capsys.readouterr().err.splitlines() == [
            "La création du site « sirhp » a échoué : rien n'a été enregistré "
            "(détail ci-dessous).",
            "Creating the site “sirhp” failed: nothing was saved (details below).",
        ]

    def test_existing_site_without_demo_content_refused(
        self, functional, script, capsys
    ):
        """What an older, interrupted run left: a bare site, served empty."""
        app, portal = functional["app"], functional["portal"]
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            for agency in (portal["police-nationale"], portal["ocs"]):
                agency.manage_delObjects(list(agency.objectIds()))
            for login, _name, _groups in demo.STAFF_USERS:
                api.user.delete(username=login)
        transaction.commit()
        before = last_transaction(app)
        with mock.patch.object(script, "SITE_ID", portal.getId()):
            status = script.main(app, ["--demo"], environ())
        assert status == 2
        french, english = capsys.readouterr().err.splitlines()
        assert french.startswith(f"Le site « {portal.getId()} » est incomplet")
        assert english.startswith(f"The site “{portal.getId()}” is incomplete")
        assert last_transaction(app) == before

    def test_existing_site_says_when_the_password_differs(
        self, functional, script, capsys
    ):
        from sirhp.policy import testdata

        app, portal = functional["app"], functional["portal"]
        with mock.patch.object(script, "SITE_ID", portal.getId()):
            same = script.main(
                app, ["--demo"], environ(SIRHP_DEMO_PASSWORD=testdata.PASSWORD)
            )
            assert same == 0
            assert capsys.readouterr().err == ""
            other = script.main(app, ["--demo"], environ())  # the default password
        assert other == 0
        assert "SIRHP_DEMO_PASSWORD n'est pas le mot de passe" in (
            capsys.readouterr().err
        )


class TestProductionSettings:
    """Without --demo: the administrator from the environment, no default."""

    def test_missing_admin_password_refused(self, integration):
        (error,) = check_settings({}, demo=False)[1]
        french, english = error.lines()
        assert french.startswith(
            "SIRHP_ADMIN_PASSWORD manquant : un site de production"
        )
        assert english.startswith("SIRHP_ADMIN_PASSWORD missing: a production site")

    def test_weak_admin_password_refused(self, integration):
        for password in ("admin", "court1", "hr-admin-chef-2026"):
            (error,) = check_settings(
                {"SIRHP_ADMIN_USER": "hr-admin", "SIRHP_ADMIN_PASSWORD": password},
                demo=False,
            )[1]
            assert error.text("fr").startswith(
                "SIRHP_ADMIN_PASSWORD refusé par la politique de mots de passe"
            ), password

    def test_strong_admin_password_accepted(self, integration):
        settings, errors = check_settings(
            {
                "SIRHP_ADMIN_USER": "chef.si",
                "SIRHP_ADMIN_PASSWORD": "Bamako-serveur-2026",
                "SIRHP_DEMO_PASSWORD": "holdout-demo",  # not read
            },
            demo=False,
        )
        assert errors == []
        assert (settings.admin_user, settings.demo) == ("chef.si", False)
        assert settings.admin_password == "Bamako-serveur-2026"

    def test_empty_admin_user_refused(self, integration):
        (error,) = check_settings(
            {"SIRHP_ADMIN_USER": " ", "SIRHP_ADMIN_PASSWORD": "Bamako-serveur-2026"},
            demo=False,
        )[1]
        assert error.text("fr") == "SIRHP_ADMIN_USER refusé : la valeur est vide."


class TestProductionScript:
    def test_default_is_production_and_refuses_without_password(
        self, functional, script, capsys
    ):
        app = functional["app"]
        before = last_transaction(app)
        assert script.main(app, [], {}) == 2
        french, english = capsys.readouterr().err.splitlines()
        assert french.startswith("SIRHP_ADMIN_PASSWORD manquant")
        assert "sirhp" not in app.objectIds()
        assert last_transaction(app) == before  # no admin account stored

    def test_demo_options_need_demo(self, functional, script, capsys):
        app = functional["app"]
        good = {"SIRHP_ADMIN_PASSWORD": "Bamako-serveur-2026"}
        assert script.main(app, ["--count", "5", "--bulk"], good) == 2
        assert capsys.readouterr().err.splitlines() == [
            "--count refusé : option des sites de démonstration (ajoutez --demo).",
            "--count refused: an option of demo sites (add --demo).",
            "--bulk refusé : option des sites de démonstration (ajoutez --demo).",
            "--bulk refused: an option of demo sites (add --demo).",
        ]
        assert "sirhp" not in app.objectIds()

    def test_demo_refused_on_a_production_site(self, functional, script, capsys):
        from sirhp.policy.setuphandlers import production

        app, portal = functional["app"], functional["portal"]
        production.mark_production(portal)
        transaction.commit()
        try:
            before = last_transaction(app)
            with mock.patch.object(script, "SITE_ID", portal.getId()):
                status = script.main(app, ["--demo"], environ())
            assert status == 2
            french, english = capsys.readouterr().err.splitlines()
            assert french == (
                f"Le site « {portal.getId()} » est un site de production : il ne "
                "reçoit pas de données de démonstration (--demo refusé)."
            )
            assert last_transaction(app) == before
        finally:
            del production.IAnnotations(portal)[production.PRODUCTION_KEY]
            transaction.commit()
