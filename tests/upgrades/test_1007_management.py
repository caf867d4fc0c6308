"""Upgrade: management screens and WebDAV for administrators only.

The site is put back to Plone's and Zope's defaults (Owner holds the Zope
management screens, properties, revert...; every authenticated user holds
WebDAV access), and clerk.pn, who created officer A's file, has added a Zope
property and a marker interface to it through those screens. The upgrade
takes the permissions back to administrators and removes both; run twice.
"""

from plone import api
from Products.CMFEditions.interfaces import IVersioned
from sirhp.policy.upgrades import v1007_management
from zope.interface import alsoProvides
from zope.interface import Interface


class IPirate(Interface):
    """A marker added through manage_interfaces."""


# Plone's and Zope's settings on the site root before the step
PREVIOUS = {
    "View management screens": ["Manager", "Owner"],
    "Manage properties": ["Manager", "Site Administrator", "Owner", "Editor"],
    "WebDAV access": ["Site Administrator"],  # + Authenticated (Zope)
    "FTP access": ["Manager", "Site Administrator", "Owner"],
    "WebDAV Lock items": ["Site Administrator"],  # + Owner (Zope)
    "WebDAV Unlock items": ["Site Administrator"],
    "Take ownership": [],  # Zope: Owner, Manager
    "Undo changes": ["Manager", "Site Administrator", "Owner"],
    "CMFEditions: Revert to previous versions": [
        "Manager",
        "Site Administrator",
        "Owner",
        "Editor",
        "Reviewer",
    ],
    "CMFEditions: Checkout to location": [
        "Manager",
        "Site Administrator",
        "Owner",
        "Editor",
        "Reviewer",
    ],
    "Manage Context Aliases": ["Manager", "Site Administrator", "Owner", "Editor"],
    "Modify view template": ["Manager", "Site Administrator", "Owner", "Editor"],
    "Modify constrain types": ["Manager", "Site Administrator", "Owner"],
    "Add portal folders": ["Manager", "Site Administrator", "Owner", "Contributor"],
}


def _held(file):
    return {
        permission
        for permission in (*PREVIOUS, "Add portal member")
        if api.user.has_permission(permission, username="clerk.pn", obj=file)
    }


def test_upgrade(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    other = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    with api.env.adopt_roles(["Manager"]):
        for permission, roles in PREVIOUS.items():
            portal.manage_permission(permission, roles, acquire=True)
        portal.manage_permission(
            "Add portal member", ["Manager", "Site Administrator", "Owner"]
        )
        file.manage_addProperty("pirate", "valeur ajoutée", "string")
        alsoProvides(file, IPirate)
        alsoProvides(file, IVersioned)
    assert _held(file) == {*PREVIOUS, "Add portal member"}
    assert api.user.has_permission("WebDAV access", username="reviewer.pn", obj=file)
    title = file.title
    for _ in range(2):  # re-runnable
        v1007_management.upgrade(portal.portal_setup)
        assert _held(file) == set()
        assert not api.user.has_permission(
            "WebDAV access", username="reviewer.pn", obj=file
        )
        assert file.propertyIds() == ["title"]
        assert not file.hasProperty("pirate")
        assert not IPirate.providedBy(file)
        assert IVersioned.providedBy(file)
        assert file.title == title
        assert other.propertyIds() == ["title"]
    with api.env.adopt_roles(["Manager"]):
        for permission in PREVIOUS:
            assert api.user.has_permission(permission, obj=file), permission
