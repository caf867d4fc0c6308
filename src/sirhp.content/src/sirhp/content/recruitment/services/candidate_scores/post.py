"""POST <campaign>/@candidate-scores: marks from a spreadsheet."""

import base64
import binascii
from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import api as recruitment


class CandidateScoresPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        try:
            data = base64.b64decode(body.get("data") or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise recruitment.RecruitmentError(recruitment.MSG_UNREADABLE) from None
        return recruitment.import_scores(
            campaign=self.context,
            data=data,
            dry_run=body.get("dry_run", True) is not False,
        )
