"""The référentiels as the site has them: ``tables(at=...)``, new versions,
statute mappings, the work due when a version comes into force.

Stored as versions in the registry record ``sirhp.referentials.versions``
(JSON); an empty record means the shipped defaults
(``referentials.defaults``). The control panel (``@@referentiels-statut``)
and ``POST @referentials`` add versions through ``add_version``: every rule
of the tables is checked there (``rules.problems``,
``promotion_rules.problems``), and only there.

What derives from the tables (retirement dates) is recomputed OUT of the
request that adds a version: ``add_version`` records the version's date as
due, ``apply_due`` (the daily tasks ``scripts/daily.py``, or the
panel's "Recalculer maintenant") runs what is due on its date, once.
"""

from datetime import date
import functools
import json
from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.prefetch import prefetch_files
from sirhp.content.careers.api import CareerError
from sirhp.content.careers.collective import file_acts
from sirhp.content.documents.api import file_document
from sirhp.content.referentials import defaults
from sirhp.content.referentials import promotion_rules
from sirhp.content.referentials import rules
import transaction
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.i18nmessageid import Message

RECORD = "sirhp.referentials.versions"
# On the site: {"pending": [effective dates not yet applied], "last_run": day}
DUE_KEY = "sirhp.referentials.due"


class ReferentialsChanged:
    """A version was stored (in the request that adds it). Values derived
    from the tables follow when it comes into force: ``ReferentialsInForce``
    (``apply_due``), not here."""

    def __init__(self, version, today):
        self.version = version
        self.today = today
        self.effective = date.fromisoformat(version["effective"])


class ReferentialsInForce:
    """Versions came into force (``effectives``, ISO dates) by ``today``:
    the domains that derive values from the tables recompute them and say
    how many in ``results`` (``{name: count}``)."""

    def __init__(self, effectives, today):
        self.effectives = effectives
        self.today = today
        self.results = {}


# The career act a statute mapping files in every file it moves, and the
# type of the decision's scan filed beside it.
MAPPING_EVENT_TYPE = "reclassement"
MAPPING_DOCUMENT_TYPE = "decision-avancement"

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
    for version in stored:
        # versions stored before promotion rules existed: the shipped ones
        # (``upgrades/promotion_rules.py`` writes them into the record)
        version["tables"].setdefault("promotion_rules", defaults.PROMOTION_RULES)
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
    """Check a whole set of tables (corps, grades, leave types, sanctions,
    promotion rules: optional).

    :param tables: ``{kind: {code: {...}}}`` as ``tables()`` returns.
    :raises ReferentialError: the first problem, in French, naming the row
        (``error.field`` = ``kind:code``).
    """
    # the promotion rules name grades and sanction levels: checked once the
    # statute tables are valid
    found = rules.problems(tables) or promotion_rules.problems(tables)
    if found:
        msgid, default, mapping, row = found[0]
        raise ReferentialError(_(msgid, default=default, mapping=mapping), field=row)


def add_version(*, effective, tables, today=None):
    """Store ``tables`` as a new version in force from ``effective``.

    A version in force never changes: ``effective`` must come after the
    version in force ``today``; a future version of the same date is
    replaced. Nothing is stored on error. What derives from the tables is
    recorded as due on ``effective`` (``apply_due`` runs it), not run here.

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
    record_due(effective=version["effective"])
    notify(ReferentialsChanged(version, today))
    return version


def _due_state():
    annotations = IAnnotations(api.portal.get())
    return dict(annotations.get(DUE_KEY) or {"pending": [], "last_run": None})


def _store_due(state):
    # a new plain dict each time: the annotation is stored again
    IAnnotations(api.portal.get())[DUE_KEY] = {
        "pending": list(state["pending"]),
        "last_run": state["last_run"],
    }


def record_due(*, effective):
    """Record that the work derived from the tables is due on ``effective``
    (run by ``apply_due`` from that day). Recording it twice is harmless.

    :param effective: an ISO date (``YYYY-MM-DD``).
    """
    state = _due_state()
    state["pending"] = sorted(set(state["pending"]) | {effective})
    _store_due(state)


def due_status():
    """What the daily task still has to do.

    :returns: ``{"pending": [ISO dates of versions not yet applied],
        "last_run": ISO date of the last run or None}``.
    """
    return _due_state()


def apply_due(*, today=None):
    """Run the work due for the versions in force on ``today`` and not yet
    applied (a version in force when added, a future one from its date):
    every domain deriving values from the tables recomputes them
    (``ReferentialsInForce``: the retirement dates). Then record the run.
    Nothing to do, nothing recomputed. Re-runnable.

    :param today: the reference day (default: today).
    :returns: ``{"applied": [ISO dates], "pending": [ISO dates still
        waiting], "last_run": ISO date, "results": {name: count}}``.
    """
    today = today or date.today()
    state = _due_state()
    applied, waiting = rules.split_due(state["pending"], today)
    event = ReferentialsInForce(applied, today)
    if applied:
        notify(event)
    _store_due({"pending": waiting, "last_run": today.isoformat()})
    return {
        "applied": applied,
        "pending": waiting,
        "last_run": today.isoformat(),
        "results": event.results,
    }


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


def _holders(mapping, effective, container):
    """The validated files holding an old grade of ``mapping``, under
    ``container`` (as the current user sees them), once the mapping is
    checked."""
    _check_mapping(mapping, effective)
    return api.content.find(
        context=container or api.portal.get(),
        portal_type="PersonnelFile",
        review_state="validated",
        grade=list(mapping),
    )


def preview_mapping(*, mapping, effective, container=None):
    """How many holders each row of a statute mapping would move: a dry
    run of ``apply_mapping`` (the same checks), nothing stored.

    :param mapping: ``{old grade code: new grade code}``.
    :param effective: ``date`` or ``YYYY-MM-DD``.
    :param container: where to look for files (default: the site).
    :returns: ``{old grade code: number of validated files}``, every old
        grade of ``mapping`` present.
    :raises ReferentialError: a bad mapping or date.
    """
    effective = parse_date(effective)
    brains = _holders(mapping, effective, container)
    counts = dict.fromkeys(mapping, 0)
    for brain in brains:
        if brain.grade in counts:
            counts[brain.grade] += 1
    return counts


def apply_mapping(*, mapping, effective, reference, container=None, scan=None):
    """Reclassify every validated file holding an old grade: file in each
    one a ``CareerEvent`` (``reclassement``) dated ``effective`` whose
    ``resulting_grade`` is the new grade. All or nothing.

    The file's own grade is not changed here: each reclassement is a draft
    act, which drives the file once validated (``careers.apply``). Over
    ZEO or RelStorage the holders are asked for first, in a few requests
    (``base.prefetch``).

    :param mapping: ``{old grade code: new grade code}``.
    :param effective: ``date`` or ``YYYY-MM-DD``.
    :param reference: the decision's reference (n° de décret...).
    :param container: where to look for files (default: the site); only the
        files the caller may see and add career acts to.
    :param scan: optional ``(pdf bytes, filename)`` of the decision, filed
        as a draft document (``MAPPING_DOCUMENT_TYPE``) in every moved file.
    :returns: the number of career acts filed.
    :raises ReferentialError: a bad mapping or date, or a file that refused
        the act or the scan (nothing filed then).
    """
    effective = parse_date(effective)
    brains = list(_holders(mapping, effective, container))
    # over ZEO or RelStorage: the files in a few requests, not one per object
    prefetch_files(api.portal.get(), [brain.getPath() for brain in brains])
    acts = []
    for brain in brains:
        file = brain.getObject()
        acts.append((file, {"resulting_grade": mapping[file.grade]}))
    savepoint = transaction.savepoint()
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
    if scan:
        _file_scan(acts, scan, savepoint)
    return len(filed)


def _file_scan(acts, scan, savepoint):
    data, filename = scan
    for file, _values in acts:
        try:
            file_document(
                file=file,
                document_type=MAPPING_DOCUMENT_TYPE,
                data=data,
                filename=filename or "decision.pdf",
                source="upload",
            )
        except ConflictError:
            raise  # the publisher retries the whole request
        except Exception:
            savepoint.rollback()
            raise ReferentialError(
                Message(MSG_MAPPING_FAILED, mapping={"file": file.Title()}),
                field="scan",
            ) from None
