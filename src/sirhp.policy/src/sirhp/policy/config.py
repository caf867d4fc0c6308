"""The groups of the agencies' staff. The agencies themselves are data:
``profiles/default/sirhp_agencies.json`` and the control panel
``@@sirhp-agences`` (``sirhp.policy.agencies``); at run time
``sirhp.content.base.agencies.agencies()`` lists them."""

# Local roles each agency's groups hold on the Agency (group id: AGENCY-SUFFIX).
AGENCY_GROUPS = (
    ("clerks", "RecordsClerk", "Bureau des archives"),
    ("reviewers", "RecordsReviewer", "Valideurs"),
    ("hr", "HRManager", "Gestionnaires RH"),
    ("recruitment", "RecruitmentOfficer", "Chargés du recrutement"),
)

# Portal-wide groups.
AUDITORS_GROUP = "auditors"  # global role Auditor
OFFICERS_GROUP = "officers"  # no role: marks officer accounts (home page)


def agency_group_id(agency_id: str, suffix: str) -> str:
    return f"{agency_id}-{suffix}"
