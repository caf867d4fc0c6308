"""The merit ranking of a concours of 20,000 candidates (pure: no site).

Synthetic candidates from a seeded generator (Malian regions, totals on a
half-point scale so that ties are many, one in ten eliminated); 400 posts
with quotas for every region and the rest on national merit. ``rank`` is
timed best of 3; the baseline of the same run is sorting the same list by
total (what any ranking does at least once), and each figure is also given
as a ratio to it. Target: ranking ≤ 10 s.

Usage: .venv/bin/python benchmarks/recruitment_ranking.py [OUTPUT.json]
"""

from datetime import date
from datetime import timedelta
import json
import random
from sirhp.content.recruitment.ranking import rank
import sys
import time

CANDIDATES = 20_000
POSTS = 400
REGIONS = (
    "kayes",
    "koulikoro",
    "sikasso",
    "segou",
    "mopti",
    "tombouctou",
    "gao",
    "kidal",
    "bamako",
    "menaka",
    "taoudeni",
)
TARGET_S = 10


def candidates(seed=2026):
    rng = random.Random(seed)
    result = []
    for number in range(CANDIDATES):
        eliminated = rng.random() < 0.1
        result.append(
            {
                "id": f"C{number:05d}",
                "region": rng.choice(REGIONS),
                "sex": rng.choice("MF"),
                "birth_date": date(1998, 1, 1) + timedelta(days=rng.randint(0, 2900)),
                "total": None if eliminated else rng.randint(16, 36) / 2,
                "eliminated_at": rng.choice(("sport", "medical"))
                if eliminated
                else None,
                "stage_marks": {
                    "preselection": rng.randint(8, 20),
                    "ecrit": rng.randint(6, 20),
                    "sport": rng.randint(6, 20),
                },
            }
        )
    return result


def best_of(runs, function):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return result, min(times)


def main(output=None):
    people = candidates()
    quotas = {region: 30 for region in REGIONS}  # 330 of 400: 70 national
    _sorted, baseline = best_of(
        3,
        lambda: sorted(
            (c for c in people if c["total"] is not None), key=lambda c: -c["total"]
        ),
    )
    result, ranking_s = best_of(
        3, lambda: rank(people, posts=POSTS, quotas=quotas, waiting_size=50)
    )
    figures = {
        "candidates": CANDIDATES,
        "posts": POSTS,
        "admitted": len(result["main"]),
        "vacant": result["vacant"],
        "baseline_sort_s": round(baseline, 4),
        "ranking_s": round(ranking_s, 4),
        "ranking_ratio": round(ranking_s / baseline, 1) if baseline else None,
        "target_s": TARGET_S,
        "within_target": ranking_s <= TARGET_S,
    }
    text = json.dumps(figures, indent=2)
    print(text)
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
    return figures


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
