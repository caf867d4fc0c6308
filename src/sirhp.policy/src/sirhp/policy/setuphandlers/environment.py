"""The settings ``make start`` reads from the environment, checked all at once
before anything is created (``scripts/create_site.py``).

A production site (the script's default) needs its administrator from the
environment: ``SIRHP_ADMIN_USER`` (default ``admin``) and a
``SIRHP_ADMIN_PASSWORD`` the site's password policy accepts; the demo
settings are not read. A demo site (``--demo``) keeps the local defaults.

A wrong value is a ``SettingError``: one sentence naming the variable and
what is wrong, printed in French then in English (a console has no user
language). Variables set in zope.conf's ``<environment>`` are seen too: the
script runs inside the started Zope.
"""

from App.config import getConfiguration
from dataclasses import dataclass
import ipaddress
import os
from pathlib import Path
from plone import api
from sirhp.policy import _
from sirhp.policy.login.plugins import password_problems
from sirhp.policy.login.throttle import DEFAULTS
from sirhp.policy.setuphandlers import demo
from urllib.parse import urlsplit
from zope.component import getGlobalSiteManager
from zope.i18n import translate
from zope.i18n.interfaces import ITranslationDomain
from zope.i18nmessageid import Message

DEFAULT_ADMIN_USER = "admin"
DEFAULT_ADMIN_PASSWORD = "admin"  # demo sites, local use only (README)
DEFAULT_DEMO_PASSWORD = "sirhp-demo-2026"
DEFAULT_DEMO_COUNT = 300
LANGUAGES = ("fr", "en")


def _translate(message, language):
    # The global catalogue: console output does not depend on the site hook
    # (a site's local registry may not see every global domain).
    domain = getGlobalSiteManager().queryUtility(ITranslationDomain, message.domain)
    if domain is None:
        return translate(message, target_language=language)  # the default
    return domain.translate(
        message,
        mapping=message.mapping,
        target_language=language,
        default=message.default,
    )


def in_both_languages(message):
    """``message`` in French, then in English."""
    return [_translate(message, language) for language in LANGUAGES]


class SettingError(ValueError):
    """A refused setting; ``details`` (messages) fill ``${details}``."""

    def __init__(self, message, details=()):
        super().__init__(str(message))
        self.message = message
        self.details = tuple(details)

    def text(self, language):
        mapping = dict(self.message.mapping or {})
        if self.details:
            mapping["details"] = ", ".join(
                _translate(detail, language) for detail in self.details
            )
        return _translate(Message(self.message, mapping=mapping), language)

    def lines(self):
        """The sentence in French, then in English."""
        return [self.text(language) for language in LANGUAGES]


@dataclass(frozen=True)
class Settings:
    admin_password: str
    demo_password: str
    demo_count: int
    public_url: str
    admin_user: str = DEFAULT_ADMIN_USER
    demo: bool = True


def integer_error(variable, minimum):
    return SettingError(
        _(
            "error_setting_integer",
            default="${variable} refusé : un nombre entier d'au moins "
            "${minimum} est attendu.",
            mapping={"variable": variable, "minimum": minimum},
        )
    )


def _integer(environ, variable, default, minimum):
    raw = environ.get(variable)
    if raw is None:
        return default, None
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or value < minimum:
        return default, integer_error(variable, minimum)
    return value, None


def password_error(password, min_length, variable="SIRHP_DEMO_PASSWORD", logins=None):
    """The site's password policy applied to the demo accounts' password
    (or, with ``logins``, to the password of those accounts).

    The rule is the PAS plugin's; the default logins are those of the demo
    accounts (staff, officers' matricules) and ``admin``, who creates them.
    """
    if logins is None:
        logins = [login for login, _name, _groups in demo.STAFF_USERS]
        logins += ["admin", *demo.matricules_in(password)]
    problems = password_problems(password, logins, min_length)
    if not problems:
        return None
    details = []
    if "length" in problems:
        details.append(
            _(
                "detail_password_length",
                default="moins de ${length} caractères",
                mapping={"length": min_length},
            )
        )
    if "letters_digits" in problems:
        details.append(
            _(
                "detail_password_letters_digits",
                default="il faut des lettres et des chiffres",
            )
        )
    if "login" in problems:
        login = next(
            login
            for login in logins
            if "login" in password_problems(password, [login], min_length)
        )
        details.append(
            _(
                "detail_password_login",
                default="il contient l'identifiant « ${login} »",
                mapping={"login": login},
            )
        )
    return SettingError(
        _(
            "error_setting_password",
            default="${variable} refusé par la politique de mots de passe du "
            "site : ${details}.",
            mapping={"variable": variable},
        ),
        details,
    )


def _url_error(variable, value):
    parts = urlsplit(value)
    if (
        parts.scheme in ("http", "https")
        and parts.hostname
        and not parts.query
        and not parts.fragment
        and not any(char.isspace() for char in value)
    ):
        return None
    return SettingError(
        _(
            "error_setting_url",
            default="${variable} refusé : une adresse complète en http:// ou "
            "https://, sans paramètres, est attendue (ex. "
            "https://sirhp.police.gouv.ml).",
            mapping={"variable": variable},
        )
    )


def _networks_error(variable, value):
    for entry in value.replace(",", " ").split():
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            return SettingError(
                _(
                    "error_setting_network",
                    default="${variable} refusé : « ${value} » n'est ni une "
                    "adresse IP ni un réseau (ex. 10.0.0.5, 10.0.0.0/8).",
                    mapping={"variable": variable, "value": entry},
                )
            )
    return None


def _writable(folder: Path) -> bool:
    """Is ``folder`` a writable folder, or can it be created?"""
    while not folder.exists():
        if folder.parent == folder:
            return False
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _folder_error(variable, value, file=False):
    path = Path(value)
    folder = path.parent if file else path
    if value.strip() and not (file and path.is_dir()) and _writable(folder):
        return None
    return SettingError(
        _(
            "error_setting_folder",
            default="${variable} refusé : impossible d'écrire dans ${path}.",
            mapping={"variable": variable, "path": str(folder)},
        )
    )


def _empty_error(variable):
    return SettingError(
        _(
            "error_setting_empty",
            default="${variable} refusé : la valeur est vide.",
            mapping={"variable": variable},
        )
    )


def _production_admin(environ, min_length):
    """``(login, password, errors)`` of a production site's administrator:
    no default password, and the site's password policy applies."""
    login = environ.get("SIRHP_ADMIN_USER", DEFAULT_ADMIN_USER).strip()
    if not login or any(char.isspace() for char in login):
        return login, "", [_empty_error("SIRHP_ADMIN_USER")]
    password = environ.get("SIRHP_ADMIN_PASSWORD")
    if password is None:
        return (
            login,
            "",
            [
                SettingError(
                    _(
                        "error_setting_admin_missing",
                        default="${variable} manquant : un site de production "
                        "exige le mot de passe de son administrateur (sans "
                        "--demo, aucun mot de passe par défaut).",
                        mapping={"variable": "SIRHP_ADMIN_PASSWORD"},
                    )
                )
            ],
        )
    error = password_error(password, min_length, "SIRHP_ADMIN_PASSWORD", [login])
    return login, password, [error]


def check_settings(environ=None, min_length=None, demo=True):
    """``(settings, errors)``: every setting read and checked; ``errors`` is
    the list of ``SettingError`` (empty when everything is usable).

    ``demo=False`` (a production site): the administrator's password is
    required and must pass the site's password policy; the demo password
    and count are not read.
    """
    environ = os.environ if environ is None else environ
    min_length = min_length or DEFAULTS["password_min_length"]
    errors = []

    demo_password, count = DEFAULT_DEMO_PASSWORD, 0
    if demo:
        admin_user = environ.get("SIRHP_ADMIN_USER", DEFAULT_ADMIN_USER).strip()
        admin_password = environ.get("SIRHP_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
        if not admin_user:
            errors.append(_empty_error("SIRHP_ADMIN_USER"))
        if not admin_password.strip():
            errors.append(_empty_error("SIRHP_ADMIN_PASSWORD"))
        demo_password = environ.get("SIRHP_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        errors.append(password_error(demo_password, min_length))
        count, error = _integer(environ, "SIRHP_DEMO_COUNT", DEFAULT_DEMO_COUNT, 0)
        errors.append(error)
    else:
        admin_user, admin_password, admin_errors = _production_admin(
            environ, min_length
        )
        errors += admin_errors
    errors.append(_integer(environ, "SIRHP_TEXT_JOBS", 1, 1)[1])
    public_url = environ.get("SIRHP_PUBLIC_URL", "")
    if public_url:
        errors.append(_url_error("SIRHP_PUBLIC_URL", public_url))
    if environ.get("SIRHP_TRUSTED_PROXIES"):
        errors.append(
            _networks_error("SIRHP_TRUSTED_PROXIES", environ["SIRHP_TRUSTED_PROXIES"])
        )
    if environ.get("SIRHP_AUDIT_DB"):
        errors.append(
            _folder_error("SIRHP_AUDIT_DB", environ["SIRHP_AUDIT_DB"], file=True)
        )
    if environ.get("SIRHP_MAIL_DIR"):
        errors.append(_folder_error("SIRHP_MAIL_DIR", environ["SIRHP_MAIL_DIR"]))
    settings = Settings(
        admin_password=admin_password,
        demo_password=demo_password,
        demo_count=count,
        public_url=public_url,
        admin_user=admin_user,
        demo=demo,
    )
    return settings, [error for error in errors if error is not None]


def creation_failed(site_id):
    return _(
        "error_site_creation_failed",
        default="La création du site « ${site} » a échoué : rien n'a été "
        "enregistré (détail ci-dessous).",
        mapping={"site": site_id},
    )


def incomplete_site(site):
    """A site an older run left without its demo content (it died after
    committing the bare site): no unit, no file, no demo account."""
    catalog = site.portal_catalog
    if catalog.unrestrictedSearchResults(portal_type=["Unit", "PersonnelFile"]):
        return None
    if any(api.user.get(username=login) for login, _n, _g in demo.STAFF_USERS):
        return None
    return SettingError(
        _(
            "error_site_incomplete",
            default="Le site « ${site} » est incomplet (création interrompue : "
            "ni unités, ni dossiers, ni comptes de démonstration) : supprimez "
            "les données de l'instance (${home}) puis relancez make start ; un "
            "site réel se met à jour avec scripts/upgrade_site.py.",
            mapping={"site": site.getId(), "home": getConfiguration().clienthome},
        )
    )


def demo_account_warnings(site, settings):
    """What differs between the accounts make start lists and the site's."""
    warnings = []
    logins = [login for login, _name, _groups in demo.STAFF_USERS]
    missing = [login for login in logins if api.user.get(username=login) is None]
    if missing:
        warnings.append(
            _(
                "warning_demo_accounts_missing",
                default="Attention : le site « ${site} » n'a pas les comptes de "
                "démonstration ${logins}.",
                mapping={"site": site.getId(), "logins": ", ".join(missing)},
            )
        )
    present = [login for login in logins if login not in missing]
    source = site.acl_users.source_users  # not the login guard: no failure counted
    if present and not source.authenticateCredentials(
        {"login": present[0], "password": settings.demo_password}
    ):
        warnings.append(
            _(
                "warning_demo_password_differs",
                default="Attention : SIRHP_DEMO_PASSWORD n'est pas le mot de "
                "passe des comptes de démonstration de ce site (créé avec un "
                "autre).",
            )
        )
    return warnings
