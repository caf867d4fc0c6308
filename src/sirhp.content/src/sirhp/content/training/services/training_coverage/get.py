"""GET <agency>/@training-coverage?course=CODE (or domain=CODE)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.training import api as training_api


class TrainingCoverageGet(SirhpService):
    def reply(self):
        form = self.request.form
        table = training_api.coverage(
            agency=self.context,
            course=form.get("course") or None,
            domain=form.get("domain") or None,
        )
        return {"@id": f"{self.context.absolute_url()}/@training-coverage", **table}
