"""Marker interfaces and registry schemas of sirhp.content."""

from sirhp.content import _
from zope import schema
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISirhpContentLayer(IDefaultBrowserLayer):
    """Browser layer, active once the content profile is installed."""


class ISirhpContent(Interface):
    """Marker: any SIRHP content (agency, unit, file, records, badges...).

    Provided by ``content.base.SirhpContent``: no WebDAV/FTP representation,
    no Zope management screens but for administrators.
    """


class IAgency(Interface):
    """Marker: an agency or service (Police nationale, OCS, others added as data)."""


class IUnit(Interface):
    """Marker: an organisational unit."""


class IPersonnelFile(Interface):
    """Marker: a personnel file (dossier individuel)."""


class IPersonnelRecord(Interface):
    """Marker: a record inside a personnel file (document, career event)."""


class IScannedDocument(IPersonnelRecord):
    """Marker: a scanned document (pièce)."""


class ICareerEvent(IPersonnelRecord):
    """Marker: a career event (acte de carrière)."""


class IHRVocabularies(Interface):
    """HR-editable vocabularies. One term a line: ``code|Libellé``.

    The code is stored on the records and must not change once used; the
    label may be corrected at any time.
    """

    corps = schema.List(
        title=_("label_corps_vocabulary", default="Corps"),
        value_type=schema.TextLine(),
        required=True,
    )
    grades = schema.List(
        title=_("label_grades_vocabulary", default="Grades"),
        description=_(
            "help_grades_vocabulary",
            default="Une ligne par grade : code|Libellé|code du corps (facultatif).",
        ),
        value_type=schema.TextLine(),
        required=True,
    )
    skills = schema.List(
        title=_("label_skills_vocabulary", default="Compétences"),
        value_type=schema.TextLine(),
        required=True,
    )
    document_types = schema.List(
        title=_("label_document_types_vocabulary", default="Types de pièces"),
        value_type=schema.TextLine(),
        required=True,
    )


class IBadge(Interface):
    """Marker: a police badge (carte professionnelle) inside a personnel file."""


class IBadgePrintBatch(Interface):
    """Marker: the record of one batch of printed badges (lot d'impression)."""


class IBadgeSettings(Interface):
    """Badge settings (registry prefix ``sirhp.badge``)."""

    validity_years = schema.Int(
        title=_("label_badge_validity_years", default="Durée de validité (années)"),
        description=_(
            "help_badge_validity_years",
            default="Durée de validité d'une carte à compter de son impression.",
        ),
        min=1,
        max=10,
        default=5,
        required=True,
    )
    public_url = schema.TextLine(
        title=_("label_badge_public_url", default="Adresse publique du portail"),
        description=_(
            "help_badge_public_url",
            default="Adresse du portail vue par le public, utilisée dans le code QR "
            "des cartes (ex. https://sirhp.police.gouv.ml). Vide : l'adresse du site.",
        ),
        required=False,
        default="",
    )
    verifications_per_minute = schema.Int(
        title=_(
            "label_badge_rate_limit",
            default="Vérifications publiques par minute et par adresse",
        ),
        min=1,
        max=10000,
        default=20,
        required=True,
    )


class IChangeRequest(Interface):
    """Marker: a change request (demande de modification) inside a file."""


class ILeaveRequest(Interface):
    """Marker: a leave request (demande de congé) inside a file."""


class IAttestationRequest(Interface):
    """Marker: an official document on request (attestation de service,
    de travail, état des services) inside a file."""


class ITrainingCourse(Interface):
    """Marker: a course of an agency's training catalogue."""


class ITrainingSession(Interface):
    """Marker: a session of a training course, with its participants."""


class IEvaluationCampaign(Interface):
    """Marker: an annual evaluation campaign (campagne d'évaluation) of an
    agency."""


class IEvaluation(Interface):
    """Marker: an officer's annual evaluation, inside the officer's file."""


class IPromotionTable(Interface):
    """Marker: a tableau d'avancement of an agency (target grade, year)."""


class IRecruitmentCampaign(Interface):
    """Marker: a recruitment campaign (concours) of an agency."""


class ICandidate(Interface):
    """Marker: a candidate of a recruitment campaign."""


class IDeploymentList(Interface):
    """Marker: a deployment list of an agency (a saved staff search)."""
