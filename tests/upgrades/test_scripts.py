"""Scripts on a site installed before: the ``plone`` bundle without an
expression (loaded on every page); the upgrade gives it SIRHP's."""

from plone import api
from sirhp.policy.upgrades import scripts
from sirhp.policy.weight.scripts import EXPRESSION


def test_profile_and_upgrade_agree(portal):
    assert api.portal.get_registry_record(scripts.RECORD) == EXPRESSION
    assert (
        api.portal.get_registry_record("plone.bundles/plone.jscompilation")
        == "++plone++static/bundle-plone/bundle.min.js"
    )


def test_upgrade(portal):
    api.portal.set_registry_record(scripts.RECORD, "")  # the site before
    scripts.upgrade(portal.portal_setup)
    scripts.upgrade(portal.portal_setup)  # re-runnable
    assert api.portal.get_registry_record(scripts.RECORD) == EXPRESSION
