"""OCR throughput of the text worker's extraction (no Zope needed).

Usage: .venv/bin/python benchmarks/documents_ocr.py [--pages 10] [--jobs 1 2]

Generates an image-only French PDF (300 dpi A4 pages, rendered text with
accents), then runs the worker's extraction (``extract_pdf``: pdftotext,
then pdftoppm + tesseract fra+eng, one thread per job) on it: with 1 job,
and with N documents at once (the worker's ``--jobs N``). Prints JSON.
"""

import argparse
from concurrent.futures import ThreadPoolExecutor
import json
from pathlib import Path
import sys
import time

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sirhp.content.documents.text import extract_pdf  # noqa: E402
from tests.documents import files  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args()
    pdf = files.scan_pdf(pages=args.pages)
    results = {"pages_per_document": args.pages}
    for jobs in args.jobs:
        started = time.monotonic()
        with ThreadPoolExecutor(jobs) as pool:
            done = list(pool.map(extract_pdf, [pdf] * jobs))
        seconds = time.monotonic() - started
        ok = all("Ségou" in d.text for d in done)
        results[f"jobs_{jobs}"] = {
            "pages": args.pages * jobs,
            "seconds": round(seconds, 1),
            "pages_per_second": round(args.pages * jobs / seconds, 2),
            "accents_exact": ok,
        }
        print(json.dumps(results[f"jobs_{jobs}"]), flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
