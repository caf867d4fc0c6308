"""JSON serializers of SIRHP types: plone.restapi's, plus the derived title.

Personnel files and records compute their title (names, document type,
date) instead of storing a ``title`` field, so plone.restapi would not list
it: clients get it here, as for any Plone content.
"""

from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson


class _TitleMixin:
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        result["title"] = self.context.Title()
        return result


class PersonnelFileSerializer(_TitleMixin, SerializeFolderToJson):
    """Personnel file (folderish).

    The items query skips Plone's publication-date filter (``show_inactive``):
    SIRHP records have no effective/expiration dates, and that filter costs a
    walk of the whole ``effectiveRange`` index (hundreds of ZODB loads per GET
    on a catalog of 100,000+ entries). Security filtering is unchanged
    (``allowedRolesAndUsers``).
    """

    def _build_query(self):
        query = super()._build_query()
        query["show_inactive"] = True
        return query


class RecordSerializer(_TitleMixin, SerializeToJson):
    """Career event or scanned document."""
