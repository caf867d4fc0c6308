"""POST <agency>/@collective-act: one decision, one act per officer.

Body: {"matricules": [...], "event_type": "promotion", "event_date":
"YYYY-MM-DD", "reference": "Arrêté n°...", "resulting_grade": "...",
"resulting_echelon": 1, "resulting_status": "...", "resulting_position":
"..."}. Answer: 201 {"count", "items": [{"@id", "matricule"}]}; a refusal
400 in French naming the field or the file, nothing filed.
"""

from sirhp.content.base.rest import SirhpService
from sirhp.content.careers import collective


class CollectiveActPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        acts = collective.collective_act(
            agency=self.context,
            matricules=body.get("matricules"),
            event_type=body.get("event_type"),
            event_date=body.get("event_date"),
            reference=body.get("reference"),
            values={k: body[k] for k in collective.RESULT_FIELDS if k in body},
        )
        self.request.response.setStatus(201)
        return {
            "count": len(acts),
            "items": [
                {"@id": act.absolute_url(), "matricule": act.__parent__.matricule}
                for act in acts
            ],
        }
