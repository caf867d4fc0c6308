"""``GET @audit-log``: the journal as JSON, same filters and permission as @@journal.

Query: ``user``, ``matricule``, ``action``, ``from``, ``to`` (yyyy-mm-dd,
days in UTC), ``b_start``, ``b_size`` (<= 200). On an agency: its events only.
"""

from sirhp.content.base.errors import SirhpError
from sirhp.content.base.rest import SirhpService
from sirhp.policy.audit import journal
from sirhp.policy.audit.query import JournalQuery
from urllib.parse import urlencode

# every column of an event (journal.FIELDS), with its id and hash
FIELDS = ("id", *journal.FIELDS, "hash")


class AuditLogGet(SirhpService):
    def reply(self):
        query = JournalQuery.from_request(self.context, self.request)
        if query.errors:
            raise SirhpError(" ".join(query.error_texts(self.request)))
        total = query.total()
        base = f"{self.context.absolute_url()}/@audit-log"
        result = {
            "@id": self._url(base, query, query.b_start),
            "items_total": total,
            "items": [{key: row[key] for key in FIELDS} for row in query.page()],
        }
        batching = {}
        if query.b_start + query.b_size < total:
            batching["next"] = self._url(base, query, query.b_start + query.b_size)
        if query.b_start > 0:
            batching["prev"] = self._url(
                base, query, max(0, query.b_start - query.b_size)
            )
        if batching:
            result["batching"] = batching
        return result

    @staticmethod
    def _url(base, query, start):
        params = dict(query.params(), b_start=start, b_size=query.b_size)
        return f"{base}?{urlencode(params)}"
