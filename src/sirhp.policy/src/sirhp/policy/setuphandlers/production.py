"""A production site: created without demo data, on purpose.

``scripts/create_site.py`` without ``--demo`` marks the site it creates, so
that a later demo run refuses to load demo accounts into it, and the
"incomplete demo site" check does not mistake it for an interrupted one.
"""

from sirhp.policy import _
from sirhp.policy.setuphandlers.environment import SettingError
from zope.annotation.interfaces import IAnnotations

PRODUCTION_KEY = "sirhp.policy.production_site"


def mark_production(site):
    """Remember that ``site`` was created without demo data (on purpose)."""
    IAnnotations(site)[PRODUCTION_KEY] = True


def is_production(site):
    return bool(IAnnotations(site).get(PRODUCTION_KEY, False))


def production_site_error(site):
    return SettingError(
        _(
            "error_site_production_demo",
            default="Le site « ${site} » est un site de production : il ne "
            "reçoit pas de données de démonstration (--demo refusé).",
            mapping={"site": site.getId()},
        )
    )


def demo_only_error(option):
    """``option`` (an argparse dest) given without ``--demo``."""
    return SettingError(
        _(
            "error_option_demo_only",
            default="${option} refusé : option des sites de démonstration "
            "(ajoutez --demo).",
            mapping={"option": "--" + option.replace("_", "-")},
        )
    )
