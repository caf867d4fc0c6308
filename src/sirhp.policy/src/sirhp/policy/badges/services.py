"""REST endpoints of badges: @photo, @badge-print, @badge-verification.

Same rules and permissions as the pages (views.py, verify.py); errors as
HTTP status + {"type", "message"} in French; nothing stored on a refusal.
"""

from AccessControl import Unauthorized
from base64 import b64decode
from base64 import b64encode
import binascii
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from sirhp.content.content.photo import set_photo
from sirhp.content.domain import photo as photo_rules
from sirhp.policy.badges.verify import check
from sirhp.policy.badges.verify import rate_limited
from sirhp.policy.badges.verify import TOO_MANY
from sirhp.policy.badges.views import create_batch
from sirhp.policy.badges.views import MAX_BATCH
import transaction
from zExceptions import BadRequest
from zope.event import notify
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.lifecycleevent import ObjectModifiedEvent


def _error(service, status, message, type_="BadRequest"):
    transaction.doom()
    service.request.response.setStatus(status)
    return {"type": type_, "message": message}


class PhotoPost(Service):
    """POST @photo {"data": "<base64>", "crop": "x,y,w,h"} on a file."""

    def reply(self):
        # As every plone.restapi write service: token-less API clients;
        # cookie sessions are checked by sirhp.policy.hardening (Origin).
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request)
        if not isinstance(body, dict) or not isinstance(body.get("data"), str):
            return _error(self, 400, "Envoyez la photo en base64 dans « data ».")
        try:
            data = b64decode(body["data"], validate=True)
        except (binascii.Error, ValueError):
            return _error(self, 400, "« data » n'est pas du base64 valide.")
        crop = body.get("crop")
        if isinstance(crop, list):
            crop = ",".join(str(v) for v in crop)
        if crop is not None and not isinstance(crop, str):
            return _error(self, 400, photo_rules.MSG_BAD_BOX)
        from sirhp.content.changes import api as changes

        if not api.user.has_permission("Modify portal content", obj=self.context):
            if not changes.may_propose(self.context):
                raise Unauthorized("Modify portal content")
            # validated file: the new photo is a change request (HTTP 202)
            try:
                box = photo_rules.parse_box(crop)
                request = changes.propose_photo(
                    file=self.context,
                    data=data,
                    box=box,
                    justification=body.get("justification"),
                )
            except photo_rules.PhotoError as error:
                return _error(self, 400, error.message)
            except changes.ChangeError as error:
                return _error(self, 400, error.text(self.request))
            self.request.response.setStatus(202)
            self.request.response.setHeader("Location", request.absolute_url())
            return {"@id": request.absolute_url(), "review_state": "pending"}
        try:
            box = photo_rules.parse_box(crop)
            set_photo(self.context, data, box)
        except photo_rules.PhotoError as error:
            return _error(self, 400, error.message)
        self.request.set("changeNote", "Nouvelle photo d'identité")
        notify(ObjectModifiedEvent(self.context))
        url = self.context.absolute_url()
        return {
            "photo": f"{url}/@@images/photo",
            "photo_original": f"{url}/@@images/photo_original",
            "crop": self.context.photo_crop,
        }


class BadgePrintPost(Service):
    """POST @badge-print {"badges": [UID, ...], "layout": "card"|"a4"} on an agency."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request)
        uids = body.get("badges") if isinstance(body, dict) else None
        layout = body.get("layout", "card") if isinstance(body, dict) else None
        if (
            not isinstance(uids, list)
            or not uids
            or len(uids) > MAX_BATCH
            or not all(isinstance(uid, str) for uid in uids)
        ):
            return _error(
                self, 400, "« badges » : une liste de 1 à 500 identifiants (UID)."
            )
        if layout not in ("card", "a4"):
            return _error(self, 400, "« layout » : « card » ou « a4 ».")
        try:
            batch = create_batch(self.context, uids, layout, self.request)
        except BadRequest as error:
            return _error(self, 400, str(error))
        self.request.response.setStatus(201)
        url = batch.absolute_url()
        self.request.response.setHeader("Location", url)
        return {
            "@id": url,
            "pdf": f"{url}/@@download/pdf",
            "cards": list(batch.card_numbers),
            "layout": layout,
        }


class BadgeVerificationGet(Service):
    """GET @badge-verification?token=... or ?numero=... (public, read only)."""

    def reply(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        if rate_limited(self.request):
            self.request.response.setHeader("Retry-After", "60")
            self.request.response.setStatus(429)
            return {
                "type": "TooManyRequests",
                "message": translate(TOO_MANY, target_language="fr"),
            }
        form = self.request.form
        if form.get("numero") is not None:
            result = check(number=str(form["numero"])[:40])
        else:
            result = check(token=str(form.get("token") or "")[:100])
        if result.get("expiry_date"):
            result["expiry_date"] = result["expiry_date"].isoformat()
        if result.get("photo"):
            result["photo"] = "data:image/jpeg;base64," + b64encode(
                result["photo"]
            ).decode("ascii")
        return result
