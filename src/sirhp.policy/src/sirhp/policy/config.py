"""The agencies sharing SIRHP and the groups of their staff."""

AGENCIES = (
    {
        "id": "police-nationale",
        "title": "Police nationale",
        "short_name": "PN",
        "primary_color": "#1F3A93",
        # matricules 100000-199999 (content.matricule_sequence)
        "matricule_prefix": "1",
    },
    {
        "id": "ocs",
        "title": "Office Central des Stupéfiants",
        "short_name": "OCS",
        "primary_color": "#0B6E4F",
        "matricule_prefix": "8",
    },
)

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
