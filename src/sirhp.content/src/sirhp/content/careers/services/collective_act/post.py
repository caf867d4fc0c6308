"""POST <agency>/@collective-act: one decision, one act per officer.

Body: {"matricules": [...], "event_type": "promotion", "event_date":
"YYYY-MM-DD", "reference": "Arrêté n°...", "resulting_grade": "...",
"resulting_echelon": 1, "resulting_status": "...", "resulting_position":
"...", "resulting_unit": "<unit UID>", "scan": {"data": "<base64>",
"filename": "arrete.pdf"} (optional, as plone.restapi's file fields)};
without "matricules", the validated files of "unit" (UID) and/or "grade".
Answer: 201 {"decision", "count", "items":
[{"@id", "matricule"}]} (the batch: ``@collective-decision/<decision>``); a
refusal 400 in French naming the field or the file, nothing filed.
"""

import base64
import binascii
from sirhp.content.base.rest import SirhpService
from sirhp.content.careers import collective


class CollectiveActPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        scan = body.get("scan")
        if scan is not None:
            scan = collective.decision_scan(*_upload(scan))
        result = collective.collective_act(
            agency=self.context,
            matricules=body.get("matricules"),
            event_type=body.get("event_type"),
            event_date=body.get("event_date"),
            reference=body.get("reference"),
            values={k: body[k] for k in collective.RESULT_FIELDS if k in body},
            scan=scan,
            unit=body.get("unit"),
            grade=body.get("grade"),
        )
        self.request.response.setStatus(201)
        return {
            "decision": result.id,
            "count": len(result.acts),
            "items": [
                {"@id": act.absolute_url(), "matricule": act.__parent__.matricule}
                for act in result.acts
            ],
        }


def _upload(scan):
    """(filename, bytes) of a plone.restapi file value; empty bytes (refused
    by the file check) when it is not one."""
    if not isinstance(scan, dict) or not isinstance(scan.get("data"), str):
        return "", b""
    try:
        return str(scan.get("filename") or ""), base64.b64decode(scan["data"])
    except (binascii.Error, ValueError):
        return "", b""
