"""Plone's and Zope's defaults on SIRHP content are the reviewed ones.

The permissions that Owner, Authenticated and Anonymous hold on one object
of every SIRHP type, in every state of its workflow (site rolemap acquired
into agencies, units, files and records, plus what the SIRHP workflows
grant), must be exactly those declared, with their reason, in
``tests/security/defaults.py``. A Plone upgrade, an add-on or a profile
change that grants one of these roles something new fails here until the
grant is reviewed and declared (docs/security.md renders the table).
"""

from AccessControl.Permission import getPermissions
from AccessControl.PermissionRole import rolesForPermissionOn
from plone import api
import Products.Sessions.SessionDataManager  # noqa: F401
import Products.Transience.Transience  # noqa: F401
from tests.security import defaults
from tests.security import sirhp_objects

# A running Zope loads every installed product at start-up, and with them
# the permissions they declare (the sessions': Anonymous by default). The
# test layers load only some; imported here, so that the table is the
# production one whatever other test ran before in this process.


def _permissions(obj):
    names = {entry[0] for entry in getPermissions()}
    names |= {entry[0] for entry in obj.ac_inherited_permissions(1)}
    return sorted(names - defaults.IGNORED)


def _held(obj):
    """{(permission, role)} of the default roles on ``obj``, acquisition included."""
    held = set()
    for permission in _permissions(obj):
        roles = rolesForPermissionOn(permission, obj) or ()
        if isinstance(roles, str):
            roles = (roles,)
        held |= {(permission, role) for role in defaults.ROLES if role in roles}
    return held


def test_default_roles_hold_only_the_declared_permissions(portal, testdata):
    objects = sirhp_objects.build(portal, testdata)
    type_states = {name: sirhp_objects.states_of(obj) for name, obj in objects.items()}
    actual = set()
    for name, obj in objects.items():
        for state in type_states[name]:
            sirhp_objects.set_state(obj, state)
            actual |= {(name, state, *pair) for pair in _held(obj)}
    expected = defaults.expected(type_states)
    undeclared = sorted(actual - expected)
    gone = sorted(expected - actual)
    assert not undeclared and not gone, (
        "Owner/Authenticated/Anonymous on SIRHP content changed: review it and "
        "update tests/security/defaults.py (then scripts/render_security_doc.py)."
        f"\nheld but not declared: {undeclared}\ndeclared but not held: {gone}"
    )


def test_removed_defaults_stay_with_administrators(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    for removal in defaults.REMOVED:
        roles = set(rolesForPermissionOn(removal.permission, file) or ())
        assert roles <= {"Manager", "Site Administrator"}, removal.permission
        assert "Manager" in roles, removal.permission


def test_sirhp_containers_accept_only_sirhp_types(portal):
    """What the reason of the Plone add permissions relies on."""
    types = api.portal.get_tool("portal_types")
    for name in sirhp_objects.TYPES:
        fti = types[name]
        assert fti.filter_content_types, name
        assert set(fti.allowed_content_types) <= set(sirhp_objects.TYPES), name


def test_every_sirhp_type_is_reviewed(portal):
    """A new SIRHP type must join sirhp_objects (and so this review)."""
    types = api.portal.get_tool("portal_types")
    sirhp = {
        name
        for name in types.objectIds()
        if getattr(types[name], "klass", "").startswith("sirhp.")
    }
    assert sirhp == set(sirhp_objects.TYPES)
