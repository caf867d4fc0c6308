"""The text worker: extracts the text of scanned documents outside Zope.

Run::

    python -m sirhp.content.documents.worker --url http://localhost:8080/sirhp

It asks the site for the documents waiting for their text
(``POST @text-queue``, a lease on each), reads each PDF (``GET <document>/@text-source``: the
journal records a text extraction by the worker), extracts its text
(``pdftotext``, OCR with tesseract for pages without a text layer, one
thread per job) and sends it back (``POST <document>/@text``), or the
failure. It speaks HTTP only, so it works with the embedded FileStorage of
``make start`` (which one process holds) and with ZEO alike, and may run on
another machine. If it is stopped, uploads still succeed: documents stay
``pending`` and are processed when it comes back. If Zope is down, it waits.

Account: ``SIRHP_WORKER_USER`` / ``SIRHP_WORKER_PASSWORD`` (default: the Zope
``admin`` and ``SIRHP_ADMIN_PASSWORD``); it needs the permission
``sirhp: Extract document text`` (Manager by default).

Several workers may run: each takes its jobs with ``POST @text-queue`` and a
lease (``documents.rules.TEXT_LEASE_SECONDS``); the job of a worker that
crashed or was stopped is taken over when its lease expires. The copies of
the PDFs stay in a private folder of this run (``mkdtemp``: mode 0700),
removed when the worker stops, also after an exception or on SIGTERM.
"""

import argparse
from concurrent.futures import ThreadPoolExecutor
import logging
import os
import requests
import shutil
import signal
from sirhp.content.documents import text
import socket
import sys
import tempfile
import time
import uuid

logger = logging.getLogger("sirhp.text_worker")


class Worker:
    def __init__(self, url, user, password, jobs=1, poll=5.0, session=None):
        self.url = url.rstrip("/")
        self.session = session or requests.Session()
        self.session.auth = (user, password)
        self.session.headers["Accept"] = "application/json"
        self.jobs = max(1, jobs)
        self.poll = poll
        self.stopping = False
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # private: other local users cannot read the personnel documents
        self.workdir = tempfile.mkdtemp(prefix="sirhp-worker-")

    def close(self):
        """Remove the private folder and everything left in it."""
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def queue(self, limit=10):
        """Take up to ``limit`` jobs (a lease on each)."""
        response = self.session.post(
            f"{self.url}/@text-queue",
            json={"worker": self.id, "limit": limit},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()["items"]

    def process(self, item) -> str:
        """Extract and send back the text of one queued document."""
        started = time.monotonic()
        download = self.session.get(item["download"], timeout=300)
        download.raise_for_status()
        body = {"sha256": item.get("sha256")}
        try:
            result = text.extract_pdf(download.content, tmpdir=self.workdir)
            body.update(text=result.text, method=result.method)
            outcome = f"{result.method}, {result.pages} page(s)"
        except text.TextError as error:
            body["error"] = error.message
            outcome = f"échec : {error.message}"
        except Exception as error:  # never let one document stop the worker
            logger.exception("Extraction failed for %s", item["@id"])
            body["error"] = f"Erreur interne de l'extraction ({type(error).__name__})."
            outcome = "échec (erreur interne)"
        response = self.session.post(f"{item['@id']}/@text", json=body, timeout=120)
        if response.status_code == 409:
            outcome += " — fichier remplacé entre-temps, ignoré"
        else:
            response.raise_for_status()
        logger.info("%s: %s (%.1f s)", item["@id"], outcome, time.monotonic() - started)
        return outcome

    def run_once(self, limit=10) -> int:
        items = self.queue(limit)
        if not items:
            return 0
        if self.jobs == 1:
            for item in items:
                self.process(item)
        else:
            with ThreadPoolExecutor(self.jobs) as pool:
                list(pool.map(self.process, items))
        return len(items)

    def run_forever(self, parent_pid=None):
        logger.info("Text worker for %s (%s job(s))", self.url, self.jobs)
        while not self.stopping:
            if parent_pid and not _alive(parent_pid):
                logger.info("Parent process %s gone: stopping", parent_pid)
                return
            try:
                done = self.run_once(limit=max(10, self.jobs * 2))
            except requests.RequestException as error:
                logger.warning(
                    "Site not reachable (%s): retry in %ss", error, self.poll
                )
                done = 0
            if not done:
                time.sleep(self.poll)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url", default=os.environ.get("SIRHP_URL", "http://localhost:8080/sirhp")
    )
    parser.add_argument("--user", default=os.environ.get("SIRHP_WORKER_USER", "admin"))
    parser.add_argument(
        "--password",
        default=os.environ.get(
            "SIRHP_WORKER_PASSWORD", os.environ.get("SIRHP_ADMIN_PASSWORD", "admin")
        ),
    )
    parser.add_argument(
        "--jobs", type=int, default=int(os.environ.get("SIRHP_TEXT_JOBS", "1"))
    )
    parser.add_argument("--poll", type=float, default=5.0, help="seconds between polls")
    parser.add_argument(
        "--once", action="store_true", help="process the queue once, then stop"
    )
    parser.add_argument("--parent-pid", type=int, help="stop when this process ends")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    with Worker(
        args.url, args.user, args.password, jobs=args.jobs, poll=args.poll
    ) as worker:
        signal.signal(signal.SIGTERM, _stop)
        if args.once:
            total = 0
            while True:
                done = worker.run_once()
                total += done
                if not done:
                    break
            logger.info("%s document(s) processed", total)
            return 0
        worker.run_forever(parent_pid=args.parent_pid)
    return 0


def _stop(signum, frame):
    """SIGTERM: leave now through the ``with`` (its folder removed); the job
    in hand is taken over when its lease expires."""
    raise SystemExit(0)


if __name__ == "__main__":
    sys.exit(main())
