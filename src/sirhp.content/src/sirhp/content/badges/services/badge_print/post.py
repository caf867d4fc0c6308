"""POST @badge-print {"badges": [UID, ...], "layout": "card" | "a4"} on an
agency: 201 with the batch, its PDF and its card numbers."""

from sirhp.content import _
from sirhp.content.badges import api
from sirhp.content.badges import rules
from sirhp.content.base.rest import SirhpService

MSG_BADGES = _(
    "error_print_badges",
    default="« badges » : une liste de 1 à 500 identifiants (UID).",
)
MSG_LAYOUT = _("error_print_layout", default="« layout » : « card » ou « a4 ».")


class BadgePrintPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        uids = body.get("badges")
        layout = body.get("layout", "card")
        # The JSON's shape, said in its terms; the domain API checks again.
        if (
            not isinstance(uids, list)
            or not rules.is_batch_size(len(uids))
            or not all(isinstance(uid, str) for uid in uids)
        ):
            raise api.BadgeError(MSG_BADGES, field="badges")
        if not rules.is_print_layout(layout):
            raise api.BadgeError(MSG_LAYOUT, field="layout")
        batch = api.create_print_batch(agency=self.context, badges=uids, layout=layout)
        url = batch.absolute_url()
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", url)
        return {
            "@id": url,
            "pdf": f"{url}/@@download/pdf",
            "cards": list(batch.card_numbers),
            "layout": layout,
        }
