"""History of a file or record: versions (who, when, what changed) and transitions."""

import datetime
from plone import api
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.supermodel.utils import mergedTaggedValueDict
from sirhp.content.base.people import full_name
from sirhp.policy.base.views import has_zcml_permission
from sirhp.policy.base.views import SirhpView
from zope.schema import getFieldsInOrder

SKIPPED = {"changeNote"}


def _comparable(value):
    if value is None or value == "" or value == []:
        return None
    if hasattr(value, "to_id"):  # RelationValue
        return ("relation", value.to_id)
    if hasattr(value, "data") and hasattr(value, "filename"):  # named file
        return ("file", value.filename, value.getSize())
    return value


class HistoryView(SirhpView):
    def fields(self):
        """(name, title) of the fields the user may read."""
        result = []
        for schema in iterSchemata(self.context):
            permissions = mergedTaggedValueDict(schema, READ_PERMISSIONS_KEY)
            for name, field in getFieldsInOrder(schema):
                if name in SKIPPED:
                    continue
                permission = permissions.get(name)
                if permission and not has_zcml_permission(permission, self.context):
                    continue
                result.append((name, field.title, _vocabulary_name(field)))
        return result

    def display(self, value, vocabulary=None):
        if value is None or value == "":
            return "—"
        if vocabulary:
            return self.labels(vocabulary, value) or "—"
        if hasattr(value, "to_object"):
            target = value.to_object
            return target.Title() if target is not None else "—"
        if hasattr(value, "filename"):
            return value.filename or "fichier"
        if hasattr(value, "strftime"):
            return self.format_date(value)
        if isinstance(value, (list, tuple)):
            return ", ".join(str(v) for v in value) or "—"
        return str(value)

    def versions(self):
        """Each version, newest first, with the fields changed since the previous."""
        repository = api.portal.get_tool("portal_repository")
        history = repository.getHistoryMetadata(self.context)
        if not history:
            return []
        fields = self.fields()
        result = []
        previous = None
        length = history.getLength(countPurged=False)
        for index in range(length):
            version_id = history.getVersionId(index, countPurged=False)
            metadata = history.retrieve(version_id)["metadata"]["sys_metadata"]
            obj = repository.retrieve(self.context, version_id).object
            changes = []
            for name, title, vocabulary in fields:
                new = getattr(obj, name, None)
                old = getattr(previous, name, None) if previous is not None else None
                if _comparable(new) != _comparable(old):
                    changes.append(
                        {
                            "title": title,
                            "old": self.display(old, vocabulary)
                            if previous is not None
                            else "",
                            "new": self.display(new, vocabulary),
                        }
                    )
            result.append(
                {
                    "version": version_id,
                    "actor": metadata.get("principal"),
                    "actor_name": full_name(metadata.get("principal")),
                    "time": self.format_datetime(
                        _to_datetime(metadata.get("timestamp"))
                    ),
                    "comment": metadata.get("comment", ""),
                    "changes": changes,
                }
            )
            previous = obj
        result.reverse()
        return result

    def transitions(self):
        return self.workflow_entries()


def _to_datetime(timestamp):
    if not timestamp:
        return None
    return datetime.datetime.fromtimestamp(timestamp)


def _vocabulary_name(field):
    """Name of the vocabulary of a Choice field or a list of choices."""
    name = getattr(field, "vocabularyName", None)
    if name is None:
        name = getattr(getattr(field, "value_type", None), "vocabularyName", None)
    if name == "sirhp.content.units":  # relations: shown by the target's title
        return None
    return name if isinstance(name, str) and name.startswith("sirhp.") else None
