"""The merit ranking of a concours without a site: quotas applied exactly,
ties (at a quota's cut, within a region), a region short of candidates under
both shortfall rules, posts beyond the quotas, eliminated candidates,
waiting lists, every candidate exactly once (and a seeded random test of the
invariants: hypothesis is not installed)."""

import ast
from datetime import date
from pathlib import Path
import pytest
import random
from sirhp.content.recruitment import ranking
from sirhp.content.recruitment.ranking import rank
import sys
from tests.unit.test_i18n_complete import parse

ROOT = Path(__file__).resolve().parents[2]
MANUAL = ROOT / "src/sirhp.policy/src/sirhp/policy/locales/manual.pot"
ENGLISH = ROOT / "src/sirhp.policy/src/sirhp/policy/locales/en/LC_MESSAGES/sirhp.po"


def person(id, region, total, *, ecrit=None, born=date(2000, 1, 1), out=None):
    return {
        "id": id,
        "region": region,
        "sex": "M",
        "birth_date": born,
        "total": total,
        "eliminated_at": out,
        "stage_marks": {"ecrit": ecrit if ecrit is not None else total},
    }


def ids(result, by=None):
    return [e["id"] for e in result["main"] if by is None or e["by"] == by]


def everyone(result):
    return (
        ids(result)
        + [e["id"] for rows in result["waiting"].values() for e in rows]
        + [e["id"] for e in result["out"]]
    )


def test_quotas_applied_exactly():
    candidates = [
        person("s1", "segou", 16),
        person("s2", "segou", 15),
        person("s3", "segou", 14),
        person("k1", "kayes", 11),
        person("k2", "kayes", 10),
    ]
    result = rank(candidates, posts=3, quotas={"segou": 2, "kayes": 1})
    # Kayes gets its place with 11 although Ségou's third has 14
    assert ids(result) == ["s1", "s2", "k1"]
    assert {e["id"]: e["by"] for e in result["main"]} == {
        "s1": "quota",
        "s2": "quota",
        "k1": "quota",
    }
    assert [e["rank"] for e in result["main"]] == [1, 2, 3]
    assert result["main"][2]["why"] == (
        "Admis au titre du quota de kayes (place 1 sur 1)."
    )
    assert result["regions"]["segou"] == {
        "quota": 2,
        "admissible": 3,
        "admitted": 2,
        "by_quota": 2,
        "by_national": 0,
        "vacant": 0,
        "transferred": 0,
    }
    assert result["vacant"] == 0
    (s3,) = result["waiting"]["segou"]
    assert s3["rank_in_region"] == 1
    assert s3["why"] == (
        "Liste d'attente de segou, rang 1 : segou a pourvu son quota (2) "
        "avec des moyennes supérieures."
    )


def test_region_labels_in_explanations():
    result = rank(
        [person("s1", "segou", 12)],
        posts=1,
        quotas={"segou": 1},
        region_labels={"segou": "Ségou"},
    )
    assert result["main"][0]["why"] == (
        "Admis au titre du quota de Ségou (place 1 sur 1)."
    )
    assert result["main"][0]["why_msg"] == {
        "msgid": "recruitment_why_quota",
        "default": "Admis au titre du quota de ${region} (place ${place} sur ${quota}).",
        "mapping": {"region": "Ségou", "place": "1", "quota": "1"},
    }


def test_remainder_beyond_quotas_goes_on_national_merit():
    candidates = [
        person("s1", "segou", 16),
        person("s2", "segou", 15),
        person("m1", "mopti", 14),
        person("k1", "kayes", 9),
        person("k2", "kayes", 8),
    ]
    result = rank(candidates, posts=4, quotas={"segou": 1, "kayes": 1})
    assert ids(result, "quota") == ["s1", "k1"]
    # two national posts: the best remaining, any region (Mopti has no quota)
    assert ids(result, "national") == ["s2", "m1"]
    national = [e for e in result["main"] if e["by"] == "national"]
    assert national[0]["why"] == "Admis au mérite national (place 1 sur 2)."
    assert result["regions"]["mopti"]["by_national"] == 1
    assert result["waiting"]["kayes"][0]["id"] == "k2"
    assert result["waiting"]["kayes"][0]["why"] == (
        "Liste d'attente de kayes, rang 1 : kayes a pourvu son quota (1) "
        "avec des moyennes supérieures."
    )


def test_waiting_below_national_cut():
    candidates = [
        person("s1", "segou", 16),
        person("m1", "mopti", 14),
        person("m2", "mopti", 12),
    ]
    result = rank(candidates, posts=2, quotas={"segou": 1})
    assert ids(result) == ["s1", "m1"]
    assert result["waiting"]["mopti"][0]["why"] == (
        "Liste d'attente de mopti, rang 1 : moyenne 12 inférieure à celle du "
        "dernier admis (14)."
    )


def test_no_post_for_a_region_without_quota():
    result = rank(
        [person("s1", "segou", 12), person("m1", "mopti", 18)],
        posts=1,
        quotas={"segou": 1},
    )
    assert ids(result) == ["s1"]
    assert result["waiting"]["mopti"][0]["why"] == (
        "Liste d'attente de mopti, rang 1 : aucun quota pour mopti et aucune "
        "place au mérite national."
    )


@pytest.mark.parametrize(
    "shortfall, admitted, vacant",
    [("national", ["s1", "k1", "s2", "s3"], 0), ("vacant", ["s1", "k1", "s2"], 1)],
)
def test_region_short_of_candidates(shortfall, admitted, vacant):
    """Kayes has 2 places and 1 admissible candidate: its second place goes
    to the best remaining candidate of any region, or stays vacant."""
    candidates = [
        person("s1", "segou", 16),
        person("s2", "segou", 15),
        person("s3", "segou", 14),
        person("s4", "segou", 13),
        person("k1", "kayes", 9),
        person("k2", "kayes", 19, out="sport"),
    ]
    result = rank(
        candidates, posts=4, quotas={"segou": 1, "kayes": 2}, shortfall=shortfall
    )
    assert sorted(ids(result)) == sorted(admitted)
    assert result["vacant"] == vacant
    kayes = result["regions"]["kayes"]
    assert kayes["admissible"] == 1
    assert kayes["by_quota"] == 1
    if shortfall == "national":
        assert kayes["transferred"] == 1 and kayes["vacant"] == 0
    else:
        assert kayes["vacant"] == 1 and kayes["transferred"] == 0
    assert len(ids(result)) + result["vacant"] == 4


def test_tie_at_the_cut_decided_by_the_last_stage_with_marks():
    candidates = [
        person("s1", "segou", 15, ecrit=12),
        person("s2", "segou", 15, ecrit=14),
    ]
    result = rank(candidates, posts=1, quotas={"segou": 1})
    assert ids(result) == ["s2"]  # never more admitted than posts
    (left,) = result["waiting"]["segou"]
    assert left["id"] == "s1"
    assert left["why"] == (
        "Liste d'attente de segou, rang 1 : à égalité de moyenne (15) avec le "
        "dernier admis, départagé par la note de l'étape « Épreuves écrites »."
    )


def test_tie_decided_by_age_then_id():
    older, younger = date(1999, 3, 1), date(2001, 7, 9)
    candidates = [
        person("b", "segou", 15, ecrit=12, born=younger),
        person("a", "segou", 15, ecrit=12, born=older),
        person("d", "kayes", 13, ecrit=12, born=older),
        person("c", "kayes", 13, ecrit=12, born=older),
    ]
    result = rank(candidates, posts=2, quotas={"segou": 1, "kayes": 1})
    assert ids(result) == ["a", "c"]
    assert (
        "départagé par l'âge (à égalité, le plus âgé)"
        in (result["waiting"]["segou"][0]["why"])
    )
    assert "départagé par l'ordre des dossiers" in result["waiting"]["kayes"][0]["why"]


def test_ties_within_a_region_keep_a_total_order():
    candidates = [person(f"s{i}", "segou", 12, ecrit=10) for i in range(5)]
    result = rank(candidates, posts=2, quotas={"segou": 2})
    assert ids(result) == ["s0", "s1"]
    assert [e["id"] for e in result["waiting"]["segou"]] == ["s2", "s3", "s4"]
    assert [e["rank_in_region"] for e in result["waiting"]["segou"]] == [1, 2, 3]


def test_tie_stage_is_the_last_with_marks():
    candidates = [
        {**person("a", "segou", 15), "stage_marks": {"ecrit": 10, "sport": None}},
        {**person("b", "segou", 15), "stage_marks": {"ecrit": 12}},
    ]
    assert ranking.tie_stage(candidates) == "ecrit"
    assert ranking.tie_stage(candidates, ["sport", "ecrit"]) == "ecrit"
    assert ranking.tie_stage([person("x", "segou", None)]) is None


def test_eliminated_and_unmarked_candidates_are_out():
    candidates = [
        person("s1", "segou", 12),
        person("s2", "segou", 19, out="sport"),
        person("s3", "segou", None),
        person("s4", "segou", 18, out="atelier"),
    ]
    result = rank(
        candidates,
        posts=1,
        quotas={"segou": 1},
        stage_labels={"atelier": "Atelier pratique"},
    )
    assert ids(result) == ["s1"]
    assert {e["id"]: e["why"] for e in result["out"]} == {
        "s2": "Éliminé à l'étape « Épreuves sportives ».",
        "s3": "Non classé : moyenne manquante.",
        "s4": "Éliminé à l'étape « Atelier pratique ».",
    }
    assert result["regions"]["segou"]["admissible"] == 1


def test_waiting_size_limits_each_list():
    candidates = [person(f"s{i}", "segou", 20 - i) for i in range(5)]
    result = rank(candidates, posts=1, quotas={"segou": 1}, waiting_size=2)
    assert [e["id"] for e in result["waiting"]["segou"]] == ["s1", "s2"]
    assert [e["id"] for e in result["out"]] == ["s3", "s4"]
    assert result["out"][0]["why"] == (
        "Non retenu : au-delà des 2 rangs de la liste d'attente de segou."
    )


@pytest.mark.parametrize(
    "options",
    [
        {"posts": 2, "quotas": {"segou": 3}},
        {"posts": 2, "quotas": {"segou": -1}},
        {"posts": 2, "quotas": {}, "shortfall": "lottery"},
        {"posts": 2, "quotas": {}, "waiting_size": -1},
    ],
)
def test_bad_arguments_are_refused(options):
    with pytest.raises(ValueError):
        rank([], **options)


def test_empty_campaign():
    result = rank([], posts=3, quotas={"segou": 1}, shortfall="vacant")
    assert result["main"] == [] and result["vacant"] == 3
    assert result["regions"]["segou"]["vacant"] == 1


REGIONS = ("bamako", "kayes", "koulikoro", "sikasso", "segou", "mopti", "gao")


def _random_campaign(rng):
    candidates = []
    for number in range(rng.randint(0, 60)):
        candidates.append(
            {
                "id": f"c{number:03d}",
                "region": rng.choice(REGIONS),
                "sex": rng.choice("MF"),
                "birth_date": date(1995 + rng.randint(0, 8), rng.randint(1, 12), 1),
                # few distinct totals: many ties
                "total": rng.choice([None] + [x / 2 for x in range(16, 30)]),
                "eliminated_at": rng.choice([None] * 6 + ["sport", "medical"]),
                "stage_marks": {
                    "ecrit": rng.randint(8, 12),
                    "sport": rng.randint(8, 10),
                },
            }
        )
    posts = rng.randint(0, 25)
    quotas = {}
    for region in rng.sample(REGIONS, rng.randint(0, len(REGIONS))):
        room = posts - sum(quotas.values())
        if room > 0:
            quotas[region] = rng.randint(0, min(room, 5))
    return candidates, posts, quotas


@pytest.mark.parametrize("seed", range(300))
def test_invariants_on_random_campaigns(seed):
    rng = random.Random(seed)
    candidates, posts, quotas = _random_campaign(rng)
    shortfall = rng.choice(["national", "vacant"])
    waiting_size = rng.choice([None, 0, 1, 3])
    result = rank(
        candidates,
        posts=posts,
        quotas=quotas,
        shortfall=shortfall,
        waiting_size=waiting_size,
    )
    by_id = {c["id"]: c for c in candidates}
    admissible = [c for c in candidates if ranking.is_admissible(c)]
    # every candidate exactly once, with an explanation
    assert sorted(everyone(result)) == sorted(by_id)
    entries = result["main"] + result["out"]
    entries += [e for rows in result["waiting"].values() for e in rows]
    assert all(e["why"] and "${" not in e["why"] for e in entries)
    # never more admitted than posts; the rest vacant
    admitted = ids(result)
    assert len(admitted) <= posts
    assert len(admitted) + result["vacant"] == posts
    assert all(ranking.is_admissible(by_id[i]) for i in admitted)
    # a region's quota places go to its own candidates, at most its quota
    for region, quota in quotas.items():
        row = result["regions"][region]
        assert row["by_quota"] == min(quota, row["admissible"])
    # national rule: no post left while an admissible candidate waits
    if shortfall == "national":
        assert result["vacant"] == max(0, posts - len(admissible))
    else:
        shortage = sum(
            max(0, q - result["regions"][r]["admissible"]) for r, q in quotas.items()
        )
        assert result["vacant"] >= shortage
    # merit within a region: nobody left out while a lower one of the same
    # region is in
    stage = result["tie_stage"]
    rank_of = {c["id"]: ranking.merit_key(c, stage) for c in admissible}
    for candidate in admissible:
        if candidate["id"] in admitted:
            continue
        for other in admitted:
            if by_id[other]["region"] == candidate["region"]:
                assert rank_of[other] < rank_of[candidate["id"]]
    # national posts go to the best of those the quotas left
    national = ids(result, "national")
    for candidate in admissible:
        if candidate["id"] not in admitted:
            assert all(rank_of[n] < rank_of[candidate["id"]] for n in national)
    # waiting lists are in merit order, numbered from 1, bounded
    for region, rows in result["waiting"].items():
        assert [e["rank_in_region"] for e in rows] == list(range(1, len(rows) + 1))
        keys = [rank_of[e["id"]] for e in rows]
        assert keys == sorted(keys)
        assert all(by_id[e["id"]]["region"] == region for e in rows)
        if waiting_size is not None:
            assert len(rows) <= waiting_size
    # the same input gives the same answer
    assert (
        rank(
            list(reversed(candidates)),
            posts=posts,
            quotas=quotas,
            shortfall=shortfall,
            waiting_size=waiting_size,
        )["main"]
        == result["main"]
    )


def test_module_is_pure():
    """No Zope, Plone or third-party import: standard library only."""
    tree = ast.parse(Path(ranking.__file__).read_text(encoding="utf-8"))
    names = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert names <= set(sys.stdlib_module_names), names


def test_messages_are_in_the_catalogues():
    messages = {
        value[0]: value[1]
        for name, value in vars(ranking).items()
        if name.startswith("MSG_")
    }
    manual = {msgid: default for msgid, _s, default in parse(MANUAL)}
    english = {msgid: msgstr for msgid, msgstr, _d in parse(ENGLISH)}
    assert {m: d for m, d in messages.items() if manual.get(m) != d} == {}
    assert [m for m in messages if not english.get(m)] == []
