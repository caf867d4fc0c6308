"""Run the work due on the référentiels versions in force (run daily, e.g.
from cron): a version added with a future effective date takes effect on
its date, and what derives from the tables (retirement dates) is
recomputed out of any user request.

Usage: .venv/bin/zconsole run var/instance/etc/zope.conf scripts/referentials_daily.py
"""

from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite

SITE_ID = "sirhp"


def main(app):
    app = makerequest(app)
    site = app[SITE_ID]
    setSite(site)
    from plone import api
    from sirhp.content.referentials.api import apply_due

    with api.env.adopt_roles(["Manager"]):
        done = apply_due()
    transaction.commit()
    results = ", ".join(f"{name}: {count}" for name, count in done["results"].items())
    print(
        f"référentiels: versions applied {', '.join(done['applied']) or '-'}; "
        f"recomputed {results or '-'}; still waiting {', '.join(done['pending']) or '-'}"
    )


if __name__ == "__main__":
    main(app)  # noqa: F821 (zconsole provides app)
