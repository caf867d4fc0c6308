"""POST <campaign>/@candidates: a new candidate (JSON: the candidate's
fields, ``birth_date`` as YYYY-MM-DD; no diploma: upload it on the
candidate's edit form)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import api as recruitment


class CandidatesPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        data = dict(self.body())
        data.pop("diploma", None)
        candidate = recruitment.add_candidate(campaign=self.context, **data)
        self.request.response.setStatus(201)
        return recruitment.candidate_row(candidate, recruitment.stages_of(self.context))
