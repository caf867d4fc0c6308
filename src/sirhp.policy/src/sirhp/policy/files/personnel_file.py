"""The personnel file page: the shared file view, with what only this page
offers (the consultation-reason form, proposing a change, the photo)."""

from sirhp.content.changes.api import may_propose
from sirhp.content.permissions import ReadSensitive
from sirhp.content.permissions import SubmitWithRecords
from sirhp.content.permissions import ValidateWithRecords
from sirhp.content.worklists import api as worklists
from sirhp.policy.audit import reasons
from sirhp.policy.base.file_view import PersonnelFileView
from sirhp.policy.base.file_view import SECTIONS
from sirhp.policy.base.views import has_permission


class PersonnelFilePage(PersonnelFileView):
    def reason_required(self):
        """The user may read the medical section but gave no reason yet."""
        return has_permission(ReadSensitive, self.context) and not (
            self.sensitive_shown
        )

    def reason_options(self):
        return [{"value": code, "title": title} for code, title in reasons.REASONS]

    def medical_title(self):
        return SECTIONS[-1][1]

    def can_propose(self):
        return not self.can_edit() and may_propose(self.context)

    def can_change_photo(self):
        """Drafts: the photo page; validated: a photo change request."""
        return self.can_edit() or self.can_propose()

    def can_submit_all(self):
        """The grouped submission, when the file or one of its records is a
        draft (the catalog is asked only of who may submit)."""
        if not has_permission(SubmitWithRecords, self.context):
            return False
        return self.state() == "draft" or bool(
            worklists.draft_records(file=self.context)
        )

    def can_validate_all(self):
        """The grouped validation, when the file or a record waits."""
        if not has_permission(ValidateWithRecords, self.context):
            return False
        return self.state() == "pending" or bool(
            worklists.pending_records(file=self.context)
        )
