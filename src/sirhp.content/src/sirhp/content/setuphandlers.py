"""Install / uninstall hooks of sirhp.content."""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["sirhp.content:uninstall"]

    def getNonInstallableProducts(self):
        return []


def uninstall(context):
    """Types, indexes and registry records are removed by the uninstall profile."""
