"""GET <site>/@mon-dossier: the content of the officer's page as JSON."""

from datetime import date
from datetime import datetime
from sirhp.content.base.rest import SirhpService
from sirhp.content.changes import api as changes
from sirhp.policy.changes.mon_dossier import MonDossier
from zExceptions import NotFound
from zope.i18n import translate


def _json_date(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "ISO8601"):
        return value.ISO8601()
    return value


class MonDossierGet(SirhpService):
    def reply(self):
        file = changes.own_file()
        if file is None:
            raise NotFound("mon-dossier")
        view = MonDossier(self.context, self.request)
        view.file = file
        sections = [
            {
                "id": section["id"],
                "title": translate(section["title"], target_language="fr"),
                "fields": {row["name"]: row["value"] for row in section["rows"]},
            }
            for section in view.sections()
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@mon-dossier",
            "file": file.absolute_url(),
            "matricule": file.matricule,
            "full_name": file.full_name,
            "sections": sections,
            "career": [
                {
                    "title": b.Title,
                    "date": _json_date(b.event_date),
                    "@id": b.getURL(),
                }
                for b in view.career()
            ],
            "documents": [
                {
                    "title": b.Title,
                    "@id": b.getURL(),
                    "download": f"{b.getURL()}/@@download/file",
                }
                for b in view.documents()
            ],
            "badges": [
                {
                    "card_number": b.card_number,
                    "review_state": b.review_state,
                    "expiry_date": _json_date(b.expiry_date),
                }
                for b in view.badges()
            ],
            "change_requests": [
                {"@id": b.getURL(), "title": b.Title, "review_state": b.review_state}
                for b in view.my_requests()
            ],
            "history": view.history(),
        }
