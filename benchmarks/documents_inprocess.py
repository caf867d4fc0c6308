"""Scanned-document benchmarks in process (zconsole), on an existing site.

Usage: zconsole run var/<instance>/etc/zope.conf benchmarks/documents_inprocess.py \
           [--docs 10000] [--queries 200] [--uploads 30] OUTPUT.json

1. upload of a 10-page text PDF as clerk.pn (checks, PDF stored, text queued,
   catalog; what the REST POST does minus HTTP), 30 times, p50/p95; aborted;
2. batch filing of a 100-page stack with 20 cover sheets (rendering, QR
   reading, split, 20 drafts created), OCR excluded; aborted;
3. full-text search: bulk-creates ``--docs`` documents with extracted text
   (synthetic French words; committed once, reused by later runs), then
   ``--queries`` catalog searches as clerk.pn (SearchableText + agency,
   sorted by date, first 20 results), p50/p95.
"""

import argparse
from datetime import date
import json
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
import random
import sys
import time
import transaction
from zope.component.hooks import setSite

sys.path.insert(
    0, str(Path("benchmarks").resolve().parent)
)  # run from the repository root

WORDS = (
    "arrêté nomination décision affectation mutation avancement diplôme "
    "baccalauréat licence maîtrise certificat attestation formation stage "
    "commissariat brigade région Bamako Ségou Sikasso Kayes Mopti Gao "
    "Tombouctou Kidal Koulikoro ministère sécurité police nationale "
    "inspecteur officier sergent caporal agent service prise fonction "
    "naissance mariage enfant évaluation notation mérite discipline"
).split()


def percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))]


def site_of(app):
    from Testing.makerequest import makerequest

    app = makerequest(app)
    site = app["sirhp"]
    setSite(site)
    return site


def bench_upload(site, count):
    from tests.documents import files

    pdf = files.text_pdf(("Arrêté de nomination", "Décision n° 2024-117"), pages=10)
    file = site.portal_catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", review_state="draft", agency="police-nationale"
    )[0]._unrestrictedGetObject()
    times = []
    with api.env.adopt_user(username="clerk.pn"):
        for n in range(count):
            started = time.monotonic()
            file.invokeFactory  # noqa: B018
            field = __import__(
                "sirhp.content.documents.content", fromlist=["x"]
            ).IScannedDocumentSchema["file"]
            value = NamedBlobFile(data=pdf, filename="arrete.pdf")
            field.validate(value)  # what forms and REST do first
            api.content.create(
                container=file,
                type="ScannedDocument",
                id=f"bench-{n}",
                document_type="arrete-nomination",
                file=value,
            )
            transaction.savepoint()
            times.append(time.monotonic() - started)
    transaction.abort()
    return {
        "count": count,
        "pages": 10,
        "p50_s": round(percentile(times, 50), 3),
        "p95_s": round(percentile(times, 95), 3),
    }


def bench_batch(site):
    from sirhp.content.documents.api import file_stack
    from tests.documents import stacks

    catalog = site.portal_catalog
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", review_state="draft", agency="police-nationale"
    )[:20]
    plan = []
    for n in range(20):
        plan.append(("cover", brains[n % len(brains)].matricule, "diplome"))
        plan.extend(("page", f"pièce {n} page {p}") for p in range(4))
    stack = stacks.stack_pdf(plan)
    started = time.monotonic()
    with api.env.adopt_user(username="clerk.pn"):
        report = file_stack(
            agency=site["police-nationale"], files=[stack], filename="bench.pdf"
        )
    seconds = time.monotonic() - started
    transaction.abort()
    return {
        "pages": report["pages"],
        "covers": report["covers"],
        "filed": len(report["filed"]),
        "held": len(report["held"]),
        "seconds": round(seconds, 1),
    }


def ensure_documents(site, wanted):
    """Bulk documents with text: one tiny PDF shared, text set directly."""
    from plone.dexterity.utils import createContentInContainer
    from sirhp.content.documents.storage import set_text
    from sirhp.policy.setuphandlers.demo import without_initial_versions
    from sirhp.policy.setuphandlers.pdf import tiny_pdf

    catalog = site.portal_catalog
    have = len(catalog.unrestrictedSearchResults(portal_type="ScannedDocument"))
    if have >= wanted:
        return have
    rng = random.Random(4)
    files = [
        b._unrestrictedGetObject()
        for b in catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
    ]
    pdf = tiny_pdf(["Pièce synthétique"])
    types = [
        "diplome",
        "arrete-nomination",
        "decision-mutation",
        "attestation-formation",
        "certificat-medical",
    ]
    started = time.monotonic()
    with without_initial_versions():
        for n in range(have, wanted):
            file = files[n % len(files)]
            doc = createContentInContainer(
                file,
                "ScannedDocument",
                checkConstraints=False,
                document_type=rng.choice(types),
                document_date=date(
                    rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28)
                ),
                file=NamedBlobFile(
                    pdf, contentType="application/pdf", filename="p.pdf"
                ),
            )
            set_text(
                doc,
                " ".join(rng.choice(WORDS) for _ in range(200)) + f" réf{n}",
                "pdftotext",
            )
            if n % 1000 == 999:
                transaction.commit()
                print(
                    f"{n + 1} documents ({time.monotonic() - started:.0f} s)",
                    flush=True,
                )
    transaction.commit()
    return wanted


def bench_search(site, queries):
    rng = random.Random(9)
    catalog = site.portal_catalog
    times = []
    hits = []
    with api.env.adopt_user(username="clerk.pn"):
        for n in range(queries + 20):
            words = " ".join(f"{w}*" for w in rng.sample(WORDS, 2))
            started = time.monotonic()
            brains = catalog(
                portal_type="ScannedDocument",
                SearchableText=words,
                path="/sirhp/police-nationale",
                sort_on="document_date",
                sort_order="descending",
                sort_limit=20,
            )
            page = [b.Title for b in brains[:20]]
            elapsed = time.monotonic() - started
            if n >= 20:
                times.append(elapsed)
                hits.append(len(brains))
    return {
        "queries": queries,
        "p50_s": round(percentile(times, 50), 3),
        "p95_s": round(percentile(times, 95), 3),
        "median_hits": sorted(hits)[len(hits) // 2],
        "page": len(page),
    }


def main(app):
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--uploads", type=int, default=30)
    parser.add_argument("--skip", nargs="*", default=[])
    parser.add_argument("output")
    script = next(i for i, a in enumerate(sys.argv) if a.endswith(".py"))
    args = parser.parse_args(sys.argv[script + 1 :])
    site = site_of(app)
    results = {}
    if "upload" not in args.skip:
        results["upload_10_pages"] = bench_upload(site, args.uploads)
        print(results, flush=True)
    if "batch" not in args.skip:
        results["batch_100_pages_20_covers"] = bench_batch(site)
        print(results, flush=True)
    if "search" not in args.skip:
        results["documents"] = ensure_documents(site, args.docs)
        results["search"] = bench_search(site, args.queries)
    print(json.dumps(results, indent=2), flush=True)
    Path(args.output).write_text(json.dumps(results, indent=2))


main(app)  # noqa: F821 (zconsole gives ``app``)
