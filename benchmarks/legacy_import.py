"""Legacy import: the interactive creation rate (``plone.api.content.create``,
one file at a time) against the bulk import of a generated register, in the
same run, on a fresh in-process test site (the sirhp.policy test layer).

Usage: .venv/bin/python benchmarks/legacy_import.py [ROWS] [INTERACTIVE] [OUTPUT.json]
(defaults 20000, 200). The register is deterministic synthetic data
(Malian names of ``sirhp.policy.setuphandlers.names``). Nothing is kept:
the test site lives in memory.
"""

from datetime import date
import io
import json
import random
import sys
import time

TARGET_FILES_PER_S = 150


def register(count, seed=2026):
    """A deterministic XLSX register of ``count`` rows."""
    from openpyxl import Workbook
    from sirhp.content.legacy import rules
    from sirhp.policy.setuphandlers import names

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Agents")
    sheet.append(list(rules.TEMPLATE_HEADERS))
    for index in range(count):
        female = rng.random() < 0.2
        first = rng.choice(names.FEMALE_FIRST if female else names.MALE_FIRST)
        birth = date(
            1965 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)
        )
        hire = date(birth.year + 20 + rng.randrange(10), 1 + rng.randrange(12), 1)
        values = {
            "matricule": f"{700000 + index:06d}R",
            "nina": f"{index:012d}NNA",
            "last_name": rng.choice(names.LAST_NAMES),
            "first_names": first,
            "sex": "F" if female else "M",
            "birth_date": birth.strftime("%d/%m/%Y") if index % 2 else birth,
            "birth_place": rng.choice(names.BIRTH_PLACES),
            "hire_date": hire.strftime("%d.%m.%Y"),
            "corps": "sous-officiers",
            "grade": "sergent",
            "unit": "dr-bamako/commissariat-1",
        }
        sheet.append([values.get(field, "") for field in rules.FIELDS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def layer_up():
    from sirhp.policy.testing import INTEGRATION_TESTING

    done = []

    def up(layer):
        for base in layer.__bases__:
            up(base)
        if layer not in done:
            done.append(layer)
            layer.setUp()

    up(INTEGRATION_TESTING)
    INTEGRATION_TESTING.testSetUp()
    return INTEGRATION_TESTING["portal"]


def interactive(portal, count):
    from plone import api
    from Products.CMFCore.indexing import processQueue
    import transaction

    agency = portal["police-nationale"]
    start = time.perf_counter()
    with api.env.adopt_user(username="clerk.pn"):
        for index in range(count):
            api.content.create(
                container=agency,
                type="PersonnelFile",
                id=f"{600000 + index:06d}Q",
                matricule=f"{600000 + index:06d}Q",
                last_name="Keita",
                first_names="Oumar",
                sex="M",
                birth_date=date(1980, 1, 1),
                hire_date=date(2005, 1, 1),
                corps="sous-officiers",
                grade="sergent",
                status="active",
            )
        processQueue()
        transaction.savepoint(optimistic=True)
    seconds = time.perf_counter() - start
    return {"files": count, "seconds": seconds, "files_per_s": count / seconds}


def bulk(portal, data):
    from plone import api
    from sirhp.content.legacy import api as legacy
    import transaction

    agency = portal["police-nationale"]
    with api.env.adopt_user(username="clerk.pn"):
        start = time.perf_counter()
        upload = legacy.read_upload(data=data, filename="registre.xlsx")
        read = time.perf_counter() - start
        result = legacy.import_rows(
            agency=agency, rows=upload.rows, today=date(2026, 11, 1)
        )
        transaction.savepoint(optimistic=True)
    seconds = time.perf_counter() - start
    count = len(result["created"])
    return {
        "files": count,
        "read_seconds": read,
        "seconds": seconds,
        "files_per_s": count / seconds,
        "target_files_per_s": TARGET_FILES_PER_S,
    }


def main(argv):
    rows = int(argv[0]) if argv else 20_000
    first = int(argv[1]) if len(argv) > 1 else 200
    portal = layer_up()
    data = register(rows)
    figures = {
        "interactive": interactive(portal, first),
        "bulk": bulk(portal, data),
    }
    text = json.dumps(figures, indent=2)
    print(text)
    if len(argv) > 2:
        with open(argv[2], "w") as output:
            output.write(text)
    return 0 if figures["bulk"]["files_per_s"] >= TARGET_FILES_PER_S else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
