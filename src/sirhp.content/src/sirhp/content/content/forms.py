"""Form invariants see the whole form, whatever tab holds each field."""

from z3c.form.interfaces import IGroup
from z3c.form.interfaces import IGroupForm
from z3c.form.validator import InvariantsValidator


class WholeFormInvariants(InvariantsValidator):
    """The invariants of a schema, checked once on the data of every tab.

    z3c.form checks a schema's invariants once per fieldset (tab), with that
    tab's fields only: on an add form a rule across tabs (birth date on
    "Identité", hire date on "Carrière") never sees both values and lets
    anything through; on an edit form it weighs one tab's new value against
    another tab's stored one, and refuses the very correction. Here a tab
    checks nothing and the main form checks the invariants on everything
    submitted; its errors are shown at the top of the form.
    REST and other callers (no form) keep the default behaviour.
    """

    def validate(self, data):
        if IGroup.providedBy(self.view):
            return ()
        if IGroupForm.providedBy(self.view):
            data = dict(data)
            for group in self.view.groups or ():
                data.update(_group_data(group, self.schema))
        return super().validate(data)


def _group_data(group, schema):
    """{field name: submitted value} of ``schema``'s fields in one tab."""
    widgets = getattr(group, "widgets", None)
    if widgets is None or isinstance(group, type):
        return {}
    set_errors = widgets.setErrors
    widgets.setErrors = False  # the form's own extraction reports them
    try:
        values, _errors = widgets.extract()
    finally:
        widgets.setErrors = set_errors
    return {
        field.field.__name__: values[name]
        for name, field in group.fields.items()
        if field.interface is schema and name in values
    }
