"""POST <campaign>/@evaluations: open the campaign (``api.open_campaign``):
``{"created": N}``, N = 0 when every officer has one already.

Body (optional) ``{"chunk": K, "chunk_size": S}``: only the part K (from 0)
of the population in parts of S files (default 500), one transaction per
part, so that several Zope clients open a large campaign in parallel
(``scripts/open_campaign.py``); the answer adds ``chunk``, ``chunks`` and
``population``."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.evaluation import api
from sirhp.content.evaluation.opening import BATCH
from sirhp.content.evaluation.opening import chunk_count
from sirhp.content.evaluation.opening import population_paths


class OpenCampaignPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body() if self.request.get("BODY") else {}
        chunk = body.get("chunk")
        size = body.get("chunk_size", BATCH)
        created = api.open_campaign(
            campaign=self.context, request=self.request, chunk=chunk, chunk_size=size
        )
        answer = {"@id": self.context.absolute_url(), "created": created}
        if chunk is not None:
            total = len(population_paths(campaign=self.context))
            answer.update(
                chunk=chunk, chunks=chunk_count(total, size), population=total
            )
        return answer
