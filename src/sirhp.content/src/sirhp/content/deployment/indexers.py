"""Catalog entries of the staff finder.

Files: ``skill_level`` (``skill:level`` tokens), ``driving_licences``,
``birth_date`` (the age band is computed from the query's day). Training
acts: ``training_course`` (the course code) and ``training_valid_until``
(the certificate's expiry, ``rules.NEVER`` when it never expires), so that
« holds a valid certificate on D » is one range query over the acts, on
the query's day, with nothing to reindex when a certificate expires.
"""

from plone.indexer import indexer
from sirhp.content.deployment import rules
from sirhp.content.interfaces import ICareerEvent
from sirhp.content.interfaces import IDeploymentList
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.training import api as training
from sirhp.content.training import rules as training_rules

TRAINING = "training"  # the event type closing a session files


@indexer(IPersonnelFile)
def skill_level(obj):
    return rules.level_tokens(obj.skills, getattr(obj, "skill_levels", None))


@indexer(ICareerEvent)
def training_course(obj):
    if obj.event_type != TRAINING or not obj.reference:
        raise AttributeError("training_course")
    return obj.reference


@indexer(ICareerEvent)
def training_valid_until(obj):
    """The day the act's certificate stops being valid (the course's
    validity from the act's date, as ``training.api.close`` computes it)."""
    if obj.event_type != TRAINING or not obj.reference or obj.event_date is None:
        raise AttributeError("training_valid_until")
    agency = training.agency_of(obj)
    course = training.courses(agency=agency).get(obj.reference) if agency else None
    years = (
        course.certificate_years if course is not None and course.certificate else None
    )
    expiry = training_rules.certificate_expiry(obj.event_date, years)
    return expiry or rules.NEVER


@indexer(IDeploymentList)
def deployment_members(obj):
    """The UIDs of a list's files: Mon dossier finds the lists of one file
    with one query."""
    return list(obj.members or ())
