"""JSON deserializer of SIRHP types: plone.restapi's, with French errors.

plone.restapi answers a validation failure with a stringified Python list;
clients and clerks get instead one sentence per problem, naming the field by
its French label, e.g.::

    {"type": "BadRequest",
     "message": "Données refusées. Grade : valeur inconnue « xyz ». ..."}

Nothing is stored: the exception aborts the transaction.
"""

from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from zExceptions import BadRequest
from zope.i18n import translate
from zope.schema import getFields
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import WrongType


class SirhpDeserializer(DeserializeFromJson):
    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
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
