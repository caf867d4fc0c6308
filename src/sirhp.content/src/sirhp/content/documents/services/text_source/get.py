"""``GET <document>/@text-source``: the document's PDF, for the text worker.

The audit journal records it as a text extraction by the worker, not as a
download (``sirhp.policy.audit.subscribers``, by the service's name).
"""

from plone.namedfile.browser import Download
from sirhp.content.base.rest import SirhpService


class TextSourceGet(SirhpService):
    """The stored PDF, streamed like ``@@download/file`` (a file, not JSON)."""

    def render(self):
        self.check_permission()
        download = Download(self.context, self.request)
        download.fieldname = "file"
        return download()
