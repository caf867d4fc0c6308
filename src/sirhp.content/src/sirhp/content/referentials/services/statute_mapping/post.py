"""POST @statute-mapping: reclassify the holders of old grades.

Body: {"mapping": {old grade: new grade}, "effective": "YYYY-MM-DD",
"reference": "décret n°...", "dry_run": false}. Answer: {"count": career
acts filed}; with ``"dry_run": true`` (the panel's preview), nothing filed
and {"counts": {old grade: holders}}; a refusal 400 in French, nothing
filed.
"""

from sirhp.content.base.rest import SirhpService
from sirhp.content.referentials import api as referentials


class StatuteMappingPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        if body.get("dry_run") is True:
            counts = referentials.preview_mapping(
                mapping=body.get("mapping"),
                effective=body.get("effective"),
                container=self.context,
            )
            return {"counts": counts}
        count = referentials.apply_mapping(
            mapping=body.get("mapping"),
            effective=body.get("effective"),
            reference=body.get("reference"),
            container=self.context,
        )
        return {"count": count}
