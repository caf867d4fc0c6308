"""Rules on a personnel file's data (formats, dates, grade and corps)."""

from datetime import date
import re

# Matricule of the Police nationale / OCS: 6 digits followed by one capital
# letter (e.g. 104582M). It is the id of the file, so it must be URL-safe.
MATRICULE_RE = re.compile(r"^[0-9]{6}[A-Z]$")
# NINA (Numéro d'identification nationale): 15 characters, digits and capitals.
NINA_RE = re.compile(r"^[0-9A-Z]{15}$")
PHONE_RE = re.compile(r"^\+?[0-9 ]{8,20}$")

MIN_HIRING_AGE = 18


def is_valid_matricule(value: str) -> bool:
    return bool(value) and bool(MATRICULE_RE.fullmatch(value))


def is_valid_nina(value: str) -> bool:
    return bool(value) and bool(NINA_RE.fullmatch(value))


def is_valid_phone(value: str) -> bool:
    return bool(value) and bool(PHONE_RE.fullmatch(value))


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years of someone born on ``birth_date`` at ``day``."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def date_errors(birth_date=None, hire_date=None, grade_date=None, today=None):
    """Return the French messages of every inconsistency between the dates.

    An empty list means the dates are coherent.
    """
    today = today or date.today()
    errors = []
    if birth_date and birth_date > today:
        errors.append("La date de naissance est dans le futur.")
    if hire_date and hire_date > today:
        errors.append("La date d'entrée en service est dans le futur.")
    if birth_date and hire_date:
        if hire_date <= birth_date:
            errors.append(
                "La date de naissance doit précéder la date d'entrée en service."
            )
        elif age_on(birth_date, hire_date) < MIN_HIRING_AGE:
            errors.append(
                f"L'agent doit avoir au moins {MIN_HIRING_AGE} ans à son entrée en service."
            )
    if grade_date and hire_date and grade_date < hire_date:
        errors.append("La date de prise de grade ne peut précéder l'entrée en service.")
    if grade_date and grade_date > today:
        errors.append("La date de prise de grade est dans le futur.")
    return errors


def grade_corps_mismatch(corps=None, grade=None, grades=(), corps_terms=()):
    """Whether ``grade`` belongs to another corps than ``corps``.

    ``grades`` and ``corps_terms`` are the HR vocabularies' terms
    (``code|Libellé|corps`` and ``code|Libellé``): a grade line may name its
    corps; a grade without one fits any corps.

    :returns: None when coherent, else the labels to name in the message:
        ``{"grade": ..., "corps": ..., "expected": ...}``.
    """
    if not corps or not grade:
        return None
    grade_term = next((term for term in grades if term.code == grade), None)
    if grade_term is None or not grade_term.extra or not grade_term.extra[0]:
        return None
    expected = grade_term.extra[0]
    if expected == corps:
        return None
    labels = {term.code: term.label for term in corps_terms}
    return {
        "grade": grade_term.label,
        "corps": labels.get(corps, corps),
        "expected": labels.get(expected, expected),
    }


def full_name(last_name: str, first_names: str) -> str:
    """Display name as used on French administrative documents: NOM Prénoms."""
    last = (last_name or "").strip().upper()
    first = (first_names or "").strip()
    return " ".join(part for part in (last, first) if part)


# Letters, digits and . _ % + ' - only: no markup, spaces or line breaks
# (the address ends up in mail headers and in HTML).
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)


def is_valid_email(value: str) -> bool:
    """A plain address; rejects line breaks (header injection) and spaces."""
    return bool(value) and bool(EMAIL_RE.fullmatch(value))
