"""JSON of a change request (``GET <request>``, ``@search`` with
``fullobjects``): the proposed and current values the reader may not see
are null and named in ``hidden_fields`` (sirhp.policy.changes.api
.masked_fields), as on the request's page and in ``@change-diff``."""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from sirhp.content.interfaces import IChangeRequest
from sirhp.policy.changes import api as changes
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IChangeRequest, ISirhpPolicyLayer)
class ChangeRequestSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        masked = changes.masked_fields(self.context, http_request=self.request)
        for key in ("proposed", "current"):
            if key in result:
                result[key] = changes.shown_values(self.context, result[key], masked)
        result["hidden_fields"] = sorted(masked)
        return result
