"""GET @badge-verification?token=... or ?numero=... (public, read only).

The answer of the page ``@@carte`` as JSON: ``status``, and for a valid
card ``name``, ``grade``, ``agency``, ``expiry_date`` (ISO) and ``photo``
(a data: URL).
"""

from base64 import b64encode
from sirhp.content.badges import api
from sirhp.content.base.rest import SirhpService
from sirhp.policy.badges.verify import rate_limited
from sirhp.policy.badges.verify import TooManyChecks


class BadgeVerificationGet(SirhpService):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        if rate_limited(self.request):
            self.request.response.setHeader("Retry-After", "60")
            raise TooManyChecks()
        form = self.request.form
        if form.get("numero") is not None:
            result = api.check_card(number=str(form["numero"])[:40])
        else:
            result = api.check_card(token=str(form.get("token") or "")[:100])
        if result.get("expiry_date"):
            result["expiry_date"] = result["expiry_date"].isoformat()
        if result.get("photo"):
            result["photo"] = "data:image/jpeg;base64," + b64encode(
                result["photo"]
            ).decode("ascii")
        return result
