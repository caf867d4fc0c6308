"""GET <agency>/@training-coverage?course=CODE (or domain=CODE)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.training import coverage as training_coverage


class TrainingCoverageGet(SirhpService):
    def reply(self):
        form = self.request.form
        table = training_coverage.coverage(
            agency=self.context,
            course=form.get("course") or None,
            domain=form.get("domain") or None,
        )
        return {"@id": f"{self.context.absolute_url()}/@training-coverage", **table}
