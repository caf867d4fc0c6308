"""Dates as SIRHP shows them, shared by the domains and the site's pages."""

from DateTime import DateTime


def waiting_time(since):
    """How long something has waited, in French ("3 j", "5 h", "< 1 h");
    ``since`` is a Zope ``DateTime`` (catalog metadata)."""
    if not since:
        return ""
    days = DateTime() - since
    if days >= 1:
        return f"{int(days)} j"
    hours = int(days * 24)
    return f"{hours} h" if hours else "< 1 h"
