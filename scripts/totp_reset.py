"""Remove a user's TOTP second factor and recovery codes (lost phone), from a
shell: for when no administrator can log in to use ``@@totp-reinitialiser``.

Usage:
    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/totp_reset.py \\
        USERID --reason "Téléphone perdu, identité vérifiée par ..."

The audit journal records the reset (who: ``console:<system account>``, whom,
the reason). Exit status 0 when reset, 1 when the user is unknown or had no
second factor. ``--site`` names the Plone site (default ``sirhp``).
"""

import argparse
import getpass
from plone import api
import sys
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

SITE_ID = "sirhp"
DEFAULT_REASON = "Réinitialisation en console (scripts/totp_reset.py)"


def main(app, argv):
    parser = argparse.ArgumentParser(prog="totp_reset.py")
    parser.add_argument("userid", help="the user's id (login of Plone users)")
    parser.add_argument("--reason", default=DEFAULT_REASON, help="why (journal)")
    parser.add_argument("--site", default=SITE_ID, help="id of the Plone site")
    args = parser.parse_args(argv)
    from sirhp.policy.login import totp
    from sirhp.policy.login import totp_store

    app = makerequest(app)
    setRequest(app.REQUEST)
    site = app[args.site]
    setSite(site)
    known = api.user.get(userid=args.userid) is not None
    if not known and not totp_store.is_enrolled(args.userid):  # admin: Zope root
        print(f"{args.userid}: no such user in {args.site}", file=sys.stderr)
        return 1
    actor = f"console:{getpass.getuser()}"
    done = totp.reset(
        args.userid,
        args.reason,
        request=app.REQUEST,
        actor=actor,
        channel="console",
    )
    if not done:
        print(f"{args.userid}: no second factor, nothing changed", file=sys.stderr)
        return 1
    transaction.commit()
    print(f"{args.userid}: second factor and recovery codes removed (by {actor})")
    return 0


def _script_args(argv):
    """The arguments after this script's path (zconsole passes its own too)."""
    for index, arg in enumerate(argv):
        if arg.endswith("totp_reset.py"):
            return argv[index + 1 :]
    return argv[1:]


if "app" in globals():
    sys.exit(main(app, _script_args(sys.argv)))  # noqa: F821 (zconsole provides app)
