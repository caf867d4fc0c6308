"""Filters of the journal viewer, shared by @@journal, its CSV and @audit-log."""

from dataclasses import dataclass
from dataclasses import field
import datetime
import re
from sirhp.content.interfaces import IAgency
from sirhp.policy import _
from sirhp.policy.audit import journal as actions
from sirhp.policy.audit.journal import get_journal
from zope.i18n import translate
from zope.i18nmessageid import Message

DEFAULT_SIZE = 50
MAX_SIZE = 200
MAX_EXPORT = 50000
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})/(\d{2})/(\d{4})$")
_TOKEN = re.compile(r"^[\w.@+-]{1,100}$")

MSG_DATE_FORMAT = _(
    "error_journal_date_format", default="Date invalide : « ${value} » (jj/mm/aaaa)."
)
MSG_DATE = _("error_journal_date", default="Date invalide : « ${value} ».")
MSG_FILTER = _("error_journal_filter", default="Filtre « ${label} » invalide.")
MSG_ACTION = _("error_journal_action", default="Action inconnue : « ${action} ».")
LABEL_USER = _("journal_filter_user", default="personne")
LABEL_MATRICULE = _("journal_filter_matricule", default="dossier")


class InvalidFilter(ValueError):
    """A filter the journal cannot use (``message``: an i18n message)."""

    def __init__(self, message, **mapping):
        self.message = Message(message, mapping=mapping)
        super().__init__(translate(self.message, target_language="fr"))


def parse_date(value):
    """yyyy-mm-dd or dd/mm/yyyy -> date (None if empty)."""
    value = (value or "").strip()
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        raise InvalidFilter(MSG_DATE_FORMAT, value=value)
    year, month, day = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError as error:
        raise InvalidFilter(MSG_DATE, value=value) from error


def _token(value, label):
    value = (value or "").strip()
    if value and not _TOKEN.match(value):
        raise InvalidFilter(MSG_FILTER, label=label)
    return value or None


def _int(value, default, minimum, maximum):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(minimum, min(maximum, number))


@dataclass
class JournalQuery:
    agency: str | None = None
    user_id: str | None = None
    matricule: str | None = None
    action: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    b_start: int = 0
    b_size: int = DEFAULT_SIZE
    errors: list = field(default_factory=list)

    @classmethod
    def from_request(cls, context, request):
        """Filters of the request; the agency comes from the context only."""
        form = request.form
        query = cls(
            agency=context.getId() if IAgency.providedBy(context) else None,
            b_start=_int(form.get("b_start"), 0, 0, 10**9),
            b_size=_int(form.get("b_size"), DEFAULT_SIZE, 1, MAX_SIZE),
        )
        try:
            query.user_id = _token(form.get("user"), LABEL_USER)
            query.matricule = _token(form.get("matricule"), LABEL_MATRICULE)
            action = (form.get("action") or "").strip()
            if action and action not in actions.ACTIONS:
                raise InvalidFilter(MSG_ACTION, action=action)
            query.action = action or None
            query.date_from = parse_date(form.get("from"))
            query.date_to = parse_date(form.get("to"))
        except InvalidFilter as error:
            query.errors.append(error.message)
        return query

    def error_texts(self, request):
        """The refused filters, in the language of ``request``."""
        return [translate(message, context=request) for message in self.errors]

    def filters(self):
        """Keyword arguments of Journal.query / Journal.count."""
        until = None
        if self.date_to:
            until = (self.date_to + datetime.timedelta(days=1)).isoformat()
        return {
            "agency": self.agency,
            "user_id": self.user_id,
            "matricule": self.matricule,
            "action": self.action,
            "since": self.date_from.isoformat() if self.date_from else None,
            "until": until,
        }

    def params(self):
        """The filters as query-string parameters (links, CSV, batching)."""
        values = {
            "user": self.user_id,
            "matricule": self.matricule,
            "action": self.action,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
        return {key: value for key, value in values.items() if value}

    def total(self):
        return get_journal().count(**self.filters())

    def page(self):
        return get_journal().query(
            limit=self.b_size, offset=self.b_start, **self.filters()
        )

    def export_rows(self):
        return get_journal().query(limit=MAX_EXPORT, offset=0, **self.filters())
