"""Deterministic generator of synthetic SIRHP data (demo, tests, benchmarks).

Everything here is invented: Malian-sounding names drawn from short lists,
matricules from a counter, dates from a seeded random generator. The same
``seed`` and ``count`` always give the same data, on any day: dates are drawn
relative to ``REFERENCE_DATE``, never to the clock.

Entry points (``sirhp.policy.setuphandlers.demo.<name>``):
- ``build_units(portal)``: the units of both agencies (every region);
- ``create_staff_users(password)``: the demo accounts (clerk.pn, ...);
- ``generate_files(portal, count, ...)``: personnel files with their career
  events and documents, in every workflow state;
- ``create_demo_site_content``: all of it, what ``make start`` loads;
  ``create_demo_badges``: photos and badges;
  ``create_demo_recruitment``: concours, deployment lists and official
  documents (after the files: the lists and documents name some);
  ``create_demo_hr_modules``: training and the year's evaluation campaign.

Modules: ``units``, ``people`` (accounts, matricules), ``history`` (past
transitions), ``files`` (the generator), ``careers`` (coherent careers from
the référentiels, pure), ``records`` (a career's acts and leave requests as
content), ``badges``, ``recruitment`` (concours), ``requests`` (deployment
lists, official documents), ``hr_modules`` (training, evaluation).
"""

from sirhp.policy.setuphandlers.demo.badges import create_demo_badges
from sirhp.policy.setuphandlers.demo.files import DEFAULT_SEED
from sirhp.policy.setuphandlers.demo.files import generate_files
from sirhp.policy.setuphandlers.demo.files import Generator
from sirhp.policy.setuphandlers.demo.files import REFERENCE_DATE
from sirhp.policy.setuphandlers.demo.files import without_initial_versions
from sirhp.policy.setuphandlers.demo.history import WORKFLOW
from sirhp.policy.setuphandlers.demo.hr_modules import create_demo_evaluation
from sirhp.policy.setuphandlers.demo.hr_modules import create_demo_training
from sirhp.policy.setuphandlers.demo.people import create_staff_users
from sirhp.policy.setuphandlers.demo.people import ensure_commanders_group
from sirhp.policy.setuphandlers.demo.people import ensure_officer_account
from sirhp.policy.setuphandlers.demo.people import matricule
from sirhp.policy.setuphandlers.demo.people import matricules_in
from sirhp.policy.setuphandlers.demo.people import STAFF_USERS
from sirhp.policy.setuphandlers.demo.recruitment import create_demo_campaigns
from sirhp.policy.setuphandlers.demo.requests import create_demo_documents
from sirhp.policy.setuphandlers.demo.requests import create_demo_lists
from sirhp.policy.setuphandlers.demo.units import build_units
from sirhp.policy.setuphandlers.demo.units import COMMANDED_UNIT
from sirhp.policy.setuphandlers.demo.units import leaf_units
from sirhp.policy.setuphandlers.demo.units import UNITS

__all__ = [
    "COMMANDED_UNIT",
    "DEFAULT_SEED",
    "REFERENCE_DATE",
    "STAFF_USERS",
    "UNITS",
    "WORKFLOW",
    "Generator",
    "build_units",
    "create_demo_badges",
    "create_demo_campaigns",
    "create_demo_documents",
    "create_demo_evaluation",
    "create_demo_hr_modules",
    "create_demo_lists",
    "create_demo_recruitment",
    "create_demo_site_content",
    "create_demo_training",
    "create_staff_users",
    "ensure_commanders_group",
    "ensure_officer_account",
    "generate_files",
    "leaf_units",
    "matricule",
    "matricules_in",
    "without_initial_versions",
]


def create_demo_site_content(
    portal,
    count=300,
    password="sirhp-demo-2026",
    seed=DEFAULT_SEED,
    accounts=True,
    commit_every=0,
    progress=None,
    bulk=False,
    savepoint_every=0,
):
    """Units, staff accounts and ``count`` files: what ``make start`` loads."""
    build_units(portal)
    create_staff_users(portal, password)
    return generate_files(
        portal,
        count,
        seed=seed,
        accounts=accounts,
        password=password,
        commit_every=commit_every,
        progress=progress,
        bulk=bulk,
        savepoint_every=savepoint_every,
    )


def create_demo_recruitment(portal, seed=DEFAULT_SEED):
    """Two concours (results published, in progress), two deployment lists
    (active and notified, closed) and official documents (issued, revoked,
    requested), on a site with its demo files and staff accounts.

    :returns: ``{"campaigns", "lists", "documents"}``: how many of each.
    """
    campaigns = create_demo_campaigns(portal, seed)
    deployment_lists = create_demo_lists(portal)
    documents = create_demo_documents(portal)
    return {
        "campaigns": len(campaigns),
        "lists": len(deployment_lists),
        "documents": len(documents),
    }


def create_demo_hr_modules(portal, seed=DEFAULT_SEED, closer=None):
    """Training (catalogue, a closed and a planned session) and the year's
    evaluation campaign, on a site with its demo files and staff accounts
    (``hr_modules``).

    :param closer: who closes the training session HR recorded (default:
        the current user).
    :returns: ``{"training": {...}, "evaluation": {...}}``: what
        ``create_demo_training`` and ``create_demo_evaluation`` made.
    """
    return {
        "training": create_demo_training(portal, seed, closer=closer),
        "evaluation": create_demo_evaluation(portal, seed),
    }
