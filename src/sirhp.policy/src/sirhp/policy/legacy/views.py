"""``@@import-agents`` on an agency: the template to download, a register
(XLSX/CSV) and its scans (zip) uploaded, the column mapping adjusted, a dry
run or the import, and the report.

Progress: the page processes the upload in one request (the API takes a
savepoint every 500 files) and shows the report; 20,000 rows take about
two minutes, within the front proxy's timeout. The command
(``scripts/import_agents.py``) logs its progress for bigger registers.
"""

from plone.protect import CheckAuthenticator
from sirhp.content.base.errors import SirhpError
from sirhp.content.legacy import api as legacy
from sirhp.content.legacy import rules
from sirhp.content.legacy.zipped import read_scans
from sirhp.policy.base.views import SirhpView
import transaction

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportAgentsView(SirhpView):
    """Template, dry run, import, report."""

    error = None
    problems = ()
    scan_problems = ()
    result = None
    upload = None
    checked = None

    def __call__(self):
        if self.request.form.get("modele"):
            return self.template_file()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.process()
        return self.index()

    def template_file(self):
        data = legacy.template(agency=self.context)
        response = self.request.response
        response.setHeader("Content-Type", XLSX)
        response.setHeader(
            "Content-Disposition", 'attachment; filename="modele-import-agents.xlsx"'
        )
        return data

    def fields(self):
        """``(field, French header, required)`` for the mapping selects."""
        return [(name, spec[1], spec[0]) for name, spec in rules.FIELDS.items()]

    def _mapping(self):
        form = self.request.form
        chosen = {
            key[4:]: value
            for key, value in form.items()
            if key.startswith("map_") and key[4:].isdigit()
        }
        return {int(k): v for k, v in chosen.items() if v} if chosen else None

    def process(self):
        form = self.request.form
        upload = form.get("fichier")
        data = upload.read() if hasattr(upload, "read") else b""
        try:
            self.upload = legacy.read_upload(
                data=data,
                filename=getattr(upload, "filename", "") or "",
                mapping=self._mapping(),
            )
            scans = read_scans(form.get("pieces"))
            self.checked = legacy.dry_run(
                agency=self.context, rows=self.upload.rows, scans=scans
            )
            self.problems = legacy.describe(
                self.checked["problems"],
                self.upload.headers,
                self.upload.mapping,
                self.request,
            )
            self.scan_problems = [
                (name, SirhpError(message).text(self.request))
                for name, message in self.checked["scan_problems"]
            ]
            if form.get("importer") and not (self.problems or self.scan_problems):
                self.result = legacy.import_rows(
                    agency=self.context, rows=self.upload.rows, scans=scans
                )
        except SirhpError as error:
            self.error = error.text(self.request)
            self.request.response.setStatus(error.status)
            transaction.doom()

    def review_url(self):
        return f"{self.context.absolute_url()}/@@a-valider"
