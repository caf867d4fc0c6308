"""Official documents on request (attestations): pure rules.

No Zope import (tests/unit/test_attestation_rules.py): the kinds, the
number's format, who may issue (four eyes), and the texts of each kind,
the état des services built from a list of validated career acts.
"""

from datetime import date
import re

SERVICE = "attestation_service"
WORK = "attestation_travail"
RECORD = "etat_services"
KINDS = (SERVICE, WORK, RECORD)
# French titles of each kind (the PDF, the register, the public check)
KIND_TITLES = {
    SERVICE: "Attestation de service",
    WORK: "Attestation de travail",
    RECORD: "État des services",
}
MAX_PURPOSE = 500
MAX_REASON = 1000
MAX_SIGNER = 120

NUMBER_RE = re.compile(r"^[A-Z0-9]{1,10}-\d{4}-\d{6}$")
# acts an état des services lists: the career's steps (never a sanction,
# a suspension or a leave: a career summary, not the disciplinary record)
RECORD_ACTS = frozenset(
    {
        "recruitment",
        "appointment",
        "tenure",
        "promotion",
        "reclassement",
        "assignment",
        "transfer",
        "detachment",
        "availability",
        "reinstatement",
        "retirement",
        "resignation",
        "dismissal",
    }
)
ACT_TITLES = {
    "recruitment": "Recrutement",
    "appointment": "Nomination",
    "tenure": "Titularisation",
    "promotion": "Avancement de grade",
    "reclassement": "Reclassement",
    "assignment": "Affectation",
    "transfer": "Mutation",
    "detachment": "Détachement",
    "availability": "Mise en disponibilité",
    "reinstatement": "Réintégration",
    "retirement": "Admission à la retraite",
    "resignation": "Démission",
    "dismissal": "Révocation",
}


def is_kind(value) -> bool:
    return value in KINDS


def prefix_of(short_name, agency_id) -> str:
    """The number's prefix: the agency's short name (``PN``), else its id,
    upper case letters and digits only, 10 at most."""
    text = short_name or agency_id or "SIRHP"
    cleaned = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
    return (cleaned or "SIRHP")[:10]


def format_number(prefix: str, year: int, sequence: int) -> str:
    """``PN-2026-000123``: the agency, the year of issue, the rank in it."""
    if sequence < 1 or sequence > 999999:
        raise ValueError(sequence)
    return f"{prefix}-{year:04d}-{sequence:06d}"


def parse_number(number: str):
    """(prefix, year, sequence) of a well-formed number, else None."""
    if not isinstance(number, str) or not NUMBER_RE.fullmatch(number):
        return None
    prefix, year, sequence = number.split("-")
    return prefix, int(year), int(sequence)


def clean_text(value, limit):
    """Stripped text, or None when empty or longer than ``limit``
    (the caller refuses: ``is_too_long`` says which)."""
    text = value.strip() if isinstance(value, str) else ""
    return text if text and len(text) <= limit else None


def is_too_long(value, limit) -> bool:
    return isinstance(value, str) and len(value.strip()) > limit


def may_issue(user_id, requester, holder, preparer, four_eyes) -> bool:
    """Four eyes: nobody issues a document he asked for or that is about
    him; with the agency's setting, nor one he prepared."""
    if not user_id:
        return False
    if user_id in (requester, holder):
        return False
    return not (four_eyes and preparer and user_id == preparer)


def fmt(day) -> str:
    return day.strftime("%d/%m/%Y") if isinstance(day, date) else ""


def civility(sex) -> str:
    """``M.`` / ``Mme`` (the personnel file's ``sex`` code), else both."""
    return {"M": "M.", "F": "Mme"}.get(sex, "M./Mme")


def record_lines(acts):
    """The état des services: the career steps of validated acts, oldest
    first, as ``[{"date", "title", "grade", "unit"}]``.

    :param acts: act dicts with ``type``, ``date``, ``grade``,
        ``unit_title`` (``sirhp.content.careers.api.acts``).
    """
    lines = [
        {
            "date": act.get("date"),
            "title": ACT_TITLES[act["type"]],
            "grade": act.get("grade") or "",
            "unit": act.get("unit_title") or "",
        }
        for act in acts
        if act.get("type") in RECORD_ACTS and isinstance(act.get("date"), date)
    ]
    return sorted(lines, key=lambda line: line["date"])


def service_start(acts, hire_date):
    """The first day of service: the recruitment act's date, else the
    file's hire date."""
    dates = [
        act["date"]
        for act in acts
        if act.get("type") == "recruitment" and isinstance(act.get("date"), date)
    ]
    return min(dates) if dates else hire_date


def body_lines(kind, holder):
    """The text of an attestation, as lines.

    :param kind: one of ``KINDS``.
    :param holder: {"civility", "name", "matricule", "grade", "unit",
        "agency", "since", "status_active"}.
    """
    who = f"{holder['civility']} {holder['name']}, matricule {holder['matricule']}"
    since = fmt(holder.get("since")) or "sa date de recrutement"
    if kind == SERVICE:
        return [
            f"certifie que {who},",
            f"grade : {holder['grade']},",
            f"est en service à {holder['unit']} ({holder['agency']})",
            f"depuis le {since}.",
        ]
    if kind == WORK:
        return [
            f"certifie que {who},",
            f"est employé(e) par {holder['agency']} depuis le {since}",
            f"en qualité de {holder['grade']}.",
            "La présente attestation est délivrée pour servir et valoir ce que "
            "de droit.",
        ]
    return [
        f"retrace ci-dessous les services de {who},",
        f"au service de {holder['agency']} depuis le {since}, "
        "d'après les actes validés de son dossier :",
    ]
