"""Open a large evaluation campaign by parts, in parallel over the Zope
clients (ZEO or RelStorage): each part is one ``POST <campaign>/@evaluations``
``{"chunk": K, "chunk_size": S}``, one transaction, answered by whichever
client gets it; a part refused with 503 (a conflict that outlived Zope's own
retries) is sent again: it skips what it created already.

Usage:
  SIRHP_PASSWORD=… python scripts/open_campaign.py CAMPAIGN_URL \\
      [--client http://127.0.0.1:8082 ...] [--user hrmanager.pn] \\
      [--parallel 2] [--chunk-size 500]

CAMPAIGN_URL is the campaign's address through the first client (or the
front end); each ``--client`` is another client (scheme, host, port): the parts are
spread over all of them, ``--parallel`` at a time (one per client core is
the useful maximum). Prints a JSON summary: created, parts, seconds,
retries. The account needs ``sirhp: Open evaluation campaign``.
"""

import argparse
from concurrent.futures import ThreadPoolExecutor
import itertools
import json
import os
import requests
import sys
import threading
import time
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

JSON = {"Accept": "application/json", "Content-Type": "application/json"}
RETRIES = 8


class Opener:
    def __init__(self, campaign_url, clients, auth, chunk_size):
        self.urls = [campaign_url, *self._client_urls(campaign_url, clients)]
        self.auth = auth
        self.chunk_size = chunk_size
        self.retries = 0
        self.created = 0
        self._lock = threading.Lock()
        self._next = itertools.cycle(self.urls)

    @staticmethod
    def _client_urls(campaign_url, clients):
        """The campaign's URL through each other client: the same path on
        the client's scheme, host and port."""
        path = urlsplit(campaign_url)
        return [
            urlunsplit(
                path._replace(scheme=urlsplit(c).scheme, netloc=urlsplit(c).netloc)
            )
            for c in clients
        ]

    def post(self, chunk):
        """Send one part until it is done; returns the answer's JSON."""
        for attempt in range(RETRIES):
            with self._lock:
                url = next(self._next)
            answer = requests.post(
                f"{url}/@evaluations",
                json={"chunk": chunk, "chunk_size": self.chunk_size},
                headers=JSON,
                auth=self.auth,
                timeout=600,
            )
            if answer.status_code == 200:
                data = answer.json()
                with self._lock:
                    self.created += data["created"]
                return data
            if answer.status_code not in (502, 503, 504):
                raise SystemExit(
                    f"partie {chunk} : {answer.status_code} {answer.text[:500]}"
                )
            with self._lock:
                self.retries += 1
            time.sleep(min(10, 0.5 * 2**attempt))
        raise SystemExit(f"partie {chunk} : toujours refusée après {RETRIES} essais")


def run(campaign_url, clients=(), auth=None, parallel=2, chunk_size=500):
    """Open the campaign by parts; returns the summary dict."""
    opener = Opener(campaign_url, clients, auth, chunk_size)
    start = time.perf_counter()
    first = opener.post(0)
    chunks = first["chunks"]
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        list(pool.map(opener.post, range(1, chunks)))
    return {
        "created": opener.created,
        "population": first["population"],
        "parts": chunks,
        "parallel": parallel,
        "clients": len(opener.urls),
        "seconds": round(time.perf_counter() - start, 2),
        "retries": opener.retries,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("campaign_url")
    parser.add_argument("--client", action="append", default=[])
    parser.add_argument("--user", default="hrmanager.pn")
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=500)
    args = parser.parse_args(argv)
    password = os.environ.get("SIRHP_PASSWORD")
    if not password:
        sys.exit("SIRHP_PASSWORD (le mot de passe du compte) est requis.")
    summary = run(
        args.campaign_url,
        args.client,
        (args.user, password),
        args.parallel,
        args.chunk_size,
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
