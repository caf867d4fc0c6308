"""``POST <agency>/@batch-filing`` with ``{"data": "<base64>", "filename":
"..."}``: the stack is filed, the report answered (201)."""

from base64 import b64decode
import binascii
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.rest import SirhpService
from sirhp.content.documents import api

MSG_NO_DATA = _("Envoyez la pile numérisée en base64 dans « data ».")
MSG_NOT_BASE64 = _("« data » n'est pas du base64 valide.")


class BatchFilingPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        try:
            body = self.body()
        except SirhpError:
            body = {}  # answered as a body without "data", as always
        if not isinstance(body.get("data"), str):
            raise SirhpError(MSG_NO_DATA)
        try:
            data = b64decode(body["data"], validate=True)
        except (binascii.Error, ValueError):
            raise SirhpError(MSG_NOT_BASE64) from None
        report = api.file_stack(agency=self.context, files=[data])
        self.request.response.setStatus(201)
        return report
