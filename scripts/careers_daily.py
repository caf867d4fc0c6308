"""Write on the files the career acts that take effect or end today (run
daily, e.g. from cron, after midnight): acts dated in the future count from
their date of effect, period acts stop counting the day after their end.

Usage: .venv/bin/zconsole run var/instance/etc/zope.conf scripts/careers_daily.py
"""

from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite

SITE_ID = "sirhp"


def main(app):
    app = makerequest(app)
    site = app[SITE_ID]
    setSite(site)
    from sirhp.content.careers.apply import apply_due

    count = apply_due()
    transaction.commit()
    print(f"Actes de carrière appliqués : {count} dossier(s) mis à jour.")


if __name__ == "__main__":
    main(app)  # noqa: F821 (zconsole provides app)
