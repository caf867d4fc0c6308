"""Shared set-up of the training tests: the OPJ course and its 2026
session in the Police nationale, officers A and B (dates explicit)."""

from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.training import api as training_api


def planned_session(portal, testdata, capacity=2, certificate=True):
    """The course and a planned session; returns (agency, session, files)."""
    agency = portal["police-nationale"]
    login(portal, "hrmanager.pn")
    api.content.create(
        container=agency,
        type="TrainingCourse",
        id="opj",
        title="Officier de police judiciaire",
        code="OPJ",
        domain="judicial",
        hours=40,
        certificate=certificate,
        certificate_years=3,
    )
    session = api.content.create(
        container=agency,
        type="TrainingSession",
        id="opj-2026",
        title="OPJ 2026",
        course_code="OPJ",
        start=date(2026, 10, 5),
        end=date(2026, 10, 16),
        capacity=capacity,
    )
    files = [
        portal.unrestrictedTraverse(testdata.path_of(name))
        for name in ("pn_validated", "pn_validated2")
    ]
    return agency, session, files


def closed_session(portal, testdata):
    """OPJ 2026 closed: officer A passed (certificate 3 years), B failed."""
    _agency, session, files = planned_session(portal, testdata, capacity=5)
    training_api.nominate(session=session, file=files[0])
    training_api.nominate(session=session, file=files[1])
    training_api.record_result(session=session, file=files[0], result="passed")
    training_api.record_result(session=session, file=files[1], result="failed")
    api.content.transition(obj=session, transition="record")
    login(portal, "siteadmin")
    api.content.transition(obj=session, transition="close")
    return session, files
