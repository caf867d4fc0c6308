"""Recruitment rules: stages, quotas, marks, elimination, statistics and the
rows of a marks spreadsheet. Pure: no Zope, no Plone, no external tool.

A refusal is a ``Problem`` (a key the API turns into an i18n message, and
its mapping); the API raises it as ``RecruitmentError``.
"""

from dataclasses import dataclass
from dataclasses import field
from math import fsum
from sirhp.content.base.number_rules import typed
from sirhp.content.domain.personnel import is_valid_nina

SHORTFALL_RULES = ("national", "vacant")
# code, French label, maximum mark, eliminatory minimum (0: none)
DEFAULT_STAGES = (
    "candidature|Candidature|20|0",
    "preselection|Présélection sur dossier|20|10",
    "ecrit|Épreuves écrites|20|10",
    "sport|Épreuves sportives|20|8",
    "medical|Visite médicale|20|10",
    "resultats|Résultats|20|0",
)
OPEN_FOR_CANDIDATES = ("draft", "open")
OPEN_FOR_MARKS = ("open", "closed")
STATUSES = ("pending", "admissible", "eliminated")


@dataclass(frozen=True)
class Stage:
    code: str
    label: str
    maximum: float
    minimum: float = 0.0


@dataclass(frozen=True)
class Problem:
    """A rule refused something: ``key`` names the message, ``mapping``
    its values."""

    key: str
    mapping: dict = field(default_factory=dict)


class RuleError(ValueError):
    """One or more problems (``problems``), raised by the parsers."""

    def __init__(self, *problems: Problem):
        super().__init__(problems[0].key if problems else "")
        self.problems = problems


def _number(text):
    try:
        value = float(typed(text))
    except (TypeError, ValueError):
        return None
    return value if value == value else None  # NaN


def parse_stages(lines) -> list[Stage]:
    """``code|Libellé|maximum|minimum`` lines -> stages, in order.

    :raises RuleError: a line malformed, a code twice, a minimum above the
        maximum, no stage at all.
    """
    stages, seen = [], set()
    for line in lines or ():
        if not (line or "").strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        maximum = _number(parts[2]) if len(parts) > 2 else None
        minimum = _number(parts[3]) if len(parts) > 3 and parts[3] else 0.0
        if (
            len(parts) < 3
            or not parts[0]
            or not parts[1]
            or maximum is None
            or maximum <= 0
            or minimum is None
            or minimum < 0
        ):
            raise RuleError(Problem("stage_line", {"line": line}))
        if minimum > maximum:
            raise RuleError(Problem("stage_minimum", {"stage": parts[0]}))
        if parts[0] in seen:
            raise RuleError(Problem("stage_twice", {"stage": parts[0]}))
        seen.add(parts[0])
        stages.append(Stage(parts[0], parts[1], maximum, minimum))
    if not stages:
        raise RuleError(Problem("no_stage"))
    return stages


def parse_quotas(lines, known) -> dict:
    """``code|posts`` lines -> {code: posts}; ``known`` the allowed codes.

    :raises RuleError: an unknown code, a code twice, posts not a whole
        number ≥ 0.
    """
    quotas = {}
    for line in lines or ():
        if not (line or "").strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        posts = parts[1] if len(parts) == 2 else ""
        if not posts.isdigit():
            raise RuleError(Problem("quota_line", {"line": line}))
        if parts[0] not in known:
            raise RuleError(Problem("quota_unknown", {"code": parts[0]}))
        if parts[0] in quotas:
            raise RuleError(Problem("quota_twice", {"code": parts[0]}))
        quotas[parts[0]] = int(posts)
    return quotas


def check_quotas(posts: int, quotas: dict) -> list[Problem]:
    """The regional quotas never add up to more than the posts."""
    total = sum(quotas.values())
    if total > (posts or 0):
        return [Problem("quota_total", {"total": total, "posts": posts})]
    return []


def check_nina(nina) -> list[Problem]:
    """A candidate's NINA: required, the personnel file's format."""
    if not nina:
        return [Problem("nina_required")]
    if not is_valid_nina(nina):
        return [Problem("nina_format", {"nina": nina})]
    return []


def check_marks(stages, marks: dict) -> tuple[dict, list[Problem]]:
    """Marks {stage code: mark} -> (marks as floats, problems): a stage the
    campaign has, a number between 0 and the stage's maximum."""
    by_code = {stage.code: stage for stage in stages}
    clean, problems = {}, []
    for code, raw in (marks or {}).items():
        stage = by_code.get(code)
        if stage is None:
            problems.append(Problem("unknown_stage", {"stage": code}))
            continue
        value = _number(raw)
        if value is None or not 0 <= value <= stage.maximum:
            problems.append(
                Problem(
                    "mark_range",
                    {"stage": stage.label, "mark": raw, "max": _text(stage.maximum)},
                )
            )
            continue
        clean[code] = value
    return clean, problems


def _text(number):
    return f"{number:g}"


def eliminating_stage(stages, marks: dict):
    """The first stage, in order, whose mark is below its eliminatory
    minimum; None when no mark eliminates."""
    for stage in stages:
        mark = marks.get(stage.code)
        if mark is not None and stage.minimum and mark < stage.minimum:
            return stage
    return None


def status(stages, marks: dict, eliminated_at) -> str:
    """``eliminated``, ``admissible`` (a mark at every stage, none
    eliminating) or ``pending``."""
    if eliminated_at:
        return "eliminated"
    if all(stage.code in marks for stage in stages):
        return "admissible"
    return "pending"


def total(stages, marks: dict):
    """A candidate's average: the mean of its marks over every stage of the
    campaign (no weights: the stages carry none), rounded to 4 decimals so
    equal averages compare equal; None while a stage has no mark."""
    if not stages or any(stage.code not in marks for stage in stages):
        return None
    return round(fsum(marks[stage.code] for stage in stages) / len(stages), 4)


def statistics(candidates, quotas: dict, sex_quotas: dict, results=None) -> dict:
    """Candidates, eliminated, admissible and quota by region and by sex.

    :param candidates: dicts ``{"region", "sex", "status", "uid"}``.
    :param results: the ranking's admitted UIDs, when results exist.
    """
    admitted = set(results or ())

    def table(key, quota):
        rows = {}
        for code in sorted({c[key] or "" for c in candidates} | set(quota)):
            mine = [c for c in candidates if (c[key] or "") == code]
            row = {
                "code": code,
                "candidates": len(mine),
                "eliminated": sum(c["status"] == "eliminated" for c in mine),
                "admissible": sum(c["status"] == "admissible" for c in mine),
                "quota": quota.get(code),
            }
            if results is not None:
                row["admitted"] = sum(c["uid"] in admitted for c in mine)
            rows[code] = row
        return list(rows.values())

    return {
        "total": len(candidates),
        "by_region": table("region", quotas),
        "by_sex": table("sex", sex_quotas),
    }


def score_rows(headers, rows, stages, known_ninas) -> list[dict]:
    """The rows of a marks spreadsheet checked: ``[{"row", "nina", "ok",
    "errors": [Problem], "marks": {stage: mark}}]``.

    :param headers: the first row: ``NINA`` then stage codes.
    :param rows: ``[(row number, cells)]``.
    :param known_ninas: the NINAs of the campaign's candidates.
    :raises RuleError: the header row is not NINA and stage codes.
    """
    codes = [str(h or "").strip() for h in headers]
    stage_codes = {stage.code for stage in stages}
    if not codes or codes[0].upper() != "NINA":
        raise RuleError(Problem("header_nina"))
    unknown = [code for code in codes[1:] if code and code not in stage_codes]
    if unknown:
        raise RuleError(Problem("header_stage", {"stage": unknown[0]}))
    report, seen = [], set()
    for number, cells in rows:
        cells = list(cells) + [None] * (len(codes) - len(cells))
        nina = str(cells[0] or "").strip()
        errors = list(check_nina(nina))
        if not errors and nina not in known_ninas:
            errors.append(Problem("nina_unknown", {"nina": nina}))
        if nina and nina in seen:
            errors.append(Problem("nina_twice_file", {"nina": nina}))
        seen.add(nina)
        raw = {
            code: cells[i]
            for i, code in enumerate(codes)
            if i and code and cells[i] not in (None, "")
        }
        marks, problems = check_marks(stages, raw)
        errors.extend(problems)
        report.append(
            {
                "row": number,
                "nina": nina,
                "ok": not errors,
                "errors": errors,
                "marks": marks,
            }
        )
    return report
