"""@@referentiels-statut: the référentiels edited as rows, saved as a new
version with an effective date (``sirhp.content.referentials.api``, which
checks every rule; a refusal is shown at its row)."""

from plone.protect import CheckAuthenticator
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate
from zope.i18nmessageid import Message

BLANK_ROWS = 2  # empty rows under each table, for new codes
MSG_SAVED = _(
    "referential_saved",
    default="Nouvelle version des référentiels enregistrée (en vigueur le ${effective}).",
)


def number(text):
    """A typed number: int, None when empty, else the text as typed (the
    API refuses it, naming the row)."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def echelons_of(text):
    """``"2, 2, 3, "`` -> {"1": 2, "2": 2, "3": 3, "4": None}: one échelon
    per comma-separated duration (the last one empty)."""
    parts = str(text or "").split(",")
    return {str(i): number(part) for i, part in enumerate(parts, start=1)}


def echelons_text(echelons):
    """{"1": 2, "2": None} -> ``"2, "``."""
    ordered = sorted((echelons or {}).items(), key=lambda item: int(item[0]))
    return ", ".join("" if years is None else str(years) for _n, years in ordered)


def _rows(form, kind):
    """The typed rows of ``kind`` that have a code (``:records`` fields)."""
    rows = form.get(kind) or []
    if not isinstance(rows, list):
        return []
    return [
        row for row in rows if hasattr(row, "get") and str(row.get("code", "")).strip()
    ]


def tables_from_form(form):
    """The tables as typed in the panel's rows (rows without a code ignored)."""
    corps = {
        row["code"].strip(): {
            "label": row.get("label", "").strip(),
            "category": row.get("category", "").strip(),
            "age_limit": number(row.get("age_limit")),
        }
        for row in _rows(form, "corps")
    }
    grades = {}
    for row in _rows(form, "grades"):
        grade = {
            "corps": row.get("corps", "").strip(),
            "order": number(row.get("order")),
            "label": row.get("label", "").strip(),
            "echelons": echelons_of(row.get("echelons")),
        }
        if number(row.get("age_limit")) is not None:
            grade["age_limit"] = number(row.get("age_limit"))
        grades[row["code"].strip()] = grade
    leave_types = {
        row["code"].strip(): {
            "label": row.get("label", "").strip(),
            "yearly_days": number(row.get("yearly_days")),
            "counting": row.get("counting", ""),
            "restricted_scan": bool(row.get("restricted_scan")),
        }
        for row in _rows(form, "leave_types")
    }
    sanctions = {
        row["code"].strip(): {
            "label": row.get("label", "").strip(),
            "level": number(row.get("level")),
        }
        for row in _rows(form, "sanctions")
    }
    return {
        "corps": corps,
        "grades": grades,
        "leave_types": leave_types,
        "sanctions": sanctions,
    }


class ReferentialsPanel(SirhpView):
    """One table per kind (corps with their age limits, grades in order with
    échelons, leave types and rights, sanctions); saving adds a version."""

    error = None
    error_row = None
    saved = None

    def __call__(self):
        self.tables = referentials.tables()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.save()
        return self.index()

    def save(self):
        form = self.request.form
        typed = tables_from_form(form)
        try:
            version = referentials.add_version(
                effective=form.get("effective"), tables=typed
            )
        except referentials.ReferentialError as error:
            self.request.response.setStatus(400)
            self.error = error.text(self.request)
            self.error_row = error.field
            self.tables = typed
            return
        self.saved = translate(
            Message(
                MSG_SAVED,
                mapping={
                    "effective": self.format_date(
                        referentials.parse_date(version["effective"])
                    )
                },
            ),
            context=self.request,
        )

    def versions(self):
        return [
            self.format_date(referentials.parse_date(v["effective"]))
            for v in reversed(referentials.versions())
        ]

    def row_error(self, kind, code):
        """The error of this row, if it is the one at fault."""
        return self.error if self.error_row == f"{kind}:{code}" else None

    def corps_rows(self):
        return [{"code": code, **row} for code, row in self.tables["corps"].items()]

    def grade_rows(self):
        grades = self.tables["grades"]
        codes = rules.ordered_grades(self.tables)
        codes += [code for code in grades if code not in codes]
        return [
            {
                "code": code,
                **grades[code],
                "echelons_text": echelons_text(grades[code].get("echelons")),
            }
            for code in codes
        ]

    def leave_rows(self):
        return [
            {"code": code, **row} for code, row in self.tables["leave_types"].items()
        ]

    def sanction_rows(self):
        rows = self.tables["sanctions"].items()
        return [
            {"code": code, **row}
            for code, row in sorted(rows, key=lambda item: rules.sort_level(item[1]))
        ]

    def blank_rows(self):
        return range(BLANK_ROWS)
