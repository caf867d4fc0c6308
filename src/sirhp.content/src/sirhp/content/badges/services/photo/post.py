"""POST @photo {"data": "<base64>", "crop": "x,y,w,h" | [x, y, w, h],
"justification": "..."} on a personnel file.

200 with the new images when the photo is set; 202 with the change request
when it is proposed (validated file).
"""

from base64 import b64decode
import binascii
from sirhp.content import _
from sirhp.content.badges import api
from sirhp.content.badges import photo_rules
from sirhp.content.base.rest import SirhpService

MSG_DATA = _("error_photo_data", default="Envoyez la photo en base64 dans « data ».")
MSG_BASE64 = _("error_photo_base64", default="« data » n'est pas du base64 valide.")


class PhotoPost(SirhpService):
    def reply(self):
        # As every plone.restapi write service: token-less API clients;
        # cookie sessions are checked by sirhp.policy.hardening (Origin).
        self.disable_csrf()
        body = self.body()
        if not isinstance(body.get("data"), str):
            raise api.PhotoError(MSG_DATA, field="data")
        try:
            data = b64decode(body["data"], validate=True)
        except (binascii.Error, ValueError):
            raise api.PhotoError(MSG_BASE64, field="data") from None
        crop = body.get("crop")
        if crop is not None and not isinstance(crop, (str, list)):
            raise api.PhotoError.refused(photo_rules.MSG_BAD_BOX)
        proposal = api.set_or_propose_photo(
            file=self.context,
            data=data,
            box=crop,
            justification=body.get("justification"),
        )
        if proposal is not None:
            self.request.response.setStatus(202)
            self.request.response.setHeader("Location", proposal.absolute_url())
            return {"@id": proposal.absolute_url(), "review_state": "pending"}
        url = self.context.absolute_url()
        return {
            "photo": f"{url}/@@images/photo",
            "photo_original": f"{url}/@@images/photo_original",
            "crop": self.context.photo_crop,
        }
