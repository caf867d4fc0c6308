"""The daily tasks of the site, in one run (``scripts/daily.py``, from cron
after midnight; ``etc/crontab.example``).

In this order, because each may need the previous one: the référentiels
versions coming into force (age limits, hence retirement dates), the career
acts starting or ending (statuses), the retirement acts due, the badges past
their expiry date. Each task runs in its own transaction: a failure is
reported and aborts that task only. Every task is re-runnable, and replays
a past day with ``today``. None is reachable by a user request.
"""

from datetime import date
import logging
from plone import api
from sirhp.content.careers import apply as careers_apply
from sirhp.content.evaluation import api as evaluation
from sirhp.content.referentials import api as referentials
from sirhp.content.retirement import api as retirement
from sirhp.policy import _
from sirhp.policy.badges.workflow import expire_overdue
import transaction
from zope.i18n import translate
from zope.i18nmessageid import Message

logger = logging.getLogger("sirhp.policy.daily")

MSG_REFERENTIALS = _(
    "daily_referentials",
    default="Référentiels : ${count} version(s) entrée(s) en vigueur.",
)
MSG_CAREERS = _(
    "daily_careers",
    default="Actes de carrière appliqués : ${count} dossier(s) mis à jour.",
)
MSG_RETIREMENTS = _(
    "daily_retirements",
    default="Départs à la retraite proposés : ${count} acte(s) en attente de "
    "validation.",
)
MSG_BADGES = _("daily_badges", default="Cartes expirées : ${count}.")
MSG_EVALUATIONS = _(
    "daily_evaluations",
    default="Évaluations tenues pour connues (délai dépassé) : ${count}.",
)
MSG_FAILED = _(
    "daily_failed",
    default="ÉCHEC de la tâche « ${task} » : ${error} (les autres tâches ont "
    "été exécutées).",
)


def referentials_due(today):
    # as the system: the recomputed retirement dates write every file
    with api.env.adopt_roles(["Manager"]):
        return len(referentials.apply_due(today=today)["applied"])


def careers_due(today):
    return careers_apply.apply_due(today=today)


def retirements_due(today):
    return len(retirement.propose_due(today=today))


def badges_due(today):
    return len(expire_overdue(today))


def evaluations_due(today):
    return len(evaluation.acknowledge_overdue(today=today))


# (task, function of ``today`` returning a count, message of the count,
# name of the task in a failure message)
TASKS = (
    (
        "referentials",
        referentials_due,
        MSG_REFERENTIALS,
        _("daily_task_referentials", default="référentiels en vigueur"),
    ),
    (
        "careers",
        careers_due,
        MSG_CAREERS,
        _("daily_task_careers", default="actes de carrière"),
    ),
    (
        "retirements",
        retirements_due,
        MSG_RETIREMENTS,
        _("daily_task_retirements", default="départs à la retraite"),
    ),
    (
        "badges",
        badges_due,
        MSG_BADGES,
        _("daily_task_badges", default="cartes expirées"),
    ),
    (
        "evaluations",
        evaluations_due,
        MSG_EVALUATIONS,
        _("daily_task_evaluations", default="évaluations sans réponse"),
    ),
)


def _run_one(function, today, commit):
    """``function(today)`` in its own transaction (``commit``), or in a
    savepoint rolled back on failure (in-process tests, which must not
    commit)."""
    if commit:
        transaction.begin()
        try:
            count = function(today)
            transaction.commit()
        except Exception:
            transaction.abort()
            raise
        return count
    savepoint = transaction.savepoint()
    try:
        return function(today)
    except Exception:
        savepoint.rollback()
        raise


def run(*, today=None, commit=True):
    """Run every daily task, in order, each on its own; a failing task is
    logged and the next ones still run.

    :param today: the day to run (default: today); an earlier day replays it.
    :param commit: commit each task (the script); False: savepoints only.
    :returns: ``[(task, count or the exception raised)]``, in order.
    """
    today = today or date.today()
    results = []
    for name, function, _message, _label in TASKS:
        try:
            results.append((name, _run_one(function, today, commit)))
        except Exception as error:
            logger.exception("Daily task %s failed for %s", name, today)
            results.append((name, error))
    return results


def report(results, language="fr"):
    """One line per task of ``run``'s results, in ``language``."""
    messages = {name: (message, label) for name, _function, message, label in TASKS}
    lines = []
    for name, outcome in results:
        if isinstance(outcome, Exception):
            label = translate(messages[name][1], target_language=language)
            error = f"{type(outcome).__name__}: {outcome}"
            message = Message(MSG_FAILED, mapping={"task": label, "error": error})
        else:
            message = Message(messages[name][0], mapping={"count": outcome})
        lines.append(translate(message, target_language=language))
    return lines


def failed(results):
    """Did any task fail?"""
    return any(isinstance(outcome, Exception) for _name, outcome in results)
