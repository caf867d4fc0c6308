"""Career acts drive the file: its grade, échelon, unit, position and
administrative status are written from its VALIDATED acts, from their date
of effect, and never typed twice.

``apply_acts`` writes one file (run when an act is validated or leaves the
validated state: ``careers.subscribers``); ``apply_due`` writes the files
whose acts start or end since the last run (the daily job,
``scripts/daily.py``, ``sirhp.policy.daily``). Neither is reachable by a user request: acts
are validated by a second person (four eyes, ``sirhp.policy.workflow``)
before anything here runs. Reads (``@career``, the file page) compute the
situation live (``careers.api``) and are right before the job runs.
"""

from Acquisition import aq_base
from datetime import date
from datetime import timedelta
import logging
from plone import api
from plone.app.uuid.utils import uuidToObject
from sirhp.content.base.hooks import journal
from sirhp.content.careers import api as careers
from sirhp.content.careers import rules
from sirhp.content.changes.review import CHANGE_NOTE_KEY
from sirhp.content.referentials import api as referentials
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified

logger = logging.getLogger("sirhp.content.careers")

# The journal's action (``sirhp.policy.audit.journal``).
APPLIED = "careers.applied"
# What the written fields feed in the catalog (indexes and metadata).
INDEXES = (
    "grade",
    "corps",
    "unit",
    "region",
    "personnel_status",
    "retirement_date",
    "SearchableText",
)
# Site annotation: the last day ``apply_due`` ran up to.
LAST_RUN_KEY = "sirhp.careers.last_applied"


def _write(file, name, value):
    if name == "unit":
        unit = uuidToObject(value) if value else None
        file.unit = (
            RelationValue(getUtility(IIntIds).getId(unit)) if unit is not None else None
        )
    else:
        setattr(file, name, value)


def _modified(file, note):
    """Tell the site the file changed (its version named by ``note``, the
    badges of a departed officer, its records' unit, its local roles). The
    note of a change request being approved (on the act) is put back."""
    request = getRequest()
    annotations = IAnnotations(request) if request is not None else {}
    previous = annotations.get(CHANGE_NOTE_KEY)
    annotations[CHANGE_NOTE_KEY] = note
    try:
        modified(file)
    finally:
        if previous is None:
            annotations.pop(CHANGE_NOTE_KEY, None)
        else:
            annotations[CHANGE_NOTE_KEY] = previous


def apply_acts(*, file, today=None, reference=None):
    """Write on ``file`` what its validated acts make its situation on
    ``today``: grade, grade date, échelon, échelon date, unit, status,
    position, and the corps when the grade belongs to another corps. Only
    what differs is written; the file is reindexed and ``careers.applied``
    journaled (changed fields, act reference).

    :param file: a personnel file.
    :param today: a ``date`` (default: today).
    :param reference: the reference of the act that caused the run, for the
        journal (default: none).
    :returns: the names of the fields changed (empty: nothing written).
    """
    today = today or date.today()
    # As the system: every validated act counts, whoever validated it, and
    # the validator may lack Modify on a validated file. Safe because only
    # a validated act (four eyes) or the daily job leads here.
    with api.env.adopt_roles(["Manager"]):
        before = careers.stored(file=file)
        wanted = careers.situation(file=file, at=today)
        changed = rules.changed_fields(before, wanted)
        corps = rules.corps_of(wanted["grade"], referentials.tables(at=today))
        if corps is not None and corps != before["corps"]:
            changed.append("corps")
            wanted["corps"] = corps
        if not changed:
            return []
        if getattr(aq_base(file), careers.BASELINE, None) is None:
            baseline = dict(before)
            del baseline["unit_title"]
            setattr(file, careers.BASELINE, baseline)
        for name in changed:
            _write(file, name, wanted[name])
        _modified(file, f"Actes de carrière appliqués au {today.isoformat()}")
        file.reindexObject(idxs=list(INDEXES))
    detail = ", ".join(changed)
    if reference:
        detail += f" ; acte : {reference}"
    journal(APPLIED, obj=file, request=getRequest(), detail=detail)
    logger.info("%s: %s", "/".join(file.getPhysicalPath()), detail)
    return changed


def _due_acts(since, today):
    """Brains of the validated acts starting, or ending (the day after their
    end date), in ``(since, today]`` (``since`` ``None``: every validated
    act)."""
    catalog = api.portal.get_tool("portal_catalog")
    query = {"portal_type": "CareerEvent", "review_state": "validated"}
    if since is None:
        return list(catalog.unrestrictedSearchResults(**query))
    starts = catalog.unrestrictedSearchResults(
        event_date={"query": (since + timedelta(days=1), today), "range": "min:max"},
        **query,
    )
    ends = catalog.unrestrictedSearchResults(
        event_end_date={
            "query": (since, today - timedelta(days=1)),
            "range": "min:max",
        },
        **query,
    )
    return list(starts) + list(ends)


def last_run():
    """The last day ``apply_due`` ran up to (``None``: never)."""
    return IAnnotations(api.portal.get()).get(LAST_RUN_KEY)


def apply_due(*, today=None, since=None):
    """Write the files whose validated acts take effect, or end, after
    ``since`` and up to ``today`` (the daily job; catalog only).

    :param today: a ``date`` (default: today).
    :param since: a ``date`` (default: the last run; first run: every file
        with a validated act). Recorded as ``today`` after the run.
    :returns: the number of files changed.
    """
    today = today or date.today()
    if since is None:
        since = last_run()
    references = {}
    for brain in _due_acts(since, today):
        file_path = brain.getPath().rsplit("/", 1)[0]
        references.setdefault(file_path, [])
        act = brain._unrestrictedGetObject()
        if getattr(act, "reference", None):
            references[file_path].append(act.reference)
    portal = api.portal.get()
    count = 0
    for file_path in sorted(references):
        file = portal.unrestrictedTraverse(file_path)
        reference = ", ".join(dict.fromkeys(references[file_path])) or None
        if apply_acts(file=file, today=today, reference=reference):
            count += 1
    IAnnotations(portal)[LAST_RUN_KEY] = today
    logger.info("Career acts due up to %s: %d file(s) changed", today, count)
    return count
