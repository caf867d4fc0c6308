"""The load run of SIRHP: mixed personas against nginx and the Zope clients.

Run by ``benchmarks/load_run.py`` (``make load``); by hand, against a site
prepared by it (``SIRHP_LOAD_PLAN``: the plan written by
``benchmarks/load_setup.py`` and completed by ``load_run.py``)::

    SIRHP_LOAD_PLAN=var/load/plan-run.json var/locust-venv/bin/locust \\
        -f benchmarks/locustfile.py --headless --host https://127.0.0.1:19801 \\
        --users 50 --spawn-rate 5 --run-time 10m --csv var/load/by-hand

Personas (``weight``: share of the users; think time in seconds between two
tasks of a user, times ``SIRHP_LOAD_THINK_SCALE``, default 1; both in
``load_personas.py``):

========== ====== ===== ===================================================
persona    weight think tasks (weight)
========== ====== ===== ===================================================
Officer    10     3-10  Mon dossier page (2), ``@mon-dossier`` REST (1)
Public     5      2-8   public verification page of a demo card (1)
Clerk      4      3-10  new career act (3), PATCH of its reference (3),
                        scanned PDF upload (2), submit a draft (2)
Reviewer   2      3-10  validate a pending item (3), list pending (1)
BatchFiler 1 user once  one scanned stack (cover sheets + image pages) on
                        ``@batch-filing``: the text worker OCRs its pages
========== ====== ===== ===================================================

Staff use their agency's demo accounts (``clerk.pn``/``clerk.ocs``...,
alternately), officers their matricule, the public no account (HTTP basic
authentication, as the other HTTP benchmarks). Four eyes: reviewers only
validate items a clerk submitted (a queue shared by the users of this
process), never their own. Every request is named by its type (``name=``)
and checks its exact expected status: anything else (a French 503 too) is
an error; redirects are not followed.
"""

import collections
import functools
import itertools
import json
from load_personas import THINK_TIME
from load_personas import WEIGHTS
from locust import between
from locust import HttpUser
from locust import task
from locust.exception import StopUser
import os
import time
from urllib.parse import urlsplit
import urllib3

# nginx's certificate is self-signed, made for the run
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

JSON = {"Accept": "application/json"}
# ZEO invalidations reach the other client asynchronously (milliseconds):
# a reviewer takes an item this long after its submission, never before
SETTLE_SECONDS = 2.0


def think(persona):
    scale = float(os.environ.get("SIRHP_LOAD_THINK_SCALE", "1"))
    low, high = THINK_TIME[persona]
    return between(low * scale, high * scale)


@functools.cache
def plan():
    """The plan of the run (paths, accounts, files to upload)."""
    with open(os.environ["SIRHP_LOAD_PLAN"]) as handle:
        return json.load(handle)


# per agency: (time of submission, path) of the items clerks submitted
PENDING = collections.defaultdict(collections.deque)
# per persona: the users' numbers (accounts and agencies taken in turn)
TURNS = collections.defaultdict(itertools.count)
_serial = itertools.count()


def path_of(url):
    return urlsplit(url).path


class SirhpUser(HttpUser):
    abstract = True

    def on_start(self):
        self.client.verify = False
        self.turn = next(TURNS[type(self).__name__])

    def agency(self):
        agencies = sorted(plan()["agencies"])
        return agencies[self.turn % len(agencies)]

    def call(self, method, path, name, expected, **kwargs):
        """One request; its answer if the status is ``expected``, else None
        (counted as a failure with the status and the start of the body)."""
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 120)
        with self.client.request(
            method, path, name=name, catch_response=True, **kwargs
        ) as response:
            if response.status_code == expected:
                response.success()
                return response
            response.failure(f"{response.status_code} {answer(response)}")
            return None


def answer(response):
    """What an unexpected answer says: SIRHP's JSON error, else its start."""
    try:
        body = response.json()
        return f"{body['type']}: {body['message']}"[:200]
    except (ValueError, KeyError, TypeError):
        return repr(response.text[:200])


class Officer(SirhpUser):
    weight = WEIGHTS["Officer"]
    wait_time = think("Officer")

    def on_start(self):
        super().on_start()
        officers = plan()["officers"]
        self.client.auth = (officers[self.turn % len(officers)], plan()["password"])

    @task(2)
    def mon_dossier_page(self):
        self.call("GET", "/@@mon-dossier", "officer: GET @@mon-dossier (page)", 200)

    @task(1)
    def mon_dossier_rest(self):
        self.call(
            "GET",
            "/@mon-dossier",
            "officer: GET @mon-dossier (REST)",
            200,
            headers=JSON,
        )


class Public(SirhpUser):
    weight = WEIGHTS["Public"]
    wait_time = think("Public")

    @task(1)
    def verify_card(self):
        cards = plan()["badges"]
        path = cards[next(_serial) % len(cards)]
        self.call("GET", path, "public: GET @@carte/<token> (card check)", 200)


class Clerk(SirhpUser):
    weight = WEIGHTS["Clerk"]
    wait_time = think("Clerk")

    def on_start(self):
        super().on_start()
        self.office = plan()["agencies"][self.agency()]
        self.client.auth = (self.office["clerk"], plan()["password"])
        self.acts = []  # own draft career acts (PATCH)
        self.drafts = []  # own draft records (submit)

    def a_file(self):
        files = self.office["files"]
        return files[next(_serial) % len(files)]

    @task(3)
    def new_career_act(self):
        number = next(_serial)
        response = self.call(
            "POST",
            self.a_file(),
            "clerk: POST CareerEvent (career act)",
            201,
            headers=JSON,
            json={
                "@type": "CareerEvent",
                "event_type": "decoration",
                "event_date": "2026-10-01",
                "decoration": f"Médaille de charge {number}",
                "reference": f"CHARGE-{number}",
            },
        )
        if response is not None:
            path = path_of(response.json()["@id"])
            self.acts.append(path)
            self.drafts.append(path)

    @task(3)
    def patch_reference(self):
        if not self.acts:
            return self.new_career_act()
        self.call(
            "PATCH",
            self.acts[next(_serial) % len(self.acts)],
            "clerk: PATCH CareerEvent (reference)",
            204,
            headers=JSON,
            json={"reference": f"CHARGE-{next(_serial)}-modifié"},
        )

    @task(2)
    def upload_scan(self):
        number = next(_serial)
        response = self.call(
            "POST",
            self.a_file(),
            "clerk: POST ScannedDocument (PDF)",
            201,
            headers=JSON,
            json={
                "@type": "ScannedDocument",
                "document_type": "diplome",
                "title": f"Pièce de charge {number}",
                "file": {
                    "data": plan()["pdf"],
                    "encoding": "base64",
                    "filename": f"piece-{number}.pdf",
                    "content-type": "application/pdf",
                },
            },
        )
        if response is not None:
            self.drafts.append(path_of(response.json()["@id"]))

    @task(2)
    def submit(self):
        if not self.drafts:
            return self.new_career_act()
        path = self.drafts.pop(0)
        if path in self.acts:
            self.acts.remove(path)  # pending: no more edits by its clerk
        response = self.call(
            "POST",
            f"{path}/@workflow/submit",
            "clerk: POST @workflow/submit",
            200,
            headers=JSON,
            json={},
        )
        if response is not None:
            PENDING[self.agency()].append((time.monotonic(), path))


class Reviewer(SirhpUser):
    weight = WEIGHTS["Reviewer"]
    wait_time = think("Reviewer")

    def on_start(self):
        super().on_start()
        office = plan()["agencies"][self.agency()]
        self.client.auth = (office["reviewer"], plan()["password"])

    @task(3)
    def validate(self):
        queue = PENDING[self.agency()]
        if not queue or time.monotonic() - queue[0][0] < SETTLE_SECONDS:
            return self.pending_list()
        _, path = queue.popleft()
        self.call(
            "POST",
            f"{path}/@workflow/validate",
            "reviewer: POST @workflow/validate",
            200,
            headers=JSON,
            json={},
        )

    @task(1)
    def pending_list(self):
        self.call(
            "GET",
            "/@search",
            "reviewer: GET @search (pending items)",
            200,
            headers=JSON,
            params={
                "review_state": "pending",
                "agency": self.agency(),
                "sort_on": "modified",
                "b_size": 25,
            },
        )


class BatchFiler(SirhpUser):
    """One scanned stack per run: its image pages go to the text worker."""

    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self):
        super().on_start()
        batch = plan()["batch"]
        self.client.auth = (
            plan()["agencies"][batch["agency"]]["clerk"],
            plan()["password"],
        )

    @task(1)
    def file_stack(self):
        batch = plan()["batch"]
        response = self.call(
            "POST",
            f"/{batch['agency']}/@batch-filing",
            "batch: POST @batch-filing (scanned stack, OCR)",
            201,
            headers=JSON,
            json={"data": batch["data"], "filename": "pile-de-charge.pdf"},
            timeout=600,
        )
        if response is not None and len(response.json()["filed"]) != batch["parts"]:
            # the report is an answer of 201 but not the expected one
            self.environment.events.request.fire(
                request_type="CHECK",
                name="batch: every part filed",
                response_time=0,
                response_length=0,
                exception=AssertionError(response.text[:300]),
                context={},
            )
        raise StopUser()
