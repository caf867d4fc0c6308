"""Print a copy of a site's zope.conf whose database is a DemoStorage over
the site's FileStorage opened read-only: a benchmark can then COMMIT (the
commit's cost is part of what it measures) and leave the site unchanged
(the changes stay in memory and vanish with the process).

Usage: python benchmarks/demostorage_conf.py var/bench/etc/zope.conf > /tmp/bench-demo.conf
       zconsole run /tmp/bench-demo.conf benchmarks/evaluations_inprocess.py --commit
"""

import re
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


def main(path):
    text = open(path, encoding="utf-8").read()
    var = re.search(r"^%define VAR (.+)$", text, re.M).group(1).strip()
    demo = DEMO.format(var=var)
    text, count = re.subn(r"<zodb_db main>.*?</zodb_db>", demo, text, flags=re.S)
    if count != 1:
        sys.exit(f"{path}: no <zodb_db main> section")
    # the audit journal stays the site's: point it at a throw-away copy
    text = re.sub(
        r"SIRHP_AUDIT_DB \S+", "SIRHP_AUDIT_DB /tmp/sirhp-bench-journal.sqlite", text
    )
    sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1])
