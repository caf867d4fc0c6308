"""The référentiels as the site has them: ``tables(at=...)``, new versions,
statute mappings.

Stored as versions in the registry record ``sirhp.referentials.versions``
(JSON); an empty record means the shipped defaults
(``referentials.defaults``). The control panel (``@@referentiels-statut``)
and ``POST @referentials`` add versions through ``add_version``: every rule
of the tables is checked there (``rules.problems``), and only there.
"""

from datetime import date
import functools
import json
from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.careers.api import CareerError
from sirhp.content.careers.collective import file_acts
from sirhp.content.referentials import defaults
from sirhp.content.referentials import rules
from zope.event import notify
from zope.i18nmessageid import Message

RECORD = "sirhp.referentials.versions"


class ReferentialsChanged:
    """A version was added: values derived from the tables (retirement
    dates...) are brought in line by the domains that derive them."""

    def __init__(self, version, today):
        self.version = version
        self.today = today
        self.effective = date.fromisoformat(version["effective"])


# The career act a statute mapping files in every file it moves.
MAPPING_EVENT_TYPE = "reclassement"

MSG_BAD_DATE = _(
    "referential_bad_date",
    default="Date d'effet invalide : AAAA-MM-JJ attendu.",
)
MSG_TOO_EARLY = _(
    "referential_too_early",
    default="La date d'effet doit être postérieure au ${effective}, date de la "
    "version en vigueur : une version en vigueur ne change plus.",
)
MSG_EMPTY_MAPPING = _(
    "referential_empty_mapping",
    default="Correspondance vide : indiquer au moins « ancien grade → nouveau grade ».",
)
MSG_MAPPING_NEW = _(
    "referential_mapping_new",
    default="Correspondance « ${old} → ${new} » : le grade « ${new} » n'existe pas "
    "dans les référentiels en vigueur au ${effective}.",
)
MSG_MAPPING_OLD = _(
    "referential_mapping_old",
    default="Correspondance « ${old} → ${new} » : le grade « ${old} » est inconnu.",
)
MSG_MAPPING_FAILED = _(
    "referential_mapping_failed",
    default="Reclassement impossible pour le dossier « ${file} » : rien n'a été "
    "enregistré.",
)


class ReferentialError(SirhpError):
    """A version or a mapping refused; ``field`` names the row
    (``kind:code``)."""


def versions():
    """Every version, oldest first; the shipped tables when none is stored.

    :returns: list of ``{"effective": "YYYY-MM-DD", "tables": {...}}``.
    """
    return list(_parsed(api.portal.get_registry_record(RECORD, default=None) or ""))


@functools.lru_cache(maxsize=8)
def _parsed(raw):
    """The versions of one stored value, parsed once: vocabularies and
    retirement dates read the tables on every page. Shared structures: read
    them, copy (``copy.deepcopy``) before changing them."""
    stored = json.loads(raw) if raw else []
    if not stored:
        return ({"effective": defaults.FIRST_EFFECTIVE, "tables": defaults.tables()},)
    return tuple(sorted(stored, key=lambda v: v["effective"]))


def tables(*, at=None):
    """The tables ``{kind: {code: {...}}}`` in force on ``at`` (default:
    today; before the first version, the first version).

    :param at: a ``date``.
    :returns: dict.
    """
    at = at or date.today()
    all_versions = versions()
    version = rules.version_at(all_versions, at) or all_versions[0]
    return version["tables"]


def parse_date(value):
    """``value`` (a ``date`` or ``YYYY-MM-DD``) as a ``date``.

    :raises ReferentialError: not a date.
    """
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        raise ReferentialError(MSG_BAD_DATE, field="effective") from None


def validate(tables):
    """Check a whole set of tables (corps, grades, leave types, sanctions).

    :param tables: ``{kind: {code: {...}}}`` as ``tables()`` returns.
    :raises ReferentialError: the first problem, in French, naming the row
        (``error.field`` = ``kind:code``).
    """
    found = rules.problems(tables)
    if found:
        msgid, default, mapping, row = found[0]
        raise ReferentialError(_(msgid, default=default, mapping=mapping), field=row)


def add_version(*, effective, tables, today=None):
    """Store ``tables`` as a new version in force from ``effective``.

    A version in force never changes: ``effective`` must come after the
    version in force ``today``; a future version of the same date is
    replaced. Nothing is stored on error.

    :param effective: ``date`` or ``YYYY-MM-DD``.
    :param tables: ``{kind: {code: {...}}}``.
    :param today: the reference day (default: today).
    :returns: the stored version.
    :raises ReferentialError: a bad date or table (the row named).
    """
    effective = parse_date(effective)
    today = today or date.today()
    validate(tables)
    existing = versions()
    if not rules.may_take_effect(existing, effective, today):
        current = rules.version_at(existing, today)
        raise ReferentialError(
            Message(
                MSG_TOO_EARLY,
                mapping={
                    "effective": date.fromisoformat(current["effective"]).strftime(
                        "%d/%m/%Y"
                    )
                },
            ),
            field="effective",
        )
    # A JSON round trip: échelon numbers become strings as when read back.
    version = json.loads(
        json.dumps({"effective": effective.isoformat(), "tables": tables})
    )
    kept = [v for v in existing if v["effective"] != version["effective"]]
    api.portal.set_registry_record(
        RECORD, json.dumps(sorted(kept + [version], key=lambda v: v["effective"]))
    )
    notify(ReferentialsChanged(version, today))
    return version


def known_grades():
    """Every grade code of every version (old statutes included)."""
    return {code for version in versions() for code in version["tables"]["grades"]}


def _check_mapping(mapping, effective):
    if not isinstance(mapping, dict) or not mapping:
        raise ReferentialError(MSG_EMPTY_MAPPING, field="mapping")
    new_grades = tables(at=effective)["grades"]
    known = known_grades()
    for old, new in mapping.items():
        names = {"old": old, "new": new, "effective": effective.strftime("%d/%m/%Y")}
        if old not in known:
            raise ReferentialError(
                Message(MSG_MAPPING_OLD, mapping=names), field=f"grades:{old}"
            )
        if new not in new_grades:
            raise ReferentialError(
                Message(MSG_MAPPING_NEW, mapping=names), field=f"grades:{new}"
            )


def apply_mapping(*, mapping, effective, reference, container=None):
    """Reclassify every validated file holding an old grade: file in each
    one a ``CareerEvent`` (``reclassement``) dated ``effective`` whose
    ``resulting_grade`` is the new grade. All or nothing.

    The file's own grade is NOT changed: career acts do not drive the file
    yet.

    :param mapping: ``{old grade code: new grade code}``.
    :param effective: ``date`` or ``YYYY-MM-DD``.
    :param reference: the decision's reference (n° de décret...).
    :param container: where to look for files (default: the site); only the
        files the caller may see and add career acts to.
    :returns: the number of career acts filed.
    :raises ReferentialError: a bad mapping or date, or a file that refused
        the act (nothing filed then).
    """
    effective = parse_date(effective)
    _check_mapping(mapping, effective)
    brains = api.content.find(
        context=container or api.portal.get(),
        portal_type="PersonnelFile",
        review_state="validated",
        grade=list(mapping),
    )
    acts = []
    for brain in brains:
        file = brain.getObject()
        acts.append((file, {"resulting_grade": mapping[file.grade]}))
    try:
        filed = file_acts(
            acts=acts,
            event_type=MAPPING_EVENT_TYPE,
            event_date=effective,
            reference=reference,
            act_id="reclassement",
        )
    except CareerError as error:
        raise ReferentialError(
            Message(MSG_MAPPING_FAILED, mapping=error.message.mapping),
            field="mapping",
        ) from None
    return len(filed)
