"""Interfaces of sirhp.policy."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISirhpPolicyLayer(IDefaultBrowserLayer):
    """Browser layer of the SIRHP site policy (views, templates, resources)."""
