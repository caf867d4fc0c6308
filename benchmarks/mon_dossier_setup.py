"""Prepare the Mon dossier benchmark on the bench site (zconsole).

Usage: zconsole run var/bench/etc/zope.conf benchmarks/mon_dossier_setup.py OUTPUT.json

The bench site is generated without officer accounts: this gives 10 active
validated files an account (password ``SIRHP_BENCH_OFFICER_PASSWORD``,
default below), two change requests each (one approved), and writes their
logins to OUTPUT.json. Re-runnable.
"""

import json
import os
from plone import api
import sys
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite

PASSWORD = os.environ.get("SIRHP_BENCH_OFFICER_PASSWORD", "Agent-bench-2026")
COUNT = 10


def main(app, output):
    app = makerequest(app)
    site = app["sirhp"]
    setSite(site)
    from sirhp.content.changes import api as changes
    from sirhp.policy import config

    catalog = site.portal_catalog
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        personnel_status="active",
        agency="police-nationale",
        sort_on="matricule",
        sort_order="descending",
    )[:COUNT]
    logins = []
    with api.env.adopt_user(username="admin"):
        for brain in brains:
            file = brain._unrestrictedGetObject()
            login = file.matricule
            if api.user.get(userid=login) is None:
                api.user.create(
                    username=login,
                    email=f"{login.lower()}@agents.sirhp.invalid",
                    password=PASSWORD,
                    properties={"fullname": file.full_name},
                )
                api.group.add_user(groupname=config.OFFICERS_GROUP, username=login)
            existing = [
                o for o in file.objectValues() if o.portal_type == "ChangeRequest"
            ]
            if not existing:
                with api.env.adopt_user(username=login):
                    first = changes.propose(
                        target=file,
                        changes={"birth_place": "Ségou"},
                        justification="Acte de naissance",
                        kind="officer",
                    )
                    changes.propose(
                        target=file,
                        changes={"phone": "+223 70 00 00 01"},
                        justification="Nouveau numéro",
                        kind="officer",
                    )
                with api.env.adopt_user(username="reviewer.pn"):
                    api.content.transition(
                        obj=first, transition="approve", comment="OK"
                    )
            logins.append(login)
    transaction.commit()
    with open(output, "w") as handle:
        json.dump({"logins": logins, "password": PASSWORD}, handle)
    print(f"{len(logins)} officer accounts ready")


if __name__ == "__main__":
    main(app, sys.argv[-1])  # noqa: F821 (zconsole provides app)
