"""Demo photos and badges: every step of a card's life."""

from plone import api
from sirhp.content.badges.api import create_print_batch
from sirhp.content.badges.api import set_photo
from sirhp.content.content.record_names import numbered_names
from sirhp.policy.setuphandlers.demo.files import DEFAULT_SEED
from sirhp.policy.setuphandlers.photos import synthetic_photo


@numbered_names()  # reproducible names (record_names)
def create_demo_badges(portal, count=40, seed=DEFAULT_SEED):
    """Photos and badges for the first ``count`` active validated files.

    Every file gets a synthetic photo and a badge request (by the agency's
    demo clerk); two thirds are printed in one batch per agency, half of
    those are issued: the demo shows every step of the card's life.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        personnel_status="active",
        sort_on="matricule",
    )[:count]
    to_print = {}
    for index, brain in enumerate(brains):
        file = brain._unrestrictedGetObject()
        clerk = "clerk.ocs" if brain.agency == "ocs" else "clerk.pn"
        set_photo(file=file, data=synthetic_photo(seed + index))
        file.reindexObject(idxs=["modified"])
        with api.env.adopt_user(username=clerk):
            badge = api.content.create(
                container=file, type="Badge", id="carte", safe_id=True
            )
        if index % 3 != 2:
            to_print.setdefault((brain.agency, clerk), []).append(badge)
    for (agency_id, clerk), badges in sorted(to_print.items()):
        with api.env.adopt_user(username=clerk):
            create_print_batch(
                agency=portal[agency_id], badges=[b.UID() for b in badges]
            )
            for badge in badges[::2]:
                api.content.transition(obj=badge, transition="issue")
    return len(brains)
