"""JSON of change requests: values the reader may not see are null.

- ``ChangeRequestSerializer``: ``GET <request>``, ``@search`` with
  ``fullobjects``: the proposed and current values the reader may not see
  are null and named in ``hidden_fields`` (``values.masked_fields``), as on
  the request's page and in ``@change-diff``;
- ``summary``: a request in the lists of ``@change-requests``.
"""

from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from sirhp.content.changes.values import masked_fields
from sirhp.content.changes.values import shown_values
from sirhp.content.interfaces import IChangeRequest
from sirhp.content.interfaces import ISirhpContentLayer
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IChangeRequest, ISirhpContentLayer)
class ChangeRequestSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        masked = masked_fields(self.context, http_request=self.request)
        for key in ("proposed", "current"):
            if key in result:
                result[key] = shown_values(result[key], masked)
        result["hidden_fields"] = sorted(masked)
        return result


def summary(change):
    """A request as listed by ``@change-requests`` (values masked alike)."""
    masked = masked_fields(change)
    return {
        "@id": change.absolute_url(),
        "id": change.getId(),
        "review_state": api.content.get_state(change),
        "target": change.target_uid,
        "target_title": change.target_title,
        # values the caller may not read are null, named in hidden_fields
        "changes": shown_values(change.proposed, masked),
        "hidden_fields": sorted(masked),
        "justification": change.justification,
        "requester": (change.listCreators() or (None,))[0],
        "kind": change.kind,
        "created": change.created().ISO8601(),
        "has_attachment": getattr(change, "attachment", None) is not None,
    }
