"""Create the SIRHP site if it does not exist yet; with --demo, load the
demo data.

Run with: zconsole run var/NAME/etc/zope.conf scripts/create_site.py
[--production | --demo [--count N]]

Without --demo (the safe default, or --production) the site has its
administrator and the agencies of the profile, nothing else: no demo
account, unit, file or badge. Its administrator comes from the environment:
SIRHP_ADMIN_USER (default "admin") and SIRHP_ADMIN_PASSWORD (required, the
site's password policy applies). Demo-only options are refused without
--demo, and --demo is refused on a site created for production.

With --demo (make start): SIRHP_ADMIN_PASSWORD (default "admin", local use
only), SIRHP_DEMO_PASSWORD (default "sirhp-demo-2026"), SIRHP_DEMO_COUNT.
Both: SIRHP_PUBLIC_URL, and the instance's (SIRHP_AUDIT_DB, SIRHP_MAIL_DIR,
SIRHP_TRUSTED_PROXIES, SIRHP_TEXT_JOBS).

Every setting is checked before anything is created: a refused one is named
in one sentence, French then English, on stderr, and the exit status is 2.
A new site and its demo data are stored together or not at all (a failure
aborts the transaction and removes the bare site plone.distribution commits
first). A site an interrupted run left without its demo content is reported,
never served as if complete.
"""

from AccessControl.SecurityManagement import newSecurityManager
import argparse
import sys
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

SITE_ID = "sirhp"


def ensure_admin(app, password, login="admin"):
    users = app.acl_users
    if users.getUser(login) is None:
        users._doAddUser(login, password, ["Manager"], [])
    elif hasattr(getattr(users, "users", None), "updateUserPassword"):
        # Plone replaces the root user folder by a PAS on site creation; its
        # ZODB user manager changes the password (no IUserManagement there).
        users.users.updateUserPassword(login, password)
    else:  # a classic Zope user folder
        users._doChangeUser(login, password, ["Manager"], [])
    return users.getUser(login).__of__(users)


def upgrade_profiles(site):
    """New code on an existing site: run the pending upgrade steps."""
    from plone import api

    setup = site.portal_setup
    with api.env.adopt_roles(["Manager"]):
        for profile in ("sirhp.content:default", "sirhp.policy:default"):
            before = setup.getLastVersionForProfile(profile)
            setup.upgradeProfile(profile)
            after = setup.getLastVersionForProfile(profile)
            if before != after:
                print(f"Upgraded {profile}: {before} -> {after}")
    transaction.commit()


def create_site(app):
    from plone.distribution.api import site as site_api

    answers = {
        "site_id": SITE_ID,
        "title": "SIRHP",
        "description": "Système intégré des ressources humaines de la Police",
        "default_language": "fr",
        "portal_timezone": "Africa/Bamako",
        "setup_content": False,
    }
    site = site_api.create(app, "classic", answers)
    setSite(site)
    from plone.base.utils import get_installer

    get_installer(site).install_product("sirhp.policy")
    from plone import api

    api.portal.set_registry_record("plone.available_languages", ["fr", "en"])
    api.portal.set_registry_record(
        "plone.email_from_address", "sirhp@police.example.ml"
    )
    api.portal.set_registry_record("plone.email_from_name", "SIRHP")
    return site


DEMO_ONLY = ("count", "no_accounts", "bulk", "add")


def parse(argv):
    parser = argparse.ArgumentParser(prog="create_site.py")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--demo",
        action="store_true",
        help="demo data: accounts with the published password, units, files, "
        "badges (make start, benchmarks)",
    )
    kind.add_argument(
        "--production",
        action="store_true",
        help="the default: the administrator and the agencies, no demo data",
    )
    parser.add_argument("--count", type=int, help="demo files (with --demo)")
    parser.add_argument(
        "--no-accounts",
        action="store_true",
        default=None,
        help="no officer accounts (large benchmark sites)",
    )
    parser.add_argument(
        "--bulk",
        action="store_true",
        default=None,
        help="no initial versions (large benchmark sites, as an import)",
    )
    parser.add_argument(
        "--add", type=int, help="add N more files to an existing site (benchmarks)"
    )
    return parser.parse_args(argv)


def main(app, argv, environ=None):
    """Returns the exit status: 0, or 2 when a setting or the site is wrong."""
    from sirhp.policy.setuphandlers import environment
    from sirhp.policy.setuphandlers.production import demo_only_error

    args = parse(argv)
    settings, errors = environment.check_settings(environ, demo=args.demo)
    if not args.demo:
        errors += [
            demo_only_error(option)
            for option in DEMO_ONLY
            if getattr(args, option) is not None
        ]
    if args.count is None:
        args.count = settings.demo_count
    args.add = args.add or 0
    args.no_accounts, args.bulk = bool(args.no_accounts), bool(args.bulk)
    for option in ("count", "add"):
        if getattr(args, option) < 0:
            errors.append(environment.integer_error(f"--{option}", 0))
    if errors:
        return refuse(errors)

    app = makerequest(app)
    if SITE_ID in app.objectIds():
        return update_site(app, args, settings)
    if not args.demo:
        return new_production_site(app, settings)
    return new_site(app, args, settings)


def refuse(errors):
    for error in errors:
        for line in error.lines():
            print(line, file=sys.stderr)
    return 2


def log_in(app, settings):
    admin = ensure_admin(app, settings.admin_password, settings.admin_user)
    newSecurityManager(None, admin)
    transaction.commit()


def update_site(app, args, settings):
    from sirhp.policy.login import throttle
    from sirhp.policy.setuphandlers import demo
    from sirhp.policy.setuphandlers import environment
    from sirhp.policy.setuphandlers import production

    site = app[SITE_ID]
    setSite(site)
    if not args.demo:  # production: new code, data kept, nothing added
        log_in(app, settings)
        print(f"Site '{SITE_ID}' exists: data kept.")
        upgrade_profiles(site)
        return 0
    if production.is_production(site):
        return refuse([production.production_site_error(site)])
    problem = environment.incomplete_site(site)
    if problem is not None:
        return refuse([problem])
    if args.add and not args.no_accounts:  # accounts under this site's policy
        error = environment.password_error(
            settings.demo_password, throttle.setting("password_min_length")
        )
        if error is not None:
            return refuse([error])
    log_in(app, settings)
    if not args.add:
        print(f"Site '{SITE_ID}' exists: data kept.")
        upgrade_profiles(site)
        for warning in environment.demo_account_warnings(site, settings):
            print(_both(warning), file=sys.stderr)
        print_officers(site)
        return 0
    existing = len(
        site.portal_catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
    )
    count, seconds = demo.generate_files(
        site,
        args.add,
        accounts=not args.no_accounts,
        password=settings.demo_password,
        commit_every=500,
        progress=_progress,
        offset=existing,
        bulk=args.bulk,
    )
    transaction.commit()
    report(site, count, seconds)
    return 0


def new_site(app, args, settings):
    """The site, its demo data and badges: all stored, or none."""
    from sirhp.policy.setuphandlers import demo
    from sirhp.policy.setuphandlers import environment

    log_in(app, settings)
    try:
        start = time.perf_counter()
        site = create_site(app)
        print(f"Site '{SITE_ID}' created in {time.perf_counter() - start:.1f} s")
        count, seconds = demo.create_demo_site_content(
            site,
            count=args.count,
            password=settings.demo_password,
            accounts=not args.no_accounts,
            savepoint_every=500,
            progress=_progress,
            bulk=args.bulk,
        )
        set_public_url(settings)
        badges = demo.create_demo_badges(site, count=40)
        print(f"{badges} demo badges (photos, requests, a print batch per agency)")
        start = time.perf_counter()
        made = demo.create_demo_recruitment(site)
        print(
            f"{made['campaigns']} concours, {made['lists']} deployment lists, "
            f"{made['documents']} official documents in "
            f"{time.perf_counter() - start:.1f} s"
        )
        if not args.no_accounts:  # the benchmark site: its benchmarks open their own
            start = time.perf_counter()
            hr = demo.create_demo_hr_modules(site)
            print(
                f"{hr['training']['courses']} training courses, "
                f"{hr['training']['acts']} training acts, "
                f"{hr['evaluation']['evaluations']} evaluations of the "
                f"{demo.REFERENCE_DATE.year} campaign in "
                f"{time.perf_counter() - start:.1f} s"
            )
        transaction.commit()
    except BaseException:
        transaction.abort()
        remove_bare_site(app)
        print(_both(environment.creation_failed(SITE_ID)), file=sys.stderr)
        raise
    report(site, count, seconds)
    return 0


def new_production_site(app, settings):
    """The site with its administrator and agencies, marked as a production
    site: no demo account, unit, file or badge. Stored whole, or not at all."""
    from sirhp.policy.setuphandlers import environment
    from sirhp.policy.setuphandlers import production

    log_in(app, settings)
    try:
        start = time.perf_counter()
        site = create_site(app)
        production.mark_production(site)
        set_public_url(settings)
        transaction.commit()
    except BaseException:
        transaction.abort()
        remove_bare_site(app)
        print(_both(environment.creation_failed(SITE_ID)), file=sys.stderr)
        raise
    print(
        f"Site '{SITE_ID}' created in {time.perf_counter() - start:.1f} s "
        f"(production: no demo data); administrator: {settings.admin_user}"
    )
    return 0


def set_public_url(settings):
    if settings.public_url:  # the address in the badges' QR codes
        from plone import api

        api.portal.set_registry_record("sirhp.badge.public_url", settings.public_url)


def remove_bare_site(app):
    """plone.distribution commits the bare site itself: remove it, so that
    a failed creation leaves nothing (a killed one is found by
    ``incomplete_site`` on the next run)."""
    setSite(None)
    try:
        if SITE_ID in app.objectIds():
            app.manage_delObjects([SITE_ID])
            transaction.commit()
    except Exception:
        transaction.abort()


def _both(message):
    from sirhp.policy.setuphandlers.environment import in_both_languages

    return "\n".join(in_both_languages(message))


def report(site, count, seconds):
    print(
        f"{count} personnel files generated in {seconds:.1f} s "
        f"({count / seconds if seconds else 0:.0f} files/s)"
    )
    print_officers(site)


def print_officers(site, per_agency=3):
    """A few officer accounts (login = matricule) of each agency."""
    from plone import api
    from sirhp.content.base.agencies import agencies

    officers = {user.getId() for user in api.user.get_users(groupname="officers")}
    for agency in [each.getId() for each in agencies()]:
        brains = site.portal_catalog.unrestrictedSearchResults(
            portal_type="PersonnelFile",
            agency=agency,
            review_state="validated",
            sort_on="id",
        )
        logins = [b.matricule for b in brains if b.matricule in officers][:per_agency]
        if logins:
            print(f"Officer accounts ({agency}): {', '.join(logins)}")


def _progress(done, seconds):
    print(f"  {done} files, {done / seconds:.0f} files/s", flush=True)


def _script_args(argv):
    """The arguments after this script's path (zconsole passes its own too)."""
    for index, arg in enumerate(argv):
        if arg.endswith("create_site.py"):
            return argv[index + 1 :]
    return argv[1:]


if "app" in globals():
    sys.exit(main(app, _script_args(sys.argv)))  # noqa: F821 (zconsole provides app)
