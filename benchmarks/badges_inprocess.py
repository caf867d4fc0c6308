"""Badge benchmarks, in process: cards per second for a batch of 500.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/badges_inprocess.py OUTPUT.json

On the bench site (``make demo``) it first makes sure 520 active validated
files have a synthetic photo and a requested badge (committed once), then:
- renders the 500 cards (``card`` and ``a4`` layouts) without changing them;
- runs the whole batch (transitions, snapshot, PDF, batch record) as
  clerk.pn and aborts it, so the benchmark can be run again;
- prints and commits 20 cards (5 of them revoked) for the verification
  benchmark, and writes their public URLs with the figures.
"""

import json
from plone import api
import sys
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

BATCH = 500


def ensure_badges(site, count):
    from sirhp.content.badges.api import set_photo
    from sirhp.policy.setuphandlers.photos import synthetic_photo

    catalog = site.portal_catalog
    requested = catalog.unrestrictedSearchResults(
        portal_type="Badge", review_state="requested", agency="police-nationale"
    )
    missing = count - len(requested)
    if missing <= 0:
        return
    with_badge = {
        b.matricule for b in catalog.unrestrictedSearchResults(portal_type="Badge")
    }
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        personnel_status="active",
        agency="police-nationale",
        sort_on="matricule",
    )
    created = 0
    for brain in brains:
        if brain.matricule in with_badge:
            continue
        file = brain._unrestrictedGetObject()
        set_photo(file=file, data=synthetic_photo(created))
        with api.env.adopt_user(username="clerk.pn"):
            api.content.create(container=file, type="Badge", id="carte", safe_id=True)
        created += 1
        if created >= missing:
            break
    transaction.commit()
    print(f"{created} badge requests created", flush=True)


def main(app, output):
    app = makerequest(app)
    site = app["sirhp"]
    setSite(site)
    from sirhp.content.badges.api import card_data
    from sirhp.content.badges.api import create_print_batch
    from sirhp.content.badges.api import verification_url
    from sirhp.content.badges.card import render_cards

    with api.env.adopt_user(username="admin"):
        api.portal.set_registry_record(
            "sirhp.badge.public_url", "http://127.0.0.1:8090/sirhp"
        )
        # the HTTP benchmark hammers from one address
        api.portal.set_registry_record("sirhp.badge.verifications_per_minute", 10000)
    ensure_badges(site, BATCH + 20)
    brains = site.portal_catalog.unrestrictedSearchResults(
        portal_type="Badge",
        review_state="requested",
        agency="police-nationale",
        sort_on="matricule",
    )
    badges = [b._unrestrictedGetObject() for b in brains[:BATCH]]
    results = {"batch": len(badges)}

    start = time.perf_counter()
    cards = [card_data(badge=badge) for badge in badges]
    results["card_data_s"] = time.perf_counter() - start
    for layout in ("card", "a4"):
        timings = []
        for _ in range(2):
            start = time.perf_counter()
            pdf = render_cards(cards, layout=layout)
            timings.append(time.perf_counter() - start)
        results[f"render_{layout}"] = {
            "seconds": min(timings),
            "cards_per_s": len(cards) / min(timings),
            "pdf_mb": len(pdf) / 1e6,
        }

    with api.env.adopt_user(username="clerk.pn"):
        start = time.perf_counter()
        create_print_batch(
            agency=site["police-nationale"], badges=[b.UID() for b in badges]
        )
        seconds = time.perf_counter() - start
    transaction.abort()
    results["full_batch"] = {"seconds": seconds, "cards_per_s": len(badges) / seconds}

    # Cards for the verification benchmark (committed, kept between runs).
    printed = site.portal_catalog.unrestrictedSearchResults(
        portal_type="Badge", review_state="printed", agency="police-nationale"
    )
    revoked = site.portal_catalog.unrestrictedSearchResults(
        portal_type="Badge", review_state="revoked", agency="police-nationale"
    )
    if len(printed) < 15:
        extra = [b._unrestrictedGetObject() for b in brains[BATCH : BATCH + 20]]
        with api.env.adopt_user(username="clerk.pn"):
            create_print_batch(
                agency=site["police-nationale"], badges=[b.UID() for b in extra]
            )
        with api.env.adopt_user(username="hrmanager.pn"):
            for badge in extra[:5]:
                api.content.transition(
                    obj=badge, transition="revoke", revocation_reason="lost"
                )
        transaction.commit()
        printed = site.portal_catalog.unrestrictedSearchResults(
            portal_type="Badge", review_state="printed", agency="police-nationale"
        )
        revoked = site.portal_catalog.unrestrictedSearchResults(
            portal_type="Badge", review_state="revoked", agency="police-nationale"
        )
    results["valid_urls"] = [
        verification_url(badge=b._unrestrictedGetObject()) for b in printed[:15]
    ]
    results["revoked_urls"] = [
        verification_url(badge=b._unrestrictedGetObject()) for b in revoked[:5]
    ]
    results["files"] = len(
        site.portal_catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
    )
    results["card_data_ms_per_card"] = 1000 * results["card_data_s"] / len(badges)
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps({k: v for k, v in results.items() if "urls" not in k}, indent=2))


if __name__ == "__main__":
    main(app, sys.argv[-1])  # noqa: F821 (zconsole provides app)
