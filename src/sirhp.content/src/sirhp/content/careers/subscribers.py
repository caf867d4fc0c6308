"""Career subscribers: what follows a file's workflow (its missing acts
built on validation) and an act's (acts write the file when they start or
stop counting)."""

from plone import api
from sirhp.content.careers.apply import apply_acts
from sirhp.content.careers.missing import build_missing_acts
from sirhp.content.content.records import parent_file

VALIDATED = "validated"


def build_acts_on_file_validation(file, event):
    """A file entering ``validated`` gets the acts its values need."""
    if event.new_state is not None and event.new_state.id == "validated":
        build_missing_acts(file=file)


def act_transitioned(act, event):
    """An act entering ``validated`` (validated by a second person: the
    record workflow's four eyes) or leaving it (archived: withdrawn) changes
    the file's situation: write it from the acts that count now."""
    old = event.old_state.id if event.old_state is not None else None
    new = event.new_state.id if event.new_state is not None else None
    if VALIDATED not in (old, new) or old == new:
        return
    file = parent_file(act)
    if file is not None:
        # the workflow tool reindexes the state only after this event; the
        # acts are read from the catalog
        act.reindexObject(idxs=["review_state"])
        apply_acts(file=file, reference=getattr(act, "reference", None))


def act_modified(act, event):
    """A validated act corrected (an approved change request on the act:
    its date, or what it sets) changes the file's situation too."""
    if api.content.get_state(act, default=None) != VALIDATED:
        return
    file = parent_file(act)
    if file is not None:
        apply_acts(file=file, reference=getattr(act, "reference", None))
