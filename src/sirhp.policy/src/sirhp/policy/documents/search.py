"""``@@recherche-pieces``: full text + type + dates + agency/unit.

The page reads and checks the form; ``sirhp.content.documents.api.search``
queries the catalog, which filters by View (``allowedRolesAndUsers``):
nobody finds a document, nor its text, that he may not open.
"""

from datetime import date
from plone import api
from plone.memoize.view import memoize
from Products.CMFPlone.PloneBatch import Batch
from sirhp.content.documents import api as documents
from sirhp.content.documents.rules import searchable_text
from sirhp.content.documents.rules import snippet
from sirhp.content.interfaces import IAgency
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from sirhp.policy.documents.views import TEXT_LABELS
from zope.i18n import translate
from zope.i18nmessageid import Message

PAGE_SIZE = 20
SEARCH_PARAMETERS = ("q", "type", "du", "au", "agence", "unite")
MESSAGE_ONE_VALUE = _(
    "error_search_one_value",
    default="Recherche invalide : « ${name} » ne prend qu'une valeur.",
)
MESSAGE_NO_WORD = _(
    "error_search_no_word",
    default="Recherche invalide : saisissez au moins un mot (lettres ou chiffres).",
)


def _parse_date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class DocumentSearchView(SirhpView):
    """The search form and its results (on an agency, or the whole site)."""

    def agency(self):
        return self.context if IAgency.providedBy(self.context) else None

    def agencies(self):
        catalog = api.portal.get_tool("portal_catalog")
        return [
            {"value": b.getId, "title": b.Title, "path": b.getPath()}
            for b in catalog(portal_type="Agency", sort_on="sortable_title")
        ]

    def units(self):
        agency = self.agency()
        if agency is None:
            return []
        return self.labels.items("sirhp.content.units")

    def types(self):
        return [
            {"value": t.code, "title": t.label}
            for t in documents.document_types().values()
        ]

    def __call__(self):
        if self.error():
            self.request.response.setStatus(400)
        return self.index()

    def _parameter(self, name):
        """One text value, or "" (a repeated or odd one is an error)."""
        value = self.request.form.get(name)
        return value if isinstance(value, str) else ""

    def form(self):
        return {
            "q": self._parameter("q").strip()[:200],
            "type": self._parameter("type"),
            "from": self._parameter("du"),
            "to": self._parameter("au"),
            "agency": self._parameter("agence"),
            "unit": self._parameter("unite"),
        }

    @memoize
    def error(self):
        """Why the search cannot be made (translated), or None."""
        form = self.request.form
        for name in SEARCH_PARAMETERS:
            if form.get(name) not in (None, "") and not isinstance(form[name], str):
                return translate(
                    Message(MESSAGE_ONE_VALUE, mapping={"name": name}),
                    context=self.request,
                )
        q = self.form()["q"]
        if q and searchable_text(q) is None:
            return translate(MESSAGE_NO_WORD, context=self.request)
        return None

    def searched(self):
        if self.error():
            return False
        return any(self.form().values())

    def results(self):
        if not self.searched():
            return []
        f = self.form()
        brains = documents.search(
            searchable_text=searchable_text(f["q"]) if f["q"] else None,
            document_type=f["type"],
            start=_parse_date(f["from"]),
            end=_parse_date(f["to"]),
            agency=self.agency(),
            agency_id=f["agency"],
            unit_uid=f["unit"],
        )
        try:
            start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            start = 0
        return Batch(brains, PAGE_SIZE, start)

    def hit(self, brain):
        obj = brain.getObject()
        file = obj.aq_parent
        words = (self.form()["q"] or "").split()
        text = getattr(obj, "extracted_text", "") or ""
        label = TEXT_LABELS.get(obj.text_status)
        return {
            "url": brain.getURL(),
            "title": brain.Title,
            "file_url": file.absolute_url(),
            "file_title": file.Title(),
            "matricule": brain.matricule,
            "date": self.format_date(getattr(obj, "document_date", None)),
            "state": self.state_label(brain.review_state),
            "snippet": snippet(text, words) if text else "",
            "text_status": translate(label, context=self.request) if label else "",
        }
