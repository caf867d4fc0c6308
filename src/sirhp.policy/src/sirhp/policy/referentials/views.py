"""@@referentiels-statut: the référentiels edited as rows, saved as a new
version with an effective date (``sirhp.content.referentials.api``, which
checks every rule; a refusal is shown at its row); the statute mapping
(old grade -> new grade, previewed then applied: the API of
``POST @statute-mapping``); the work due on versions in force, run now
(the daily task runs it otherwise). The forms are read by ``forms``."""

from plone.protect import CheckAuthenticator
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from sirhp.policy.referentials.forms import codes_text
from sirhp.policy.referentials.forms import echelons_text
from sirhp.policy.referentials.forms import mapping_from_form
from sirhp.policy.referentials.forms import scan_from_form
from sirhp.policy.referentials.forms import tables_from_form
from zope.i18n import translate
from zope.i18nmessageid import Message

BLANK_ROWS = 2  # empty rows under each table, for new codes
MAPPING_ROWS = 4  # rows of the statute mapping form
MSG_SAVED = _(
    "referential_saved",
    default="Nouvelle version des référentiels enregistrée (en vigueur le ${effective}).",
)
MSG_MAPPING_APPLIED = _(
    "referential_mapping_applied",
    default="Reclassement enregistré : ${count} acte(s) de carrière déposé(s), "
    "date d'effet ${effective}.",
)
MSG_RECOMPUTED = _(
    "referential_recomputed",
    default="Recalcul effectué : ${count} date(s) de départ à la retraite "
    "recalculée(s).",
)
MSG_NOTHING_DUE = _(
    "referential_nothing_due",
    default="Rien à recalculer : aucune nouvelle version n'est entrée en vigueur "
    "depuis le dernier calcul.",
)


class ReferentialsPanel(SirhpView):
    """One table per kind (corps with their age limits, grades in order with
    échelons, leave types and rights, sanctions, promotion rules per target
    grade); saving adds a version."""

    error = None
    error_row = None
    saved = None
    preview = None  # [{"old", "new", "count"}] of a mapping dry run
    mapping_error = None
    done = None  # the message of an applied mapping or a recompute

    def __call__(self):
        self.tables = referentials.tables()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            if "form.mapping.preview" in form or "form.mapping.apply" in form:
                self.mapping(apply="form.mapping.apply" in form)
            elif "form.recompute" in form:
                self.recompute()
            else:
                self.save()
        return self.index()

    def mapping(self, apply):
        """Preview (nothing stored) or apply the typed statute mapping."""
        form = self.request.form
        typed = mapping_from_form(form)
        effective = form.get("mapping_effective")
        try:
            if apply:
                count = referentials.apply_mapping(
                    mapping=typed,
                    effective=effective,
                    reference=str(form.get("mapping_reference") or "").strip(),
                    container=self.context,
                    scan=scan_from_form(form),
                )
            else:
                counts = referentials.preview_mapping(
                    mapping=typed, effective=effective, container=self.context
                )
        except referentials.ReferentialError as error:
            self.request.response.setStatus(400)
            self.mapping_error = error.text(self.request)
            return
        if not apply:
            self.preview = [
                {"old": old, "new": new, "count": counts[old]}
                for old, new in typed.items()
            ]
            return
        self.done = self._text(
            MSG_MAPPING_APPLIED,
            count=count,
            effective=self.format_date(referentials.parse_date(effective)),
        )

    def recompute(self):
        """Run now the work due on the versions in force (``apply_due``)."""
        result = referentials.apply_due()
        if not result["applied"]:
            self.done = self._text(MSG_NOTHING_DUE)
            return
        count = result["results"].get("retirement_dates", 0)
        self.done = self._text(MSG_RECOMPUTED, count=count)

    def _text(self, message, **mapping):
        return translate(Message(message, mapping=mapping), context=self.request)

    def due(self):
        """The versions not yet applied, and the last run, as dates."""
        status = referentials.due_status()
        return {
            "pending": [
                self.format_date(referentials.parse_date(day))
                for day in status["pending"]
            ],
            "last_run": self.format_date(
                referentials.parse_date(status["last_run"])
                if status["last_run"]
                else None
            ),
        }

    def grade_options(self):
        """Every grade of every version (old statutes included), the label
        of its newest version, sorted by label."""
        labels = {}
        for version in referentials.versions():
            for code, row in version["tables"]["grades"].items():
                labels[code] = row.get("label") or code
        return sorted(
            ({"code": code, "label": label} for code, label in labels.items()),
            key=lambda option: (option["label"].lower(), option["code"]),
        )

    def mapping_rows(self):
        """The typed rows (kept after a preview or a refusal), then blanks."""
        typed = list(mapping_from_form(self.request.form).items())
        blanks = max(MAPPING_ROWS - len(typed), 1)
        return [{"old": o, "new": n} for o, n in typed] + [
            {"old": "", "new": ""}
        ] * blanks

    def label_of(self, code):
        return next(
            (o["label"] for o in self.grade_options() if o["code"] == code), code
        )

    def save(self):
        form = self.request.form
        typed = tables_from_form(form)
        # never drop the promotion rules: a form without their rows keeps
        # those in force
        typed.setdefault("promotion_rules", self.tables.get("promotion_rules", {}))
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
        self.saved = self._text(
            MSG_SAVED,
            effective=self.format_date(referentials.parse_date(version["effective"])),
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

    def promotion_rows(self):
        """The promotion rules, one row per target grade (the grades'
        order, then unknown codes), the trainings as text."""
        promotion = self.tables.get("promotion_rules") or {}
        grades = self.tables.get("grades") or {}
        codes = [c for c in rules.ordered_grades(self.tables) if c in promotion]
        codes += [code for code in promotion if code not in codes]
        return [
            {
                "code": code,
                **promotion[code],
                "grade_label": grades.get(code, {}).get("label", ""),
                "trainings_text": codes_text(promotion[code].get("required_trainings")),
            }
            for code in codes
            if isinstance(promotion[code], dict)
        ]
