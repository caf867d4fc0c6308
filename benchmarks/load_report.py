"""The Markdown table of the load run, from Locust's CSV files.

``read_stats(prefix)`` reads ``<prefix>_stats.csv`` and
``<prefix>_failures.csv`` (Locust ``--csv <prefix>``); ``markdown(rounds,
...)`` puts the rounds side by side (1 client, 2 clients): requests,
errors, p50/p95 per request type, throughput, and the ratio of the
throughputs (2 clients / 1 client) against its target. No Locust import:
``benchmarks/load_run.py`` runs in the project's virtualenv.
"""

import csv
from load_personas import think_bound
from pathlib import Path

AGGREGATED = "Aggregated"


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):  # "N/A" when a type had no answer
        return 0.0


def _error(text):
    """Locust writes ``CatchResponseError('<message>')``: the message."""
    wrapper = "CatchResponseError("
    if text.startswith(wrapper) and text.endswith(")"):
        return text[len(wrapper) : -1].strip("'\"")
    return text


def read_stats(prefix):
    """``{"types": {name: row}, "total": row, "failures": [...]}``; a row:
    requests, errors, p50, p95 (ms), rps."""
    types, total = {}, None
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for line in csv.DictReader(handle):
            row = {
                "requests": int(_number(line["Request Count"])),
                "errors": int(_number(line["Failure Count"])),
                "p50": _number(line["50%"]),
                "p95": _number(line["95%"]),
                "rps": _number(line["Requests/s"]),
            }
            if line["Name"] == AGGREGATED:
                total = row
            else:
                types[line["Name"]] = row
    failures = []
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        with open(path, newline="") as handle:
            failures = [
                f"{line['Name']}: {_error(line['Error'])} (x{line['Occurrences']})"
                for line in csv.DictReader(handle)
            ]
    empty = {"requests": 0, "errors": 0, "p50": 0.0, "p95": 0.0, "rps": 0.0}
    return {"types": types, "total": total or empty, "failures": failures}


def _cells(row):
    if row is None:
        return "– | – | – | –"
    return f"{row['requests']} | {row['errors']} | {row['p50']:.0f} | {row['p95']:.0f}"


def markdown(rounds, args, command, target):
    """The report (text) and whether the targets are met (zero errors, the
    ratio at least ``target``)."""
    one, two = rounds[1], rounds[2]
    lines = [
        f"Command: `{command}`",
        "",
        f"Demo site of {args.count} files; {args.users} users (spawn rate "
        f"{args.spawn_rate}/s), {args.duration} per round, think times x "
        f"{args.think_scale}; nginx (TLS) in front of the Zope clients "
        "(ZEO, 4 threads each), the text worker running.",
        "",
        "| request type | 1 client: requests | errors | p50 ms | p95 ms "
        "| 2 clients: requests | errors | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in sorted(set(one["types"]) | set(two["types"])):
        lines.append(
            f"| {name} | {_cells(one['types'].get(name))} "
            f"| {_cells(two['types'].get(name))} |"
        )
    lines.append(f"| **all** | {_cells(one['total'])} | {_cells(two['total'])} |")
    ratio = two["total"]["rps"] / one["total"]["rps"] if one["total"]["rps"] else 0.0
    errors = one["total"]["errors"] + two["total"]["errors"]
    ok = errors == 0 and ratio >= target
    lines += [
        "",
        "| measure | 1 client | 2 clients | target |",
        "|---|---:|---:|---|",
        f"| throughput (requests/s) | {one['total']['rps']:.2f} | "
        f"{two['total']['rps']:.2f} | ratio {ratio:.2f}x (>= {target}x) |",
        f"| errors | {one['total']['errors']} | {two['total']['errors']} | 0 |",
        f"| documents still waiting for their text after the round "
        f"| {one.get('text_pending', '–')} | {two.get('text_pending', '–')} | 0 |",
        f"| pages read by OCR (text worker) | {one.get('ocr', '–')} "
        f"| {two.get('ocr', '–')} | > 0 |",
        f"| write conflicts retried by Zope (ConflictError) "
        f"| {one.get('conflicts', '–')} | {two.get('conflicts', '–')} | – |",
        f"| processes restarted by the supervisor | {one.get('restarts', '–')} "
        f"| {two.get('restarts', '–')} | 0 |",
        "",
        f"Targets: **{'met' if ok else 'not met'}** (ratio {ratio:.2f}x, "
        f"{errors} errors).",
    ]
    bound = think_bound(args.users, args.think_scale)
    if one["total"]["rps"] >= 0.8 * bound:
        lines += [
            "",
            f"The users ask for at most about {bound:.1f} requests/s (their think "
            f"times); with 1 client they got {one['total']['rps']:.2f}: the "
            "think times set the pace, not the server, so the ratio says nothing "
            "of the second client. Saturate one client first (more USERS, or "
            "THINK=0.1: shorter think times).",
        ]
    failures = [f"1 client, {f}" for f in one["failures"]]
    failures += [f"2 clients, {f}" for f in two["failures"]]
    if failures:
        lines += ["", "Errors (first ones):", ""]
        lines += [f"- {failure[:300]}" for failure in failures[:10]]
    return "\n".join(lines) + "\n", ok
