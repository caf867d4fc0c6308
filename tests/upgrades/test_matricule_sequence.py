"""Matricule sequence on a site of before (agencies without prefix or next
number): the upgrade sets each agency's prefix and the number after its
highest file, is re-runnable and never moves a sequence back; a new site
has it from the install."""

from Acquisition import aq_base
from plone import api
from sirhp.content.content import matricule_sequence as sequence
from sirhp.policy.upgrades import matricule_sequence as upgrade_module

FIELDS = (sequence.PREFIX, sequence.NEXT)


def _state(portal):
    return {
        agency: tuple(getattr(portal[agency], name, None) for name in FIELDS)
        for agency in ("police-nationale", "ocs")
    }


def test_upgrade(portal, testdata):
    with api.env.adopt_roles(["Manager"]):
        for agency in ("police-nationale", "ocs"):
            base = aq_base(portal[agency])
            base._p_activate()
            for name in FIELDS:  # the site before: no sequence
                if name in base.__dict__:
                    delattr(base, name)
        assert _state(portal) == {"police-nationale": (None, None), "ocs": (None, None)}
        upgrade_module.upgrade(portal.portal_setup)
        # the test data: PN files 100001-100005, OCS 800001-800003
        expected = {"police-nationale": ("1", 100006), "ocs": ("8", 800004)}
        assert _state(portal) == expected
        upgrade_module.upgrade(portal.portal_setup)  # re-runnable
        assert _state(portal) == expected
        # an administrator's prefix is kept, a later next number too
        portal["ocs"].matricule_prefix = "85"
        portal["police-nationale"].matricule_next = 150000
        upgrade_module.upgrade(portal.portal_setup)
    assert _state(portal) == {
        "police-nationale": ("1", 150000),
        "ocs": ("85", 850000),
    }
    assert sequence.next_matricule(portal["ocs"]) == sequence.matricule_of(850000)


def test_installed_site_is_current(portal):
    """A new site has a sequence on each agency (set before any file)."""
    prefixes = {agency: prefix for agency, (prefix, _n) in _state(portal).items()}
    assert prefixes == {"police-nationale": "1", "ocs": "8"}
    assert all(following for _p, following in _state(portal).values())
