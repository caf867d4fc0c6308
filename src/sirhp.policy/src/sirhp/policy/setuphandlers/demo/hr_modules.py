"""Demo training and annual evaluation of the Police nationale, run through
their APIs and workflows as their users would, so that ``make start`` shows
these modules with data: the training catalogue, a closed session (training
acts and certificates in the files, coverage figures) and a planned one; the
2026 evaluation campaign opened for every active officer, the demo
commander's unit at every step (validated, contested then revised, waiting
for the officer, filled, empty).

Deterministic: participants, results and marks come from a seeded
generator over the files sorted by matricule, every date from
``REFERENCE_DATE``, including the day an evaluation was notified (the
officer's window to answer runs from it, whatever day the demo is built).
"""

from DateTime import DateTime
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api
import random
from sirhp.content.content.record_names import numbered_names
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.training import api as training_api
from sirhp.policy.setuphandlers.demo.files import DEFAULT_SEED
from sirhp.policy.setuphandlers.demo.files import REFERENCE_DATE
from sirhp.policy.setuphandlers.demo.units import COMMANDED_UNIT

AGENCY = "police-nationale"
HR = "hrmanager.pn"
COMMANDER = "commander.pn"

COURSES = (
    {
        "id": "police-de-proximite",
        "title": "Police de proximité et partenariat avec la population",
        "code": "PROX",
        "domain": "proximity",
        "hours": 40,
        "certificate": True,
        "certificate_years": 3,
    },
    {
        "id": "genre-et-securite",
        "title": "Genre et sécurité : accueil des victimes de violences basées "
        "sur le genre",
        "code": "GENRE",
        "domain": "gender",
        "hours": 24,
        "certificate": True,
        "certificate_years": 2,
    },
    {
        "id": "droits-humains",
        "title": "Droits humains et usage de la force",
        "code": "DH",
        "domain": "human_rights",
        "hours": 16,
        "certificate": False,
    },
)
CLOSED_SESSION = {
    "id": "police-de-proximite-2026-1",
    "title": "Police de proximité — session 1/2026",
    "course_code": "PROX",
    "start": REFERENCE_DATE - timedelta(days=180),
    "end": REFERENCE_DATE - timedelta(days=171),
    "place": "École nationale de police, Bamako",
    "trainers": "Commissaire divisionnaire Mamadou Sissoko",
    "capacity": 15,
}
CLOSED_PARTICIPANTS = 12
PLANNED_SESSION = {
    "id": "genre-et-securite-2027-1",
    "title": "Genre et sécurité — session 1/2027",
    "course_code": "GENRE",
    "start": REFERENCE_DATE + timedelta(days=65),
    "end": REFERENCE_DATE + timedelta(days=69),
    "place": "Direction régionale de Ségou",
    "trainers": "Commissaire Aïssata Koné",
    "capacity": 20,
}
PLANNED_PARTICIPANTS = 6

CAMPAIGN = {
    "year": REFERENCE_DATE.year,
    "grid": {
        "Discipline et tenue": 30,
        "Efficacité": 30,
        "Police de proximité": 20,
        "Esprit d'initiative": 20,
    },
    "evaluation_deadline": REFERENCE_DATE + timedelta(days=44),
    "acknowledge_days": 15,
}
OPENED_ON = REFERENCE_DATE - timedelta(days=31)
NOTIFIED_ON = REFERENCE_DATE - timedelta(days=20)
# the criterion the contest is about, raised by the revision
REVISED_CRITERION = "Esprit d'initiative"
# the day each step of an evaluation is dated in its history
EVALUATION_DAYS = {
    None: OPENED_ON,
    "submit": NOTIFIED_ON,
    "acknowledge": NOTIFIED_ON + timedelta(days=3),
    "contest": NOTIFIED_ON + timedelta(days=4),
    "validate": NOTIFIED_ON + timedelta(days=8),
    "revise": NOTIFIED_ON + timedelta(days=9),
}
SESSION_DAYS = {
    None: CLOSED_SESSION["start"] - timedelta(days=30),
    "record": CLOSED_SESSION["end"] + timedelta(days=2),
    "close": CLOSED_SESSION["end"] + timedelta(days=5),
}
ASSESSMENTS = (
    "Agent ponctuel et discipliné, apprécié de la population du quartier.",
    "Bon élément ; doit gagner en initiative lors des patrouilles.",
    "Travail régulier, rédaction des procès-verbaux à améliorer.",
)
# the demo commander's unit, officer by officer (sorted by matricule): the
# step each evaluation is left at
STEPS = ("validated", "revised", "to_acknowledge", "filled", "draft")
CONTEST_REASONS = (
    "La note d'initiative ne tient pas compte de l'opération de sécurisation "
    "du marché de Médine que j'ai coordonnée en juin."
)
REVISION_REASON = (
    "Contestation fondée : l'opération du marché de Médine est attestée par le "
    "rapport du commissaire ; note d'initiative relevée."
)


def dated(obj, days):
    """Date the workflow history of ``obj`` (made now, through its
    workflow) by the demo's calendar: each entry at 9:30 on the day
    ``days`` gives its action (``None``: the creation), the history's order
    kept; then the catalog's copy."""
    for workflow, entries in obj.workflow_history.items():
        obj.workflow_history[workflow] = tuple(
            {**entry, "time": DateTime(datetime.combine(day, time(9, 30)).isoformat())}
            if (day := days.get(entry.get("action"))) is not None
            else entry
            for entry in entries
        )
    obj.reindexObject()


def _files(portal, **query):
    """Validated active files of the agency, sorted by matricule, as its HR
    manager finds them."""
    with api.env.adopt_user(username=HR):
        brains = api.content.find(
            portal_type="PersonnelFile",
            path="/".join(portal[AGENCY].getPhysicalPath()),
            review_state="validated",
            personnel_status="active",
            sort_on="getId",
            **query,
        )
        return [brain.getObject() for brain in brains]


@numbered_names()  # reproducible names (record_names)
def create_demo_training(portal, seed=DEFAULT_SEED, closer=None):
    """The catalogue, a closed session (results recorded by HR, closed by
    ``closer``, default the current user — the site's administrator when
    the demo is built: four eyes — acts and certificates filed) and a
    planned session with its first nominations.

    :returns: ``{"courses", "sessions", "acts"}``: how many of each.
    """
    rng = random.Random(seed + 16)
    closer = closer or api.user.get_current().getId()
    agency = portal[AGENCY]
    files = _files(portal)
    with api.env.adopt_user(username=HR):
        for course in COURSES:
            api.content.create(container=agency, type="TrainingCourse", **course)
        closed = api.content.create(
            container=agency, type="TrainingSession", **CLOSED_SESSION
        )
        chosen = rng.sample(files, min(CLOSED_PARTICIPANTS, len(files)))
        for index, file in enumerate(chosen):
            training_api.nominate(session=closed, file=file)
            result, score = "passed", rng.randrange(24, 37) / 2
            if index == 3:
                result, score = "failed", 8.5
            elif index == 7:
                result, score = "absent", None
            training_api.record_result(
                session=closed, file=file, result=result, score=score
            )
        if chosen:
            api.content.transition(obj=closed, transition="record")
        planned = api.content.create(
            container=agency, type="TrainingSession", **PLANNED_SESSION
        )
        others = [file for file in files if file not in chosen]
        for file in rng.sample(others, min(PLANNED_PARTICIPANTS, len(others))):
            training_api.nominate(session=planned, file=file)
    acts = []
    if chosen:
        with api.env.adopt_user(username=closer):
            api.content.transition(obj=closed, transition="close")
        dated(closed, SESSION_DAYS)
        name = f"formation-{closed.getId()}"
        acts = [file[name] for file in chosen if name in file]
    return {"courses": len(COURSES), "sessions": 2, "acts": len(acts)}


def _marks(rng, grid):
    return {criterion: rng.randrange(22, 35) / 2 for criterion in grid}


def _officer_exists(evaluation):
    return api.user.get(username=evaluation_api.officer_of(evaluation)) is not None


def _take_step(evaluation, step, rng, index):
    """Bring ``evaluation`` (a draft) to ``step`` as its actors would; the
    day it was notified is then the demo's (``NOTIFIED_ON``), not the
    build's."""
    if step == "draft":
        return
    with api.env.adopt_user(username=COMMANDER):
        evaluation_api.set_marks(
            evaluation=evaluation,
            marks=_marks(rng, evaluation.grid),
            assessment=ASSESSMENTS[index % len(ASSESSMENTS)],
        )
        if step == "filled":
            return
        api.content.transition(obj=evaluation, transition="submit")
    if step != "to_acknowledge" and _officer_exists(evaluation):
        _answer(evaluation, contest=step == "revised")
    evaluation.notified_on = NOTIFIED_ON
    dated(evaluation, EVALUATION_DAYS)


def _answer(evaluation, contest):
    """The officer acknowledges (HR validates) or contests (HR revises)."""
    with api.env.adopt_user(username=evaluation_api.officer_of(evaluation)):
        if contest:
            api.content.transition(
                obj=evaluation, transition="contest", comment=CONTEST_REASONS
            )
        else:
            api.content.transition(
                obj=evaluation,
                transition="acknowledge",
                comment="Pris connaissance, merci.",
            )
    with api.env.adopt_user(username=HR):
        if contest:
            marks = dict(evaluation.marks)
            raised = float(marks[REVISED_CRITERION]) + 2.5
            marks[REVISED_CRITERION] = min(20, raised)
            evaluation_api.revise(
                evaluation=evaluation, reason=REVISION_REASON, marks=marks
            )
        else:
            api.content.transition(obj=evaluation, transition="validate")


def create_demo_evaluation(portal, seed=DEFAULT_SEED):
    """The 2026 campaign of the Police nationale: created and opened by HR
    (one draft evaluation per active officer); in the demo commander's unit
    one evaluation per step of ``STEPS`` (validated, contested and revised,
    waiting for the officer, filled but not submitted, empty), the others
    left to fill.

    :returns: ``{"campaigns", "evaluations", "steps"}``: the campaign count,
        the evaluations created, ``{step: count}`` in the commander's unit.
    """
    rng = random.Random(seed + 17)
    agency = portal[AGENCY]
    with api.env.adopt_user(username=HR):
        campaign = evaluation_api.create_campaign(agency=agency, **CAMPAIGN)
        created = evaluation_api.open_campaign(campaign=campaign)
    unit = portal[COMMANDED_UNIT[0]].unrestrictedTraverse(COMMANDED_UNIT[1])
    name = evaluation_api.evaluation_id(campaign)
    steps = {}
    team = [file for file in _files(portal, unit=unit.UID()) if name in file]
    for index, (file, step) in enumerate(zip(team, STEPS, strict=False)):
        _take_step(file[name], step, rng, index)
        steps[step] = steps.get(step, 0) + 1
    return {"campaigns": 1, "evaluations": created, "steps": steps}
