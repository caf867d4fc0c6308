"""Checks of the promotion rules référentiel (pure): one row per target
grade, read by ``sirhp.content.promotion.rules.eligibility``.

An optional kind (versions stored before it read the shipped rules); each
key of a row optional (an absent criterion is not checked). Checked once
the four statute tables are valid (``rules.problems``): a row names a grade
of the grades table and a sanction level of the sanctions table. Problems
have the shape of ``rules.problems``'.
"""

from sirhp.content.referentials.rules import CODE_RE
from sirhp.content.referentials.rules import is_int
from sirhp.content.referentials.rules import problem

PROMOTION = "promotion_rules"
# whole numbers of a row and their minimum (None: not required)
PROMOTION_COUNTS = (
    ("min_years_in_grade", 0),
    ("min_years_in_service", 0),
    ("over_last_campaigns", 1),
    ("max_sanction_level", 0),
    ("sanction_years", 1),
)
# the French names the messages give the fields (the panel's headings)
FIELD_LABELS = {
    "min_years_in_grade": "années dans le grade",
    "min_years_in_service": "années de service",
    "over_last_campaigns": "campagnes prises en compte",
    "max_sanction_level": "niveau de sanction maximal",
    "sanction_years": "années sans sanction",
}
MARK_MAX = 20


def _promotion_problem(code, field, default, **mapping):
    return problem(
        f"referential_promotion_{field}",
        default,
        PROMOTION,
        code,
        field=field,
        **mapping,
    )


def _mark_problem(code, mark):
    if mark is None:
        return []
    number = isinstance(mark, (int, float)) and not isinstance(mark, bool)
    if number and 0 <= mark <= MARK_MAX:
        return []
    return [
        _promotion_problem(
            code,
            "mark",
            "Avancement au grade « ${code} » : la moyenne minimale doit être un "
            "nombre entre 0 et 20.",
        )
    ]


def _count_problems(code, row):
    for name, minimum in PROMOTION_COUNTS:
        value = row.get(name)
        if value is not None and (not is_int(value) or value < minimum):
            return [
                problem(
                    "referential_promotion_count",
                    "Avancement au grade « ${code} » : « ${field} » doit être un "
                    "nombre entier à partir de ${minimum} (vide : non exigé).",
                    PROMOTION,
                    code,
                    field=FIELD_LABELS[name],
                    minimum=minimum,
                )
            ]
    return []


def _sanction_level_problem(tables, code, level):
    """A maximum sanction level beyond the sanctions' levels means nothing
    (0: no sanction allowed)."""
    levels = [
        row.get("level")
        for row in (tables.get("sanctions") or {}).values()
        if isinstance(row, dict) and is_int(row.get("level"))
    ]
    highest = max(levels, default=0)
    if level is None or level <= highest:
        return []
    return [
        _promotion_problem(
            code,
            "sanction_level",
            "Avancement au grade « ${code} » : le niveau de sanction maximal "
            "doit être entre 0 (aucune sanction) et ${highest}, le niveau le "
            "plus élevé des sanctions.",
            highest=highest,
        )
    ]


def _trainings_problem(code, trainings):
    if isinstance(trainings, list) and all(
        isinstance(t, str) and CODE_RE.match(t) for t in trainings
    ):
        return []
    return [
        _promotion_problem(
            code,
            "trainings",
            "Avancement au grade « ${code} » : formations exigées attendues "
            "comme codes de cours (lettres minuscules, chiffres, « - »).",
        )
    ]


def _status_problem(code, status):
    if status is None or (isinstance(status, str) and CODE_RE.match(status)):
        return []
    return [
        _promotion_problem(
            code,
            "status",
            "Avancement au grade « ${code} » : position statutaire attendue "
            "comme code (« active »).",
        )
    ]


def _row_problems(tables, code, row):
    if code not in (tables.get("grades") or {}) or not isinstance(row, dict):
        return [
            _promotion_problem(
                code,
                "grade",
                "Avancement : le grade « ${code} » n'existe pas dans les grades.",
            )
        ]
    found = _count_problems(code, row)
    if not found:
        found = _sanction_level_problem(tables, code, row.get("max_sanction_level"))
    return (
        found
        + _mark_problem(code, row.get("min_average_mark"))
        + _trainings_problem(code, row.get("required_trainings") or [])
        + _status_problem(code, row.get("status"))
    )


def problems(tables):
    """Problems of the optional promotion rules of ``tables`` (empty: valid
    or absent), row by row; the tables' grades and sanctions are read as
    they are (check them first with ``rules.problems``)."""
    promotion = tables.get(PROMOTION)
    if promotion is None:
        return []
    if not isinstance(promotion, dict):
        return [
            _promotion_problem(
                "", "shape", "Règles d'avancement attendues par grade visé."
            )
        ]
    found = []
    for code, row in promotion.items():
        found += _row_problems(tables, code, row)
    return found
