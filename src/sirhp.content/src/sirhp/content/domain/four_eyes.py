"""Four eyes on restricted documents (medical, disciplinary): who validates.

Such a document is seen by the agency's HR managers, the auditors and the
site's administrators only, so the reviewers cannot be the second pair of
eyes. Another HR manager of the agency validates it; when the submitter is
the agency's only HR manager, an administrator of the site does (a different
person: four eyes still hold). The submitter never does.
"""

OTHER_HR_MANAGER = "hr"
ADMINISTRATOR = "administrator"


def restricted_validator(submitter, agency_hr_managers) -> str:
    """Who validates a restricted document ``submitter`` submitted:
    ``OTHER_HR_MANAGER`` if the agency has one, else ``ADMINISTRATOR``."""
    others = set(agency_hr_managers or ()) - {submitter}
    return OTHER_HR_MANAGER if others else ADMINISTRATOR


def may_validate_restricted(user, submitter, agency_hr_managers) -> bool:
    """Whether ``user`` may validate a restricted document ``submitter``
    submitted; ``user`` already holds the validate permission there (an HR
    manager of the agency or an administrator).

    :param user: id of the user who would validate.
    :param submitter: id of the user who submitted it (None if unknown).
    :param agency_hr_managers: ids of the agency's HR managers.
    """
    if not user or user == submitter:
        return False
    if user in set(agency_hr_managers or ()):
        return True
    return restricted_validator(submitter, agency_hr_managers) == ADMINISTRATOR
