"""JSON deserializer of SIRHP types: plone.restapi's, with French errors.

plone.restapi answers a validation failure with a stringified Python list;
clients and clerks get instead one sentence per problem, naming the field by
its French label, e.g.::

    {"type": "BadRequest",
     "message": "Données refusées. Grade : valeur inconnue « xyz ». ..."}

Nothing is stored: the exception aborts the transaction.
"""

from plone import api
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.supermodel.utils import mergedTaggedValueDict
from sirhp.content import logger
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.schema import getFields
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import WrongType

# Keys plone.restapi itself reads besides the schema fields.
META_KEYS = frozenset({"@type", "id", "title", "changeNote", "language"})


class SirhpDeserializer(DeserializeFromJson):
    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        if data is None:
            data = json_body(self.request)
        self.refuse_forbidden_keys(data)
        try:
            return super().__call__(
                validate_all=validate_all,
                data=data,
                create=create,
                mask_validation_errors=False,
            )
        except BadRequest as exc:
            errors = exc.args[0] if exc.args else None
            if not isinstance(errors, list):
                raise
            raise BadRequest(self.french_message(errors)) from None

    def refuse_forbidden_keys(self, data):
        """No mass assignment: a key that is not a field is a 400 (state,
        owner, creators...), a field the caller may not write is a 403.
        plone.restapi would silently drop both and answer 204.
        """
        fields = {}
        for schema in iterSchemata(self.context):
            permissions = mergedTaggedValueDict(schema, WRITE_PERMISSIONS_KEY)
            for name, field in getFields(schema).items():
                fields[name] = (field, permissions.get(name))
        unknown = sorted(k for k in data if k not in fields and k not in META_KEYS)
        if unknown:
            logger.warning(
                "Refused unknown keys %s on %s by %s",
                unknown,
                "/".join(self.context.getPhysicalPath()),
                _user_id(),
            )
            raise BadRequest(
                "Données refusées. Champ(s) inconnu(s) ou non modifiable(s) : "
                + ", ".join(unknown)
                + "."
            )
        denied = []
        for name in data:
            if name not in fields:
                continue
            field, permission = fields[name]
            if field.readonly or not self.check_permission(permission):
                denied.append(name)
        if denied:
            logger.warning(
                "Refused write of %s on %s by %s",
                denied,
                "/".join(self.context.getPhysicalPath()),
                _user_id(),
            )
            titles = self.field_titles()
            raise Forbidden(
                "Vous n'avez pas le droit de modifier : "
                + ", ".join(f"« {titles.get(n, n)} »" for n in denied)
                + "."
            )

    def field_titles(self):
        titles = {}
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                titles[name] = translate(field.title, context=self.request)
        return titles

    def french_message(self, errors):
        titles = self.field_titles()
        parts = []
        for error in errors:
            name = error.get("field")
            exc = error.get("error")
            message = translate(error.get("message") or "", context=self.request)
            if isinstance(exc, RequiredMissing) or (not message and name):
                message = "champ obligatoire"
            elif isinstance(exc, ConstraintNotSatisfied) and _is_choice(self, name):
                value = exc.args[0] if exc.args else ""
                message = f"valeur inconnue « {value} »"
            elif message.startswith("Could not resolve object"):
                message = "élément introuvable ou hors de votre agence"
            elif isinstance(exc, TooLong):
                message = "valeur trop longue"
            elif isinstance(exc, WrongType):
                message = "type de valeur incorrect"
            label = titles.get(name, name) if name else None
            parts.append(f"{label} : {message}" if label else message)
        return (
            "Données refusées. " + " ; ".join(part.rstrip(".") for part in parts) + "."
        )


def _is_choice(deserializer, name):
    for schema in iterSchemata(deserializer.context):
        field = getFields(schema).get(name)
        if field is not None:
            return IChoice.providedBy(field) or ICollection.providedBy(field)
    return False


def _user_id():
    return api.user.get_current().getId()
