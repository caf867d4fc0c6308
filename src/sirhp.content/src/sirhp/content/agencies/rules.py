"""Rules of a new agency or service (the site administrators' form and
``POST`` of an ``Agency``): pure functions, no Zope or Plone import
(tests/unit/test_agency_rules.py); ``api.py`` calls them.

An agency is data: its id names its groups (``<id>-clerks``...), its short
name opens its card numbers (``badges.rules``), its matricule prefix is its
block of numbers (``content.matricule_sequence``). Two agencies never share
an id, a short name or numbers: a prefix may not start another's.
"""

import re

# lower-case words joined by hyphens: a URL segment and a group id prefix
ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ID_MAX = 40
# capitals only: the card number opens with it (badges.rules.CARD_NUMBER_RE)
SHORT_NAME_PATTERN = r"[A-Z]{2,6}"
SHORT_NAME_RE = re.compile(f"^{SHORT_NAME_PATTERN}$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
PREFIX_RE = re.compile(r"^[0-9]{1,3}$")
# ids Plone or Zope already use at the site root
RESERVED_IDS = frozenset(
    {"plone", "login", "logout", "search", "sitemap", "contact-info", "mail-password"}
)

FIELDS = ("id", "title", "short_name", "primary_color", "matricule_prefix")

# (field, msgid, French default); the API turns them into errors
ID_SYNTAX = (
    "id",
    "error_agency_id_syntax",
    "Identifiant invalide : lettres minuscules sans accent, chiffres et "
    "tirets, commençant par une lettre (ex. protection-civile), 40 "
    "caractères au plus.",
)
ID_TAKEN = ("id", "error_agency_id_taken", "L'identifiant ${value} est déjà pris.")
TITLE_MISSING = ("title", "error_agency_title_missing", "Le nom est obligatoire.")
SHORT_NAME_SYNTAX = (
    "short_name",
    "error_agency_short_name_syntax",
    "Sigle invalide : 2 à 6 lettres majuscules sans accent (ex. PN, OCS).",
)
SHORT_NAME_TAKEN = (
    "short_name",
    "error_agency_short_name_taken",
    "Le sigle ${value} est déjà celui de l'agence ${other}.",
)
COLOR_SYNTAX = (
    "primary_color",
    "error_agency_color_syntax",
    "Couleur invalide : #RRGGBB attendu (ex. #1F3A93).",
)
PREFIX_SYNTAX = (
    "matricule_prefix",
    "error_agency_prefix_syntax",
    "Préfixe des matricules invalide : 1 à 3 chiffres.",
)
PREFIX_OVERLAP = (
    "matricule_prefix",
    "error_agency_prefix_overlap",
    "Le préfixe ${value} chevauche le préfixe ${prefix} de l'agence ${other} : "
    "leurs matricules se confondraient.",
)


def clean(values: dict) -> dict:
    """The five values of a new agency as stripped text (``None`` -> "")."""
    return {name: str(values.get(name) or "").strip() for name in FIELDS}


def overlaps(prefix: str, other: str) -> bool:
    """Whether two matricule prefixes share numbers ("1" and "12" do)."""
    return bool(prefix and other) and (
        prefix.startswith(other) or other.startswith(prefix)
    )


def problems(values: dict, others, taken_ids=frozenset()) -> list:
    """Every refusal of a new agency, in the order of the form.

    :param values: the cleaned values (``clean``).
    :param others: the existing agencies as dicts with ``id``,
        ``short_name`` and ``matricule_prefix``.
    :param taken_ids: other ids already used at the site root.
    :returns: a list of ``(field, msgid, default, mapping)``; empty when
        the agency may be created.
    """
    found = []
    agency_id = values["id"]
    if len(agency_id) > ID_MAX or not ID_RE.match(agency_id):
        found.append((*ID_SYNTAX, {}))
    elif (
        agency_id in RESERVED_IDS
        or agency_id in taken_ids
        or any(other["id"] == agency_id for other in others)
    ):
        found.append((*ID_TAKEN, {"value": agency_id}))
    if not values["title"]:
        found.append((*TITLE_MISSING, {}))
    short_name = values["short_name"]
    if not SHORT_NAME_RE.match(short_name):
        found.append((*SHORT_NAME_SYNTAX, {}))
    else:
        for other in others:
            if (other.get("short_name") or "").upper() == short_name:
                found.append(
                    (*SHORT_NAME_TAKEN, {"value": short_name, "other": _name(other)})
                )
                break
    if not COLOR_RE.match(values["primary_color"]):
        found.append((*COLOR_SYNTAX, {}))
    prefix = values["matricule_prefix"]
    if not PREFIX_RE.match(prefix):
        found.append((*PREFIX_SYNTAX, {}))
    else:
        for other in others:
            if overlaps(prefix, other.get("matricule_prefix") or ""):
                found.append(
                    (
                        *PREFIX_OVERLAP,
                        {
                            "value": prefix,
                            "prefix": other["matricule_prefix"],
                            "other": _name(other),
                        },
                    )
                )
                break
    return found


def _name(agency: dict) -> str:
    return agency.get("title") or agency["id"]
