"""The merit ranking of a concours with regional quotas (pure: no Zope,
no Plone import; the domain API calls ``rank``).

The order of merit: the total, higher first; between equal totals the
higher mark at the tie-break stage (the last stage with marks: the written
tests in the default stages), then the older candidate (« à égalité, le plus
âgé »), then the candidate's id, so the order is total and never random.

Posts: each region of ``quotas`` gets its quota from its own admissible
candidates, in the order of merit; the posts beyond the sum of the quotas
are filled on national merit (the best remaining admissible candidates of
any region). A region with fewer admissible candidates than its quota
leaves posts over: with ``shortfall="national"`` they join the national
posts, with ``"vacant"`` they stay unfilled.

Ties at the last place of a quota (or of the national posts) are decided
by the tie-breakers above, like any other pair: never more admitted than
posts. The candidate left out by a tie-breaker is told which one decided.

Every explanation is plain data: ``why`` (the French text) and
``why_msg`` (``msgid``, French ``default``, ``mapping``) for the domain API
to translate; the msgids are listed in ``sirhp.policy/locales/manual.pot``.
"""

from string import Template

NATIONAL = "national"
VACANT = "vacant"
SHORTFALL_RULES = (NATIONAL, VACANT)
BY_QUOTA = "quota"
BY_NATIONAL = "national"

# The default stages of a campaign and their French names (a campaign may
# configure others: its labels are passed to ``rank``).
STAGE_LABELS = {
    "candidature": "Candidature",
    "preselection": "Présélection sur dossier",
    "ecrit": "Épreuves écrites",
    "sport": "Épreuves sportives",
    "medical": "Visite médicale",
    "resultats": "Résultats",
}

MSG_QUOTA = (
    "recruitment_why_quota",
    "Admis au titre du quota de ${region} (place ${place} sur ${quota}).",
)
MSG_NATIONAL = (
    "recruitment_why_national",
    "Admis au mérite national (place ${place} sur ${posts}).",
)
MSG_WAITING = (
    "recruitment_why_waiting",
    "Liste d'attente de ${region}, rang ${rank} : moyenne ${total} inférieure "
    "à celle du dernier admis (${cut}).",
)
MSG_WAITING_QUOTA = (
    "recruitment_why_waiting_quota",
    "Liste d'attente de ${region}, rang ${rank} : ${region} a pourvu son "
    "quota (${quota}) avec des moyennes supérieures.",
)
MSG_WAITING_NO_POST = (
    "recruitment_why_waiting_no_post",
    "Liste d'attente de ${region}, rang ${rank} : aucun quota pour ${region} "
    "et aucune place au mérite national.",
)
MSG_TIE_STAGE = (
    "recruitment_why_tie_stage",
    "Liste d'attente de ${region}, rang ${rank} : à égalité de moyenne "
    "(${total}) avec le dernier admis, départagé par la note de l'étape "
    "« ${stage} ».",
)
MSG_TIE_AGE = (
    "recruitment_why_tie_age",
    "Liste d'attente de ${region}, rang ${rank} : à égalité de moyenne "
    "(${total}) et de note avec le dernier admis, départagé par l'âge (à "
    "égalité, le plus âgé).",
)
MSG_TIE_ID = (
    "recruitment_why_tie_id",
    "Liste d'attente de ${region}, rang ${rank} : à égalité de moyenne, de "
    "note et de date de naissance avec le dernier admis, départagé par "
    "l'ordre des dossiers.",
)
MSG_BEYOND_WAITING = (
    "recruitment_why_beyond_waiting",
    "Non retenu : au-delà des ${size} rangs de la liste d'attente de ${region}.",
)
MSG_ELIMINATED = (
    "recruitment_why_eliminated",
    "Éliminé à l'étape « ${stage} ».",
)
MSG_NO_TOTAL = (
    "recruitment_why_no_total",
    "Non classé : moyenne manquante.",
)

# which tie-breaker separated two candidates -> the waiting list's message
TIE_MESSAGES = {"stage": MSG_TIE_STAGE, "age": MSG_TIE_AGE, "id": MSG_TIE_ID}


def _why(message, **mapping):
    msgid, default = message
    mapping = {key: str(value) for key, value in mapping.items()}
    return {
        "why": Template(default).safe_substitute(mapping),
        "why_msg": {"msgid": msgid, "default": default, "mapping": mapping},
    }


def is_admissible(candidate):
    """Whether ``candidate`` is ranked: a total and not eliminated."""
    return candidate.get("total") is not None and not candidate.get("eliminated_at")


def stage_order(candidates):
    """The stages in the order the candidates' marks name them (first seen
    first): the default when the campaign does not give its stages."""
    order = {}
    for candidate in candidates:
        for stage in candidate.get("stage_marks") or {}:
            order.setdefault(stage, None)
    return list(order)


def tie_stage(candidates, stages=None):
    """The tie-break stage: the last of ``stages`` at which an admissible
    candidate has a mark (None when no candidate has one)."""
    candidates = [c for c in candidates if is_admissible(c)]
    stages = list(stages) if stages is not None else stage_order(candidates)
    for stage in reversed(stages):
        if any((c.get("stage_marks") or {}).get(stage) is not None for c in candidates):
            return stage
    return None


def merit_key(candidate, stage):
    """Sort key of the order of merit (smallest first): total descending,
    mark at ``stage`` descending (no mark last), birth date ascending (the
    older first; no date last), id."""
    mark = (candidate.get("stage_marks") or {}).get(stage) if stage else None
    born = candidate.get("birth_date")
    return (
        -candidate["total"],
        (0, -mark) if mark is not None else (1, 0),
        (0, born.toordinal()) if born is not None else (1, 0),
        str(candidate["id"]),
    )


def decider(winner_key, loser_key):
    """Which criterion put ``winner`` before ``loser``: ``total``,
    ``stage``, ``age`` or ``id`` (keys of ``merit_key``)."""
    for name, won, lost in zip(
        ("total", "stage", "age", "id"), winner_key, loser_key, strict=True
    ):
        if won != lost:
            return name
    return "id"


def _check(posts, quotas, shortfall, waiting_size):
    if shortfall not in SHORTFALL_RULES:
        raise ValueError(f"shortfall must be one of {SHORTFALL_RULES}")
    if posts < 0 or any(q < 0 for q in quotas.values()):
        raise ValueError("posts and quotas must not be negative")
    if sum(quotas.values()) > posts:
        raise ValueError("the quotas exceed the posts")
    if waiting_size is not None and waiting_size < 0:
        raise ValueError("waiting_size must not be negative")


def _number(value):
    """A total as shown: 14.5, 15 (no trailing .0)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def rank(
    candidates,
    *,
    posts,
    quotas,
    shortfall=NATIONAL,
    waiting_size=None,
    stages=None,
    stage_labels=None,
    region_labels=None,
):
    """Rank a concours: main list, waiting list per region, the others.

    :param candidates: iterable of dicts ``{"id", "region", "sex",
        "birth_date", "total", "eliminated_at", "stage_marks"}``; ``total``
        None or ``eliminated_at`` set: not admissible.
    :param posts: the campaign's posts (an int).
    :param quotas: ``{region: posts}``; their sum at most ``posts`` (the
        remainder goes on national merit).
    :param shortfall: ``"national"`` (posts a region cannot fill go to the
        best remaining candidates of any region) or ``"vacant"``.
    :param waiting_size: the length of each region's waiting list (None:
        every admissible candidate not admitted).
    :param stages: the campaign's stage codes in order (the tie-break stage
        is the last with marks); default: the order the marks name them.
    :param stage_labels: ``{stage: French name}`` for the explanations
        (default ``STAGE_LABELS``, else the code).
    :param region_labels: ``{region: French name}`` (default: the code).
    :returns: ``{"main": [{"id", "region", "rank", "total", "by", "why",
        "why_msg"}], "waiting": {region: [{"id", "rank_in_region", "total",
        "why", "why_msg"}]}, "out": [{"id", "why", "why_msg"}], "regions":
        {region: {"quota", "admissible", "admitted", "by_quota",
        "by_national", "vacant", "transferred"}}, "vacant": int, "tie_stage": str|None}``;
        every candidate exactly once in main, waiting or out.
    :raises ValueError: an unknown ``shortfall``, negative numbers, quotas
        over the posts (the domain API refuses these before).
    """
    candidates = list(candidates)
    _check(posts, quotas, shortfall, waiting_size)
    stage_names = {**STAGE_LABELS, **(stage_labels or {})}
    regions_named = region_labels or {}

    def region_name(region):
        return regions_named.get(region, region)

    stage = tie_stage(candidates, stages)
    admissible = sorted(
        (c for c in candidates if is_admissible(c)),
        key=lambda c: merit_key(c, stage),
    )
    by_region = {}
    for candidate in admissible:
        by_region.setdefault(candidate["region"], []).append(candidate)

    admitted = {}  # id -> (candidate, by, place)
    last_of_quota = {}  # region -> its last admitted on its quota
    shortage = 0
    for region, quota in quotas.items():
        chosen = by_region.get(region, [])[:quota]
        for place, candidate in enumerate(chosen, start=1):
            admitted[candidate["id"]] = (candidate, BY_QUOTA, place)
        if chosen:
            last_of_quota[region] = chosen[-1]
        shortage += quota - len(chosen)
    national_posts = posts - sum(quotas.values())
    if shortfall == NATIONAL:
        national_posts += shortage
    last_national = None
    place = 0
    for candidate in admissible:
        if place == national_posts:
            break
        if candidate["id"] not in admitted:
            place += 1
            admitted[candidate["id"]] = (candidate, BY_NATIONAL, place)
            last_national = candidate

    main = []
    for number, candidate in enumerate(
        (c for c in admissible if c["id"] in admitted), start=1
    ):
        _c, by, place = admitted[candidate["id"]]
        if by == BY_QUOTA:
            region = candidate["region"]
            why = _why(
                MSG_QUOTA, region=region_name(region), place=place, quota=quotas[region]
            )
        else:
            why = _why(MSG_NATIONAL, place=place, posts=national_posts)
        main.append(
            {
                "id": candidate["id"],
                "region": candidate["region"],
                "rank": number,
                "total": candidate["total"],
                "by": by,
                **why,
            }
        )

    def waiting_why(candidate, rank_in_region):
        region = candidate["region"]
        mapping = {
            "region": region_name(region),
            "rank": rank_in_region,
            "total": _number(candidate["total"]),
        }
        # the nearest place this candidate failed to take: the last of the
        # region's quota or the last national post, whichever ranks lower
        cuts = [c for c in (last_of_quota.get(region), last_national) if c]
        if not cuts:
            return _why(MSG_WAITING_NO_POST, **mapping)
        cut = max(cuts, key=lambda c: merit_key(c, stage))
        if cut["total"] == candidate["total"]:
            criterion = decider(merit_key(cut, stage), merit_key(candidate, stage))
            message = TIE_MESSAGES[criterion]
            return _why(message, stage=stage_names.get(stage, stage), **mapping)
        if cut is last_of_quota.get(region):
            return _why(MSG_WAITING_QUOTA, quota=quotas[region], **mapping)
        return _why(MSG_WAITING, cut=_number(cut["total"]), **mapping)

    waiting, out = {}, []
    for region, ranked in by_region.items():
        left = [c for c in ranked if c["id"] not in admitted]
        for number, candidate in enumerate(left, start=1):
            if waiting_size is not None and number > waiting_size:
                why = _why(
                    MSG_BEYOND_WAITING, size=waiting_size, region=region_name(region)
                )
                out.append({"id": candidate["id"], **why})
                continue
            waiting.setdefault(region, []).append(
                {
                    "id": candidate["id"],
                    "rank_in_region": number,
                    "total": candidate["total"],
                    **waiting_why(candidate, number),
                }
            )
    for candidate in candidates:
        if is_admissible(candidate):
            continue
        if candidate.get("eliminated_at"):
            at = candidate["eliminated_at"]
            why = _why(MSG_ELIMINATED, stage=stage_names.get(at, at))
        else:
            why = _why(MSG_NO_TOTAL)
        out.append({"id": candidate["id"], **why})

    regions = {}
    for region in list(quotas) + [c["region"] for c in candidates]:
        regions.setdefault(
            region,
            {
                "quota": quotas.get(region, 0),
                "admissible": len(by_region.get(region, [])),
                "admitted": 0,
                "by_quota": 0,
                "by_national": 0,
                "vacant": 0,
                "transferred": 0,
            },
        )
    for candidate, by, _place in admitted.values():
        row = regions[candidate["region"]]
        row["admitted"] += 1
        row["by_" + by] += 1
    for row in regions.values():
        # posts of its quota the region could not fill: unfilled, or gone to
        # national merit
        left = row["quota"] - row["by_quota"]
        row["vacant" if shortfall == VACANT else "transferred"] = left
    return {
        "main": main,
        "waiting": waiting,
        "out": out,
        "regions": regions,
        "vacant": posts - len(main),
        "tie_stage": stage,
    }
