"""1007 -> 1008: careers, second part (acts drive the file); training and
evaluation types.

In this order, each re-runnable and logged:

- the new permissions of the content profile's rolemap: ``sirhp: Check
  careers`` (administrators; HR managers and auditors by sirhp.policy) and
  ``sirhp: Field: read disciplinary`` (Manager; the others by sirhp.policy);
- ``careers_refs``: référentiels versions stored with a future effective
  date are recorded as due (the daily task applies them on their date);
- ``careers_apply``: the ``event_end_date`` index (the daily job finds the
  period acts that end), filled;
- ``careers_collective``: the ``collective_decision`` index (the acts of
  one collective decision, submitted and validated as a batch);
- ``training_types``: the ``TrainingCourse`` and ``TrainingSession`` types
  (in an agency) and their permissions;
- ``evaluation_types``: the ``EvaluationCampaign`` and ``Evaluation`` types
  and their permissions;
- ``careers_acts``: the ``career_act`` and ``career_file`` catalog columns,
  filled, then the missing acts of every validated file (recruitment and
  current grade), so that each file's values come from its acts.

Take a backup first (docs/operations.md).
"""

from sirhp.content.permissions import CheckCareers
from sirhp.content.permissions import ReadDisciplinary
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import careers_acts
from sirhp.content.upgrades import careers_apply
from sirhp.content.upgrades import careers_collective
from sirhp.content.upgrades import careers_refs
from sirhp.content.upgrades import evaluation_types
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import run_steps
from sirhp.content.upgrades import training_types

PERMISSIONS = {
    CheckCareers: ("Manager", "Site Administrator"),
    ReadDisciplinary: ("Manager",),
}
STEPS = (
    careers_refs,
    careers_apply,
    careers_collective,
    training_types,
    evaluation_types,
    careers_acts,
)


def upgrade(context):
    """``context``: portal_setup."""
    for permission, roles in PERMISSIONS.items():
        add_permission_roles(permission, roles)
    run_steps(
        context, STEPS, logger, "sirhp.content upgraded to 1008 (careers, second part)"
    )
