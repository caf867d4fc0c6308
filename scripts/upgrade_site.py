"""Run the pending upgrade steps of the SIRHP profiles on the site.

Usage: .venv/bin/zconsole run var/instance/etc/zope.conf scripts/upgrade_site.py
(the same as Site setup -> Add-ons -> Upgrade, for scripts and cron).
"""

import os
from plone import api
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

SITE_ID = "sirhp"
PROFILES = ("sirhp.content:default", "sirhp.policy:default")


def main(app):
    app = makerequest(app)
    site = app[SITE_ID]
    setSite(site)
    setup = site.portal_setup
    with api.env.adopt_user(username=os.environ.get("SIRHP_ADMIN_USER", "admin")):
        for profile in PROFILES:
            before = setup.getLastVersionForProfile(profile)
            start = time.perf_counter()
            setup.upgradeProfile(profile)
            after = setup.getLastVersionForProfile(profile)
            print(
                f"{profile}: {before} -> {after} in {time.perf_counter() - start:.1f} s"
            )
    transaction.commit()


if __name__ == "__main__":
    main(app)  # noqa: F821 (zconsole provides app)
