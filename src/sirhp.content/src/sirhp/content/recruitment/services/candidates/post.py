"""POST <campaign>/@candidates: a new candidate (JSON: the candidate's
fields, ``birth_date`` as YYYY-MM-DD; no diploma: upload it on the
candidate's edit form)."""

from datetime import date
from sirhp.content import _
from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import api as recruitment

MSG_BAD_DATE = _(
    "error_candidate_birth_date", default="Date de naissance invalide (AAAA-MM-JJ)."
)


class CandidatesPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        data = dict(self.body())
        data.pop("diploma", None)
        if data.get("birth_date"):
            try:
                data["birth_date"] = date.fromisoformat(str(data["birth_date"]))
            except ValueError:
                raise recruitment.RecruitmentError(MSG_BAD_DATE, field="birth_date")
        candidate = recruitment.add_candidate(campaign=self.context, **data)
        self.request.response.setStatus(201)
        stages = recruitment.stages_of(self.context)
        return recruitment.candidate_row(candidate, stages)
