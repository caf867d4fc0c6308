"""POST <evaluation>/@evaluation: fill the marks.

Body: {"marks": {criterion: mark}, "objectives": [...], "assessment": "..."}
(each optional). Answer: 200, the marks, the computed mark (null while
incomplete); refusals 400 as ``{"type", "message", "error"}``.
"""

from plone import api
from sirhp.content.base.rest import SirhpService
from sirhp.content.evaluation import api as evaluation_api


class EvaluationPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        evaluation = self.context
        mark = evaluation_api.set_marks(
            evaluation=evaluation,
            marks=body.get("marks"),
            objectives=body.get("objectives"),
            assessment=body.get("assessment"),
        )
        return {
            "@id": evaluation.absolute_url(),
            "marks": dict(evaluation.marks or {}),
            "mark": mark,
            "assessment": evaluation.assessment,
            "review_state": api.content.get_state(evaluation),
        }
