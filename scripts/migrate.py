"""Move a whole SIRHP site to another instance (collective.exportimport).

Usage:
  zconsole run OLD/etc/zope.conf scripts/migrate.py export --dir DIR --reason "..."
  zconsole run NEW/etc/zope.conf scripts/migrate.py import --dir DIR
Options: --site ID (default "sirhp"); the run is made as the administrator
SIRHP_ADMIN_USER (default "admin").

export writes DIR (created, must be empty): content with every field and
blob, relations, accounts and groups (password hashes), local roles,
ordering, and a manifest (counts, sha256 of every blob); the reason is
journaled. import loads DIR into a fresh site (``create_site.py
--production``). Either is committed whole, or not at all: any refusal or
error aborts the transaction, is said in French on stderr, and the exit
status is 1 (nothing half-imported).
"""

import argparse
import os
import sys
import time

SITE_ID = "sirhp"
UNEXPECTED = (
    "Migration interrompue par une erreur inattendue ({error}). Rien n'a été {done}."
)


def parse(argv):
    parser = argparse.ArgumentParser(prog="migrate.py")
    parser.add_argument("action", choices=("export", "import"))
    parser.add_argument("--dir", required=True, help="the export folder")
    parser.add_argument("--reason", default="", help="why the data leaves (export)")
    parser.add_argument("--site", default=SITE_ID, help="the Plone site id")
    return parser.parse_args(argv)


def french(error):
    """The message of a ``SirhpError`` in French (the operator's language)."""
    from zope.i18n import translate

    message = error.message
    default = getattr(message, "default", None)
    if default is None:
        return str(message)
    return translate(message, target_language="fr", default=default)


def run(app, args):
    """Export or import; returns a one-line summary. Commits nothing."""
    from plone import api
    from sirhp.policy.migration.export import export_site
    from sirhp.policy.migration.importer import import_site
    from zope.component.hooks import setSite

    site = app[args.site]
    setSite(site)
    directory = os.path.abspath(args.dir)
    start = time.perf_counter()
    with api.env.adopt_user(username=os.environ.get("SIRHP_ADMIN_USER", "admin")):
        if args.action == "export":
            result = export_site(portal=site, directory=directory, reason=args.reason)
        else:
            result = import_site(portal=site, directory=directory)
    items = sum(result["types"].values())
    return (
        f"{args.action}: {items} items, {len(result['blobs'])} blobs "
        f"({directory}) in {time.perf_counter() - start:.1f} s"
    )


def main(app, argv):
    """Returns the exit status: 0, or 1 when nothing was done."""
    from sirhp.content.base.errors import SirhpError
    from Testing.makerequest import makerequest
    import transaction

    args = parse(argv)
    done = "exporté" if args.action == "export" else "importé"
    new_folder = not os.path.exists(args.dir)
    try:
        summary = run(makerequest(app), args)
        transaction.commit()
    except SirhpError as error:
        failed(args, new_folder)
        print(french(error), file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 (said in one sentence, then 1)
        failed(args, new_folder)
        print(
            UNEXPECTED.format(error=f"{type(error).__name__}: {error}", done=done),
            file=sys.stderr,
        )
        return 1
    print(summary)
    return 0


def failed(args, new_folder):
    """Nothing stays: the transaction, and a folder this export created."""
    import shutil
    import transaction

    transaction.abort()
    if args.action == "export" and new_folder:
        shutil.rmtree(args.dir, ignore_errors=True)


def _script_args(argv):
    """The arguments after this script's path (zconsole passes its own too)."""
    for index, arg in enumerate(argv):
        if arg.endswith("migrate.py"):
            return argv[index + 1 :]
    return argv[1:]


if "app" in globals():
    sys.exit(main(app, _script_args(sys.argv)))  # noqa: F821 (zconsole provides app)
