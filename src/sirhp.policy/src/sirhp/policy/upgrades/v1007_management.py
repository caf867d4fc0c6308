"""Zope management screens and WebDAV/FTP for administrators only.

Plone gave the creator of an object (Owner) the Zope management screens,
its properties and marker interfaces, ownership, undo, URL aliases, layout,
addable types and reverting to an old version; Zope gave WebDAV to every
authenticated user. ``profiles/default/rolemap.xml`` now keeps them for
administrators (docs/security.md, "Plone's defaults").

This step imports that rolemap, then takes off SIRHP content what the
creators could add through those screens and neither SIRHP nor Plone sets
there: Zope properties (but Plone's title, layout and default page) and
marker interfaces provided by the object itself (but CMFEditions' mark of a
versioned object): a creator could, say, mark a file as a navigation root
or as the site. Each removal is logged. Re-runnable.
"""

from plone import api
from Products.CMFEditions.interfaces import IVersioned
from sirhp.policy import logger
from zope.interface import directlyProvidedBy
from zope.interface import noLongerProvides

PROFILE = "profile-sirhp.policy:default"
KEPT_PROPERTIES = ("title", "layout", "default_page")
KEPT_MARKERS = (IVersioned,)


def _sirhp_types():
    types = api.portal.get_tool("portal_types")
    return [
        name
        for name in types.objectIds()
        if getattr(types[name], "klass", "").startswith("sirhp.")
    ]


def _clean(obj):
    """Properties and markers removed from ``obj``: (properties, markers)."""
    properties = [name for name in obj.propertyIds() if name not in KEPT_PROPERTIES]
    if properties:
        obj.manage_delProperties(properties)
    markers = [
        marker for marker in directlyProvidedBy(obj) if marker not in KEPT_MARKERS
    ]
    for marker in markers:
        noLongerProvides(obj, marker)
    if properties or markers:
        obj.reindexObject()
    return properties, [marker.__identifier__ for marker in markers]


def upgrade(context):
    context.runImportStepFromProfile(PROFILE, "rolemap")
    catalog = api.portal.get_tool("portal_catalog")
    cleaned = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=_sirhp_types()):
        obj = brain._unrestrictedGetObject()
        properties, markers = _clean(obj)
        if properties or markers:
            cleaned += 1
            logger.warning(
                "%s: removed Zope properties %s and marker interfaces %s",
                brain.getPath(),
                properties,
                markers,
            )
    logger.info(
        "sirhp.policy: management screens and WebDAV for administrators only; "
        "%s objects cleaned",
        cleaned,
    )
