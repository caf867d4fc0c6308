"""Import a legacy register (XLSX or CSV) into an agency, all or nothing,
as draft personnel files owned by the clerk named, with the scans of a
directory (``<matricule>_<type>.pdf``).

Usage: zconsole run <zope.conf> scripts/import_agents.py --agency police
       --file agents.xlsx [--dry-run] [--scans DIR] [--user clerk.pn]

``--agency`` is the agency's id (``police`` for ``police-nationale``).
Prints the French report; exit status 1 when anything is refused (nothing
stored), 0 otherwise. Progress is logged every 500 files.
"""

import argparse
import logging
from pathlib import Path
from plone import api
from sirhp.content.base.errors import SirhpError
from sirhp.content.legacy import api as legacy
import sys
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite

SITE_ID = "sirhp"
ALIASES = {"police": "police-nationale"}
logger = logging.getLogger("sirhp.import_agents")


def arguments(argv):
    parser = argparse.ArgumentParser(prog="import_agents.py")
    parser.add_argument("--agency", required=True)
    parser.add_argument("--file", required=True, type=Path)
    parser.add_argument("--scans", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--user", default="admin", help="the importing clerk")
    parser.add_argument("--site", default=SITE_ID)
    return parser.parse_args(argv)


def run(site, options):
    """Check (and import); returns (exit status, report lines)."""
    agency = site[ALIASES.get(options.agency, options.agency)]
    scans = {}
    if options.scans:
        scans = {path.name: path.read_bytes() for path in options.scans.glob("*.pdf")}
    with api.env.adopt_user(username=options.user):
        try:
            upload = legacy.read_upload(
                data=options.file.read_bytes(), filename=options.file.name
            )
            report = legacy.dry_run(agency=agency, rows=upload.rows, scans=scans)
            lines = [f"{report['rows']} lignes, {report['valid']} sans erreur."]
            for line in legacy.describe(
                report["problems"], upload.headers, upload.mapping
            ):
                lines.append(
                    f"Ligne {line['row']}, {line['column']} : {line['message']}"
                )
            for name, message in report["scan_problems"]:
                lines.append(f"{name} : {SirhpError(message).text()}")
            if report["problems"] or report["scan_problems"]:
                return 1, [*lines, "Rien n'a été enregistré."]
            if options.dry_run:
                return 0, [*lines, "Vérification seule : rien n'a été enregistré."]
            result = legacy.import_rows(
                agency=agency,
                rows=upload.rows,
                scans=scans,
                progress=lambda done, total: logger.info("%d/%d", done, total),
            )
        except SirhpError as error:
            return 1, [error.text()]
    return 0, [
        *lines,
        f"{len(result['created'])} dossiers créés en brouillon, "
        f"{result['documents']} pièces classées.",
    ]


def main(app, argv):
    logging.basicConfig(level=logging.INFO)
    options = arguments(argv)
    app = makerequest(app)
    site = app[options.site]
    setSite(site)
    status, lines = run(site, options)
    if status == 0 and not options.dry_run:
        transaction.commit()
    else:
        transaction.abort()
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(app, sys.argv[1:]))  # noqa: F821 (zconsole provides app)
