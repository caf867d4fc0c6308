"""A collective decision over ZEO: 500 officers of the bench site's Police
nationale get one act each (``collective.collective_act``), then the batch
is submitted (``collective_batch.submit_decision``), in a Zope client of a
ZEO server, cold (a new process each time, as a client that has not read
these files yet). In separate runs, a statute mapping reclassifies the
holders of the Police nationale's most common grade
(``referentials.apply_mapping``). Each run is **aborted**.

Rounds in turns: the files asked for in a few requests (``base.prefetch``,
as the code does), then the same with the prefetch switched off in the
script (the baseline: one round trip per object), in the same run.

The bench site is not changed: its Data.fs is copied into a temporary
folder (blobs hard-linked) served by a ZEO server on a free port.

Usage: python benchmarks/collective_zeo.py [--bench var/bench] [--officers 500]
       [--rounds 3] [--output OUT.json]
"""

import argparse
import evaluations_parallel as parallel  # the benchmarks folder is on sys.path
import json
from pathlib import Path
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCRIPT = """
import sys
import time
from collections import Counter
from plone import api
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite
from sirhp.content.careers import collective
from sirhp.content.careers import collective_batch
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import defaults

phase, count, prefetch = sys.argv[-3], int(sys.argv[-2]), sys.argv[-1] == "on"
if not prefetch:  # the baseline: every object loaded on its own
    collective.prefetch_files = collective_batch.prefetch_files = lambda *a: None
    referentials.prefetch_files = lambda *a: None
site = makerequest(app)["sirhp"]  # noqa: F821
setSite(site)
agency = site["police-nationale"]
catalog = site.portal_catalog
brains = catalog.unrestrictedSearchResults(
    portal_type="PersonnelFile", review_state="validated",
    path="/".join(agency.getPhysicalPath()), sort_on="id")
try:
    if phase == "mapping":
        grade, _n = Counter(b.grade for b in brains).most_common(1)[0]
        new = next(code for code in defaults.GRADES if code != grade)
        with api.env.adopt_user(username="hrmanager.pn"):
            start = time.perf_counter()
            filed = referentials.apply_mapping(
                mapping={grade: new}, effective="2031-01-01",
                reference="Décret n°2031-0001/BENCH", container=agency)
            seconds = time.perf_counter() - start
        print("RESULT", filed, 0, round(seconds, 3), 0)
    else:
        matricules = [b.matricule for b in brains][-count:]
        with api.env.adopt_user(username="clerk.pn"):
            start = time.perf_counter()
            result = collective.collective_act(
                agency=agency, matricules=matricules, event_type="transfer",
                event_date="2031-01-02", reference="Décision n°2031-0001/BENCH")
            filed = time.perf_counter() - start
            start = time.perf_counter()
            submitted = collective_batch.submit_decision(
                agency=agency, decision=result.id)
            submitting = time.perf_counter() - start
        print("RESULT", len(result.acts), submitted, round(filed, 3),
              round(submitting, 3))
finally:
    transaction.abort()
"""


def one_run(etc, script, phase, count, prefetch):
    done = subprocess.run(
        [sys.executable, "-m", "Zope2.utilities.zconsole", "run"]
        + [str(etc / "zope.conf"), str(script), phase, str(count), prefetch],
        capture_output=True,
        text=True,
        cwd=script.parent,
    )
    if done.returncode:
        raise SystemExit(done.stdout[-2000:] + done.stderr[-4000:])
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("RESULT")]
    acts, submitted, filed, submitting = line.split()[1:]
    return {
        "acts": int(acts),
        "submitted": int(submitted),
        "file_s": float(filed),
        "submit_s": float(submitting),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--officers", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    make_instance = parallel.load(
        "make_instance", ROOT / "scripts" / "make_instance.py"
    )
    bench = Path(args.bench).resolve()
    folder = Path(tempfile.mkdtemp(prefix="sirhp-bench-collective-"))
    data = folder / "data"
    (data / "filestorage").mkdir(parents=True)
    for name in ("Data.fs", "Data.fs.index"):
        shutil.copy(bench / "filestorage" / name, data / "filestorage" / name)
    subprocess.run(
        ["cp", "-al", str(bench / "blobstorage"), str(data / "blobstorage")], check=True
    )
    zeo = f"127.0.0.1:{parallel.free_port()}"
    etc = make_instance.make(
        "client1", port=parallel.free_port(), zeo=zeo, var=data, base=folder / "i"
    )
    script = folder / "collective.py"
    script.write_text(SCRIPT)
    runs = {"on": [], "off": [], "mapping_on": [], "mapping_off": []}
    processes = []
    try:
        processes.append(
            parallel.start(folder, "zeo", BIN / "runzeo", "-C", etc / "zeo.conf")
        )
        time.sleep(3)
        for _round in range(args.rounds):
            for prefetch in ("on", "off"):
                runs[prefetch].append(
                    one_run(etc, script, "collective", args.officers, prefetch)
                )
                runs[f"mapping_{prefetch}"].append(
                    one_run(etc, script, "mapping", 0, prefetch)
                )
    finally:
        parallel.stop(processes)
        shutil.rmtree(folder, ignore_errors=True)
    result = {"officers": args.officers, "runs": runs}
    for name, found in runs.items():
        for key in ("file_s", "submit_s"):
            result[f"{key}_median_{name}"] = statistics.median(r[key] for r in found)
    print(json.dumps(result, indent=2))
    if args.output:
        Path(args.output).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
