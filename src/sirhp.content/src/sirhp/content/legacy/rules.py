"""Legacy spreadsheet import: the pure rules (no Zope import).

A register typed over the years in Excel names its columns as it likes and
writes dates in every style found in Malian registers. These rules map the
user's headers to SIRHP fields, read each cell and say, row by row and
column by column, what cannot be imported. Refusals are plain data
``(row, field, code, mapping)``; the API turns codes into i18n messages.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
import re
from sirhp.content.domain.personnel import date_errors
from sirhp.content.domain.personnel import grade_corps_mismatch
from sirhp.content.domain.personnel import is_valid_email
from sirhp.content.domain.personnel import is_valid_matricule
from sirhp.content.domain.personnel import is_valid_nina
from sirhp.content.domain.personnel import is_valid_phone
from typing import NamedTuple
import unicodedata

# field -> (required, French header of the template, other header names)
FIELDS = {
    "matricule": (True, "Matricule", ("mle", "n matricule", "numero matricule")),
    "nina": (False, "NINA", ("numero nina", "n nina")),
    "last_name": (True, "Nom", ("nom de famille",)),
    "first_names": (True, "Prénoms", ("prenom",)),
    "sex": (True, "Sexe", ("genre",)),
    "birth_date": (True, "Date de naissance", ("ne le", "date naissance", "naissance")),
    "birth_place": (False, "Lieu de naissance", ("ne a", "lieu naissance")),
    "hire_date": (
        True,
        "Date d'entrée en service",
        ("date entree", "date de recrutement", "recrutement", "entree en service"),
    ),
    "corps": (True, "Corps", ()),
    "grade": (True, "Grade", ()),
    "grade_date": (False, "Date de prise de grade", ("date grade",)),
    "echelon": (False, "Échelon", ()),
    "unit": (False, "Unité", ("affectation", "unite d affectation", "service")),
    "position": (False, "Fonction", ("poste", "fonction poste")),
    "phone": (False, "Téléphone", ("tel", "telephone", "contact")),
    "email": (False, "Courriel", ("email", "e mail", "mail")),
}
REQUIRED = tuple(name for name, spec in FIELDS.items() if spec[0])
DATE_FIELDS = ("birth_date", "hire_date", "grade_date")
TEMPLATE_HEADERS = tuple(spec[1] for spec in FIELDS.values())
EXAMPLE_ROW = {
    "matricule": "104582M",
    "nina": "19850312001234A",
    "last_name": "Traoré",
    "first_names": "Aminata",
    "sex": "F",
    "birth_date": "12/03/1985",
    "birth_place": "Ségou",
    "hire_date": "01/10/2008",
    "position": "Enquêtrice",
    "phone": "+223 76 00 00 00",
}
SEXES = {"m": "M", "masculin": "M", "h": "M", "homme": "M",
         "f": "F", "feminin": "F", "femme": "F"}  # fmt: skip
MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3, "mar": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
    "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
# Excel's day 0 (its 1900 leap-year bug included): serial 1 = 1900-01-01.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = (3_000, 80_000)  # 1908 to 2119: anything else is not a date
NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
SPELLED = re.compile(r"^(\d{1,2})(?:er)? ([a-z]+)\.? (\d{4})$")


class Lookups(NamedTuple):
    """What cells are checked against: ``{code: label}`` of corps,
    ``{code: (label, corps)}`` of grades, ``{code: (title, uid)}`` of the
    agency's units."""

    corps: dict
    grades: dict
    units: dict


class Problem(NamedTuple):
    """One refusal: spreadsheet row number (1 = headers), field, code."""

    row: int
    field: str
    code: str
    mapping: dict


def normalize(text) -> str:
    """Lower case, no accents, words separated by one space."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def auto_mapping(headers) -> dict:
    """``{column index: field}``: each header matched by its normalized name
    to a field's name, template header or another usual name; a field is
    mapped once (its first column)."""
    names = {}
    for field, (_required, label, others) in FIELDS.items():
        for name in (field, label, *others):
            names.setdefault(normalize(name), field)
    mapping = {}
    for index, header in enumerate(headers):
        field = names.get(normalize(header))
        if field and field not in mapping.values():
            mapping[index] = field
    return mapping


def missing_columns(mapping) -> list:
    """The required fields no column is mapped to."""
    mapped = set(mapping.values())
    return [field for field in REQUIRED if field not in mapped]


def map_row(cells, mapping) -> dict:
    """A row's raw values by field (empty cells left out)."""
    row = {}
    for index, field in mapping.items():
        value = cells[index] if index < len(cells) else None
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, ""):
            row[field] = value
    return row


def _year(value: int, today: date) -> int:
    """A two-digit year in the last century unless that is in the future."""
    if value >= 100:
        return value
    year = 2000 + value
    return year if year <= today.year else year - 100


def parse_date(value, today: date):
    """A register's date: a ``date``/``datetime`` (openpyxl), an Excel serial
    number, ``12/03/1998``, ``12-03-1998``, ``1998-03-12``, ``12.03.98`` or
    ``12 mars 1998``. Returns None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        return None
    text = normalize(value) if not NUMERIC.match(str(value).strip()) else str(value)
    match = NUMERIC.match(text.strip())
    try:
        if match:
            first, month, last = (int(part) for part in match.groups())
            if len(match.group(1)) == 4:  # ISO: year first
                return date(first, month, last)
            if len(match.group(3)) in (2, 4):
                return date(_year(last, today), month, first)
            return None
        match = SPELLED.match(text)
        if match and match.group(2) in MONTHS:
            return date(
                int(match.group(3)), MONTHS[match.group(2)], int(match.group(1))
            )
    except ValueError:  # 31/02/1990
        return None
    return None


def lookup(value, table) -> str | None:
    """The code of ``value`` in ``table`` (``{code: label or (label, ...)}``),
    found by code (any case) or by its label (normalized)."""
    text = str(value).strip()
    if text in table:
        return text
    wanted = normalize(text)
    for code, label in table.items():
        label = label[0] if isinstance(label, tuple) else label
        if normalize(code) == wanted or normalize(label) == wanted:
            return code
    return None


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def check_row(number, row, lookups: Lookups, today: date):
    """Read one mapped row: ``(values, problems)``; ``values`` holds the
    file's fields (``unit`` a unit's uid) when ``problems`` is empty."""
    problems = []

    def refuse(field, code, **mapping):
        problems.append(Problem(number, field, code, mapping))

    values = {}
    for field in REQUIRED:
        if field not in row:
            refuse(field, "required")
    for field in DATE_FIELDS:
        if field in row:
            day = parse_date(row[field], today)
            if day is None:
                refuse(field, "date", value=_text(row[field]))
            else:
                values[field] = day
    for field in ("last_name", "first_names", "birth_place", "position"):
        if field in row:
            values[field] = _text(row[field])
    if "matricule" in row:
        values["matricule"] = _text(row["matricule"]).upper()
        if not is_valid_matricule(values["matricule"]):
            refuse("matricule", "matricule", value=values["matricule"])
    if "nina" in row:
        values["nina"] = _text(row["nina"]).upper().replace(" ", "")
        if not is_valid_nina(values["nina"]):
            refuse("nina", "nina", value=values["nina"])
    if "sex" in row:
        values["sex"] = SEXES.get(normalize(row["sex"]))
        if values["sex"] is None:
            refuse("sex", "sex", value=_text(row["sex"]))
    for field, table in (("corps", lookups.corps), ("grade", lookups.grades)):
        if field in row:
            values[field] = lookup(row[field], table)
            if values[field] is None:
                refuse(field, field, value=_text(row[field]))
    if "unit" in row:
        code = lookup(row["unit"], lookups.units)
        if code is None:
            refuse("unit", "unit", value=_text(row["unit"]))
        else:
            values["unit"] = lookups.units[code][1]
    if "echelon" in row:
        try:
            values["echelon"] = int(_text(row["echelon"]))
            assert values["echelon"] >= 1
        except (ValueError, AssertionError):
            refuse("echelon", "echelon", value=_text(row["echelon"]))
    if "phone" in row:
        values["phone"] = _text(row["phone"])
        if not is_valid_phone(values["phone"]):
            refuse("phone", "phone", value=values["phone"])
    if "email" in row:
        values["email"] = _text(row["email"])
        if not is_valid_email(values["email"]):
            refuse("email", "email", value=values["email"])
    if values.get("corps") and values.get("grade"):
        grades = [
            _Term(code, label, (corps,))
            for code, (label, corps) in lookups.grades.items()
        ]
        corps = [_Term(code, label, ()) for code, label in lookups.corps.items()]
        mismatch = grade_corps_mismatch(
            corps=values["corps"], grade=values["grade"], grades=grades,
            corps_terms=corps,
        )  # fmt: skip
        if mismatch:
            refuse("grade", "grade_corps", **mismatch)
    for text in date_errors(
        birth_date=values.get("birth_date"),
        hire_date=values.get("hire_date"),
        grade_date=values.get("grade_date"),
        today=today,
    ):
        refuse("birth_date", "dates", text=text)
    return values, problems


class _Term(NamedTuple):
    code: str
    label: str
    extra: tuple


def check_rows(numbered_rows, lookups: Lookups, taken, today: date):
    """Every row of a file: ``(records, problems)``.

    :param numbered_rows: ``(row number, mapped row)`` pairs.
    :param taken: ``{"matricule": set, "nina": set}`` already used by
        existing files (any agency).
    :returns: the rows' values in order, and every problem, duplicates
        within the file and against ``taken`` included.
    """
    records, problems = [], []
    seen = {"matricule": {}, "nina": {}}
    for number, row in numbered_rows:
        values, row_problems = check_row(number, row, lookups, today)
        for field in ("matricule", "nina"):
            value = values.get(field)
            if not value or any(p.field == field for p in row_problems):
                continue
            if value in taken.get(field, ()):
                row_problems.append(Problem(number, field, "taken", {"value": value}))
            elif value in seen[field]:
                row_problems.append(
                    Problem(
                        number, field, "duplicate",
                        {"value": value, "first": seen[field][value]},
                    )
                )  # fmt: skip
            else:
                seen[field][value] = number
        problems.extend(row_problems)
        records.append(values)
    return records, problems


def scan_name(filename):
    """``(matricule, document type code)`` of ``<matricule>_<code>.pdf``,
    else None."""
    match = re.fullmatch(r"([0-9]{6}[A-Za-z])_([A-Za-z0-9_-]+)\.pdf", filename or "")
    if not match:
        return None
    return match.group(1).upper(), match.group(2)
