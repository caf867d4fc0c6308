"""Prepare the load run on a demo site (zconsole) and write its plan.

Usage: zconsole run <client>/etc/zope.conf benchmarks/load_setup.py PLAN.json

Run by ``benchmarks/load_run.py`` once, on the demo site it created, before
the snapshot both rounds start from. It raises the public verification
limit (every Locust user comes from one address, nginx's) and writes, for
``benchmarks/locustfile.py``, the paths below the site root (nginx serves
the site at ``/``): validated active files of each agency (where the clerks
add records), the officers' logins, the verification pages of issued cards.
"""

import json
from plone import api
from sirhp.content.badges.api import verification_url
from sirhp.policy import config
import sys
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite

# staff accounts of the demo per agency (sirhp.policy.setuphandlers.demo.people)
AGENCIES = {
    "police-nationale": {"clerk": "clerk.pn", "reviewer": "reviewer.pn"},
    "ocs": {"clerk": "clerk.ocs", "reviewer": "reviewer.ocs"},
}
FILES_PER_AGENCY = 40  # clerks spread over many files: few write conflicts
OFFICERS = 60
VERIFY_MARK = "/@@carte/"


def site_path(site, obj):
    """``obj``'s path below the site: what the client asks nginx for."""
    return obj.absolute_url_path()[len(site.absolute_url_path()) :] or "/"


def plan(site):
    catalog = site.portal_catalog
    agencies = {}
    for agency, accounts in AGENCIES.items():
        brains = catalog.unrestrictedSearchResults(
            portal_type="PersonnelFile",
            review_state="validated",
            personnel_status="active",
            agency=agency,
            sort_on="matricule",
        )[:FILES_PER_AGENCY]
        agencies[agency] = {
            **accounts,
            "files": [site_path(site, b._unrestrictedGetObject()) for b in brains],
            "matricules": [b.matricule for b in brains],
        }
    officers = sorted(
        user.getId() for user in api.user.get_users(groupname=config.OFFICERS_GROUP)
    )[:OFFICERS]
    badges = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Badge", review_state="issued", sort_on="path"
    ):
        url = verification_url(badge=brain._unrestrictedGetObject())
        badges.append(VERIFY_MARK + url.split(VERIFY_MARK, 1)[1])
    return {"agencies": agencies, "officers": officers, "badges": badges}


def main(app, output):
    app = makerequest(app)
    site = app["sirhp"]
    setSite(site)
    with api.env.adopt_roles(["Manager"]):
        # the load comes from one address (nginx): the per-address limit of
        # the public page would answer 429 to the citizens of the run
        api.portal.set_registry_record("sirhp.badge.verifications_per_minute", 10000)
        result = plan(site)
    transaction.commit()
    missing = [name for name in ("officers", "badges") if not result[name]]
    missing += [a for a, v in result["agencies"].items() if not v["files"]]
    if missing:
        raise SystemExit(f"the demo site has no {', '.join(missing)}")
    with open(output, "w") as handle:
        json.dump(result, handle, indent=1)
    print(
        f"load plan: {sum(len(a['files']) for a in result['agencies'].values())} "
        f"files, {len(result['officers'])} officers, {len(result['badges'])} cards"
    )


if __name__ == "__main__":
    main(app, sys.argv[-1])  # noqa: F821 (zconsole provides app)
