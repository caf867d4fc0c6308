"""The personnel file page: the shared file view, with what only this page
offers (the consultation-reason form, proposing a change, the photo)."""

from sirhp.content.changes.api import may_propose
from sirhp.content.permissions import ReadSensitive
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
