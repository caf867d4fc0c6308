"""Career subscribers: what follows a file's workflow."""

from sirhp.content.careers.missing import build_missing_acts


def build_acts_on_file_validation(file, event):
    """A file entering ``validated`` gets the acts its values need."""
    if event.new_state is not None and event.new_state.id == "validated":
        build_missing_acts(file=file)
