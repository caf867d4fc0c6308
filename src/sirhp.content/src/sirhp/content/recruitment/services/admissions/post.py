"""POST <campaign>/@admissions: ``{"hire_date": "YYYY-MM-DD", "unit": UID,
"session": UID}`` (unit and session optional) -> ``{"created", "skipped"}``."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import admissions


class AdmissionsPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        data = self.body()
        return admissions.create_files(
            campaign=self.context,
            hire_date=data.get("hire_date"),
            unit=data.get("unit"),
            session=data.get("session"),
            request=self.request,
        )
