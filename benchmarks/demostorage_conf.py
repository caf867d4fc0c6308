"""Print a copy of a site's zope.conf whose database a benchmark may change
and COMMIT (the commit's cost is part of what it measures) while the site
stays unchanged:

- by default, a DemoStorage over the site's FileStorage opened read-only
  (the changes stay in memory and vanish with the process);
- with ``--copy DIR``, a FileStorage on a copy of the site's ``Data.fs`` made
  in ``DIR`` (its blobs hard-linked: a blob file is never rewritten), as a
  server runs it: DemoStorage reads every object through two storages and
  asks its base for each new object id, which a site never does. Make a new
  copy for each run (the run's commit changes it).

Usage: python benchmarks/demostorage_conf.py var/bench/etc/zope.conf > /tmp/bench-demo.conf
       python benchmarks/demostorage_conf.py --copy /tmp/bench-copy var/bench/etc/zope.conf > /tmp/bench-copy.conf
       zconsole run /tmp/bench-demo.conf benchmarks/evaluations_inprocess.py --commit
"""

import os
from pathlib import Path
import re
import shutil
import sys

DEMO = """<zodb_db main>
  cache-size 50000
  <demostorage>
    <blobstorage base>
      blob-dir {var}/blobstorage
      <filestorage>
        path {var}/filestorage/Data.fs
        read-only true
      </filestorage>
    </blobstorage>
  </demostorage>
  mount-point /
</zodb_db>"""

COPY = """<zodb_db main>
  cache-size 50000
  <blobstorage>
    blob-dir {copy}/blobstorage
    <filestorage>
      path {copy}/filestorage/Data.fs
    </filestorage>
  </blobstorage>
  mount-point /
</zodb_db>"""


def copy_site(var, target):
    """A fresh copy of the site's database in ``target``: ``Data.fs`` and its
    index copied, the blobs hard-linked."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    (target / "filestorage").mkdir(parents=True)
    for name in ("Data.fs", "Data.fs.index"):
        source = Path(var) / "filestorage" / name
        if source.exists():
            shutil.copyfile(source, target / "filestorage" / name)
    blobs = Path(var) / "blobstorage"
    if blobs.exists():
        shutil.copytree(blobs, target / "blobstorage", copy_function=os.link)


def main(argv):
    copy = None
    if argv[:1] == ["--copy"]:
        copy, argv = argv[1], argv[2:]
    path = argv[0]
    text = open(path, encoding="utf-8").read()
    var = re.search(r"^%define VAR (.+)$", text, re.M).group(1).strip()
    if copy:
        copy_site(var, copy)
        section = COPY.format(copy=Path(copy).resolve())
    else:
        section = DEMO.format(var=var)
    text, count = re.subn(r"<zodb_db main>.*?</zodb_db>", section, text, flags=re.S)
    if count != 1:
        sys.exit(f"{path}: no <zodb_db main> section")
    # the audit journal stays the site's: point it at a throw-away copy
    text = re.sub(
        r"SIRHP_AUDIT_DB \S+", "SIRHP_AUDIT_DB /tmp/sirhp-bench-journal.sqlite", text
    )
    sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
