"""Training coverage: the share of an agency's staff trained in a course or
a domain, per unit, region, grade and sex (``rules.coverage``) -- the
indicator the community-policing action plans track. Catalog only, apart
from the few closed sessions.
"""

from plone import api
from sirhp.content.training import rules
from sirhp.content.training.api import CLOSED
from sirhp.content.training.api import courses
from sirhp.content.training.api import MSG_BAD_QUERY
from sirhp.content.training.api import sessions_by_id
from sirhp.content.training.api import TrainingError


def trained_in(*, agency, codes):
    """The officers of ``agency`` who passed one of the courses ``codes`` in
    a closed session (the trained of ``coverage`` and of the dashboard).

    :param agency: an Agency.
    :param codes: course codes.
    :returns: a set of file UIDs.
    """
    trained = set()
    for session in sessions_by_id(agency, review_state=CLOSED).values():
        if session.course_code in codes:
            trained.update(
                uid
                for uid, entry in (session.participants or {}).items()
                if entry["result"] == rules.PASSED
            )
    return trained


def coverage(*, agency, course=None, domain=None):
    """The share of the agency's staff (validated files of active officers)
    trained in a course or a domain, per unit, region, grade and sex
    (``rules.coverage``). Trained: passed in a closed session.

    :param agency: an Agency.
    :param course: a course code; or
    :param domain: a training domain code.
    :returns: {"course", "domain", "staff", "trained", "by": {grouping:
        {group: {"staff", "trained", "share"}}}}.
    :raises TrainingError: neither or both given.
    """
    if bool(course) == bool(domain):
        raise TrainingError(MSG_BAD_QUERY, "course")
    codes = {course} if course else set(courses(agency=agency, domain=domain))
    trained = trained_in(agency=agency, codes=codes)
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        path="/".join(agency.getPhysicalPath()),
    )
    staff = [
        {
            "id": brain.UID,
            "unit": brain.unit_title or brain.unit,
            "region": brain.region,
            "grade": brain.grade,
            "sex": brain.sex,
        }
        for brain in brains
        if brain.personnel_status in (None, "active")
    ]
    table = rules.coverage(staff, trained)
    return {
        "course": course,
        "domain": domain,
        "staff": len(staff),
        "trained": len({row["id"] for row in staff} & trained),
        "by": table,
    }
