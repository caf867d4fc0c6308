"""Careers, référentiels: versions take effect on their date, out of the
request. Until now a version was applied (retirement dates recomputed) only
in the request that added it, and only when already in force: a version
stored with a future effective date was never applied. Its date is recorded
as due, for the daily task (``referentials.api.apply_due``) to apply it on
that day. Versions already in force were applied when added. Re-runnable
and logged.
"""

from datetime import date
from sirhp.content.referentials import api as referentials
from sirhp.content.upgrades import logger


def upgrade(context, today=None):
    """Record as due every stored version dated after ``today``.

    :param context: ``portal_setup``.
    :param today: the reference day (default: today).
    """
    today = today or date.today()
    future = [
        version["effective"]
        for version in referentials.versions()
        if referentials.parse_date(version["effective"]) > today
    ]
    for effective in future:
        referentials.record_due(effective=effective)
    logger.info(
        "careers (référentiels): %s recorded as due",
        ", ".join(future) or "no future version",
    )
