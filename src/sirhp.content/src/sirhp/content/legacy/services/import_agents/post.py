"""``POST <agency>/@import-agents``: a register, as multipart (``file``,
``dry_run``, ``scans`` a zip) or JSON ``{"data": "<base64>", "filename",
"dry_run": true, "mapping": {"0": "matricule", ...}}``.

Answers the report: ``{"rows", "valid", "problems": [{"row", "column",
"field", "message"}], "created": [matricules], "dry_run"}``; 201 when files
were created, 400 with the problems when anything is refused (nothing
stored).
"""

from base64 import b64decode
import binascii
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.rest import error_reply
from sirhp.content.base.rest import SirhpService
from sirhp.content.legacy import api
from sirhp.content.legacy.zipped import read_scans

MSG_NO_DATA = _(
    "legacy_rest_no_data",
    default="Envoyez le fichier (champ « file ») ou son contenu en base64 dans "
    "« data ».",
)
MSG_NOT_BASE64 = _("« data » n'est pas du base64 valide.")
TRUE = ("1", "true", "on", "yes", True)


class ImportAgentsPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        data, filename, scans, dry_run, mapping = self._upload()
        upload = api.read_upload(data=data, filename=filename, mapping=mapping)
        report = api.dry_run(agency=self.context, rows=upload.rows, scans=scans)
        problems = api.describe(
            report["problems"], upload.headers, upload.mapping, self.request
        )
        answer = {
            "dry_run": dry_run,
            "rows": report["rows"],
            "valid": report["valid"],
            "problems": problems,
            "scan_problems": [
                {"file": name, "message": SirhpError(message).text(self.request)}
                for name, message in report["scan_problems"]
            ],
            "created": [],
            "documents": 0,
        }
        if problems or answer["scan_problems"]:
            error = error_reply(
                self.request, 400, api.MSG_INVALID, api.LegacyImportError.type
            )
            return {**answer, **error}
        if dry_run:
            return answer
        result = api.import_rows(agency=self.context, rows=upload.rows, scans=scans)
        self.request.response.setStatus(201)
        return {**answer, **result}

    def _upload(self):
        form = self.request.form
        upload = form.get("file")
        if upload is not None and hasattr(upload, "read"):
            scans = read_scans(form.get("scans"))
            return (
                upload.read(),
                getattr(upload, "filename", "") or "",
                scans,
                form.get("dry_run", "true") in TRUE,
                None,
            )
        body = self.body()
        if not isinstance(body.get("data"), str):
            raise SirhpError(MSG_NO_DATA)
        try:
            data = b64decode(body["data"], validate=True)
            scans = {
                name: b64decode(value, validate=True)
                for name, value in (body.get("scans") or {}).items()
            }
        except (binascii.Error, ValueError, AttributeError, TypeError):
            raise SirhpError(MSG_NOT_BASE64) from None
        mapping = body.get("mapping")
        return (
            data,
            str(body.get("filename") or ""),
            scans,
            body.get("dry_run", True) in TRUE,
            mapping if isinstance(mapping, dict) else None,
        )
