"""Every file has its acts: the acts a file's values need, filed as the
system (``rules.missing_acts`` says which). Called when a file is validated
(``subscribers``) and by the upgrade for the files validated before."""

from plone import api
from sirhp.content.base import hooks
from sirhp.content.careers import rules
from sirhp.content.careers.api import add_act_as_system
from sirhp.content.careers.api import all_acts
from sirhp.content.careers.api import initial
from sirhp.content.careers.api import stored
from z3c.relationfield import RelationValue
from zope.globalrequest import getRequest

REFERENCE = "Reprise du dossier (acte reconstitué)"
ACTION = "careers.acts_built"
# act value -> CareerEvent field
FIELDS = {
    "grade": "resulting_grade",
    "echelon": "resulting_echelon",
    "status": "resulting_status",
    "position": "resulting_position",
}


def _file_act(file, spec, actor):
    values = {FIELDS[name]: spec[name] for name in FIELDS if name in spec}
    if "unit" in spec:
        values["resulting_unit"] = RelationValue(file.unit.to_id)
    # the file's validation by a second person (four eyes) covers the
    # values these acts only restate
    return add_act_as_system(
        file=file,
        id=f"acte-reconstitue-{spec['date'].isoformat()}",
        actor=actor,
        comment=REFERENCE,
        event_type=spec["type"],
        event_date=spec["date"],
        reference=REFERENCE,
        **values,
    )


def build_missing_acts(*, file, reprise_on=None):
    """File, as the system, the validated acts ``file`` needs so that its
    acts account for its career values; journaled (``careers.acts_built``).
    Re-runnable: what acts already account for is not built again.

    :param file: a personnel file.
    :param reprise_on: the upgrade that takes over existing files gives its
        day: what the file holds and its acts do not give then is restated
        by an act of that day (``rules.reprise_acts``). Elsewhere ``None``:
        a drift is reported by the consistency check, never hidden.
    :returns: the acts filed (empty when nothing was missing).
    """
    actor = api.user.get_current().getId() or "system"
    with api.env.adopt_roles(["Manager"]):
        found = all_acts(file=file)
        needed = rules.missing_acts(found, initial(file=file))
        if reprise_on is not None:
            needed += rules.reprise_acts(found + needed, stored(file=file), reprise_on)
        built = [_file_act(file, spec, actor) for spec in needed]
    if built:
        hooks.journal(
            ACTION,
            obj=file,
            request=getRequest(),
            detail=", ".join(f"{a.event_type} {a.event_date}" for a in built),
        )
    return built
