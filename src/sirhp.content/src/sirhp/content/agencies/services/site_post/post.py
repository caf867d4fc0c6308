"""POST <site>: add content at the site root; an ``Agency`` through the
agencies API.

Body for an agency: {"@type": "Agency", "id", "title", "short_name",
"primary_color", "matricule_prefix"} (other fields are edited afterwards).
Answer: 201, ``Location`` = the agency, its JSON; refusals 400 (403 for a
user who may not add agencies) as ``{"type", "message", "error"}``, nothing
stored. Any other ``@type``: plone.restapi's ``FolderPost`` unchanged.
"""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services.content.add import FolderPost
from sirhp.content.agencies import api as agencies
from sirhp.content.base.agencies import AGENCY_TYPE
from sirhp.content.base.rest import SirhpService
from zope.component import getMultiAdapter


class SitePost(SirhpService, FolderPost):
    def reply(self):
        body = self.body()
        if body.get("@type") != AGENCY_TYPE:
            return FolderPost.reply(self)
        self.disable_csrf()
        agency = agencies.add_agency(container=self.context, values=body)
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", agency.absolute_url())
        serialized = getMultiAdapter((agency, self.request), ISerializeToJson)()
        serialized["@id"] = agency.absolute_url()
        return serialized
