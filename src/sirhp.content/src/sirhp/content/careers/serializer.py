"""JSON of a career act: a disciplinary act's decision is consultation data.

As for medical data (``sirhp.content.base.hooks.may_show_sensitive``): who
may see a disciplinary act gives a consultation reason (the officer reading
his or her own does not), and the consultation is journaled first; without
one, the decision (``DECISION_FIELDS``) is left out of the JSON.
"""

from sirhp.content.base.hooks import may_show_sensitive
from sirhp.content.careers.api import file_of
from sirhp.content.careers.api import is_disciplinary_act
from sirhp.content.serializers.serializer import RecordSerializer

DECISION_FIELDS = ("sanction", "scan", "details", "reference")
DETAIL = "acte disciplinaire"


def may_show_decision(act, request):
    """Whether the decision of ``act`` may be shown to the current user now
    (always for an ordinary act; journaled for a disciplinary one)."""
    if not is_disciplinary_act(act):
        return True
    file = file_of(act)
    return file is not None and may_show_sensitive(
        file, request, f"{DETAIL} {act.getId()}"
    )


class CareerEventSerializer(RecordSerializer):
    """Career act: the decision of a disciplinary act needs a reason."""

    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        if not may_show_decision(self.context, self.request):
            for name in DECISION_FIELDS:
                result.pop(name, None)
        return result
