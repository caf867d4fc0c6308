"""JSON of a personnel file: medical fields only with a consultation reason.

See ``reasons.py`` for the REST contract (``X-SIRHP-Reason``, ``reason=``,
``?sensitive=1``). Fields the user may not read at all are already left out
by plone.restapi (read_permission); this adapter only adds the reason rule
and the journal line.
"""

from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.restapi.interfaces import ISerializeToJson
from plone.supermodel.utils import mergedTaggedValueDict
from sirhp.content.content.personnel_file import IPersonnelFileSchema
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.serializers.serializer import PersonnelFileSerializer
from sirhp.policy import _
from sirhp.policy.audit import journal
from sirhp.policy.audit import reasons
from sirhp.policy.audit.api import log_event
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import Forbidden
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer

SENSITIVE_PERMISSION = "sirhp.content.ReadSensitive"


def sensitive_fields():
    permissions = mergedTaggedValueDict(IPersonnelFileSchema, READ_PERMISSIONS_KEY)
    return sorted(
        name
        for name, permission in permissions.items()
        if permission == SENSITIVE_PERMISSION
    )


@implementer(ISerializeToJson)
@adapter(IPersonnelFile, ISirhpPolicyLayer)
class AuditedPersonnelFileSerializer(PersonnelFileSerializer):
    def __call__(self, *args, **kwargs):
        state, reason = reasons.sensitive_access(self.context, self.request)
        asked = str(self.request.form.get("sensitive", "")).lower() in ("1", "true")
        if state == reasons.REQUIRED and asked:
            raise Forbidden(
                translate(
                    _(
                        "error_reason_required_api",
                        default="Motif de consultation requis pour les données "
                        "médicales : en-tête X-SIRHP-Reason (enquete, aptitude, "
                        "interesse, controle, autre: précision).",
                    ),
                    context=self.request,
                )
            )
        result = super().__call__(*args, **kwargs)
        if state == reasons.REQUIRED:
            omitted = [name for name in sensitive_fields() if name in result]
            for name in omitted:
                del result[name]
            result["sensitive_fields_omitted"] = omitted
        elif state in (reasons.OWN, reasons.GRANTED):
            log_event(
                journal.VIEW_SENSITIVE,
                obj=self.context,
                request=self.request,
                reason=reasons.format_reason(reason),
                detail="api",
                raise_errors=True,
            )
        return result
