"""integrator: delete (see ``__init__``)."""

from sirhp.policy.base.file_view import PersonnelFileView  # noqa: F401
