"""The daily tasks in one command (run from cron after midnight, see
etc/crontab.example): référentiels versions coming into force, career acts
starting or ending, retirement acts due, expired badges
(``sirhp.policy.daily``). One French line per task; exit status 1 if any
task failed (the others still run).

Usage: .venv/bin/zconsole run var/instance/etc/zope.conf scripts/daily.py [--today AAAA-MM-JJ]
       (make daily)
"""

import argparse
from datetime import date
import sys
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

SITE_ID = "sirhp"


def main(app, argv):
    parser = argparse.ArgumentParser(description="Tâches quotidiennes de SIRHP")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="rejouer une journée passée (AAAA-MM-JJ) ; par défaut : aujourd'hui",
    )
    args = parser.parse_args(argv)
    if args.today and args.today > date.today():
        # the workflows' guards (badge expiry) read the clock: no future day
        parser.error("--today : une journée passée ou aujourd'hui")
    app = makerequest(app)
    site = app[SITE_ID]
    setSite(site)
    from sirhp.policy import daily

    results = daily.run(today=args.today)
    for line in daily.report(results):
        print(line)
    return 1 if daily.failed(results) else 0


def _script_args(argv):
    """The arguments after this script's path (zconsole passes its own too)."""
    for index, arg in enumerate(argv):
        if arg.endswith("daily.py"):
            return argv[index + 1 :]
    return argv[1:]


if __name__ == "__main__":
    sys.exit(main(app, _script_args(sys.argv)))  # noqa: F821 (zconsole provides app)
