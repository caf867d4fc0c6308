"""Discipline on a site made before: the read permission of disciplinary
fields granted, existing sanction and suspension acts restricted."""

from datetime import date
from plone import api
from sirhp.content.permissions import ReadDisciplinary
from sirhp.policy.upgrades.careers_discipline import upgrade
from zope.annotation.interfaces import IAnnotations

DISCIPLINARY_ROLES = {"Site Administrator", "HRManager", "Auditor", "Officer"}


def _granted(portal):
    return {
        r["name"] for r in portal.rolesOfPermission(ReadDisciplinary) if r["selected"]
    }


def _forget_local_roles(request):
    """borg.localrole caches the local roles checks on the request."""
    annotations = IAnnotations(request)
    for key in [k for k in annotations if str(k).startswith("borg.localrole")]:
        del annotations[key]


def test_upgrade_grants_and_restricts_existing_acts(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="hrmanager.pn"):
        act = api.content.create(
            container=file,
            type="CareerEvent",
            id="blame",
            event_type="sanction",
            sanction="blame",
            event_date=date(2025, 3, 1),
        )
    # before: the permission was Manager's only, acts inherited local roles
    portal.manage_permission(ReadDisciplinary, roles=["Manager"], acquire=True)
    act.__ac_local_roles_block__ = False
    del act._sirhp_restricted
    for principal, _roles in list(act.get_local_roles()):
        if principal != "hrmanager.pn":
            act.manage_delLocalRoles([principal])
    act.reindexObjectSecurity()
    with api.env.adopt_user(username="clerk.pn"):
        assert api.user.has_permission("View", obj=act)
    assert not DISCIPLINARY_ROLES & _granted(portal)

    assert upgrade(portal.portal_setup) >= 1
    _forget_local_roles(portal.REQUEST)
    assert DISCIPLINARY_ROLES <= _granted(portal)
    assert act.__ac_local_roles_block__
    with api.env.adopt_user(username="clerk.pn"):
        assert not api.user.has_permission("View", obj=act)
    with api.env.adopt_user(username="hrmanager.pn"):
        assert api.user.has_permission("View", obj=act)
    assert upgrade(portal.portal_setup) == 0  # re-runnable: nothing left to do
