"""Mark expired the badges past their expiry date (run daily, e.g. from cron).

Usage: .venv/bin/zconsole run var/instance/etc/zope.conf scripts/expire_badges.py
"""

from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite

SITE_ID = "sirhp"


def main(app):
    app = makerequest(app)
    site = app[SITE_ID]
    setSite(site)
    from sirhp.policy.badges.workflow import expire_overdue

    numbers = expire_overdue()
    transaction.commit()
    print(f"{len(numbers)} badge(s) marked expired: {', '.join(numbers) or '-'}")


if __name__ == "__main__":
    main(app)  # noqa: F821 (zconsole provides app)
