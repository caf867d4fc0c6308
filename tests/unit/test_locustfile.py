"""benchmarks/locustfile.py: it imports, its personas, think times and task
weights are the documented ones (its docstring); the load run's table.

No server. Locust itself is never imported here: it monkey-patches with
gevent on import (it lives in var/locust-venv, not in .venv); a stand-in
module records what the locustfile declares (the real import happens in
every load run, ``make load``).
"""

from pathlib import Path
import pytest
import sys
from tests.scripts import load_script
import types

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"

# persona: (weight or fixed count, think time, {task: weight})
DOCUMENTED = {
    "Officer": (10, (3, 10), {"mon_dossier_page": 2, "mon_dossier_rest": 1}),
    "Public": (5, (2, 8), {"verify_card": 1}),
    "Clerk": (
        4,
        (3, 10),
        {"new_career_act": 3, "patch_reference": 3, "upload_scan": 2, "submit": 2},
    ),
    "Reviewer": (2, (3, 10), {"validate": 3, "pending_list": 1}),
    "BatchFiler": ("1 user", (1, 2), {"file_stack": 1}),
}


def stand_in_locust():
    locust = types.ModuleType("locust")
    exception = types.ModuleType("locust.exception")

    class HttpUser:
        abstract = True
        weight = 1
        fixed_count = 0

    def task(weight=1):
        def mark(func):
            func.locust_task_weight = weight
            return func

        return mark

    def between(low, high):
        def wait(user):
            return low

        wait.bounds = (low, high)
        return wait

    class StopUser(Exception):
        pass

    locust.HttpUser, locust.task, locust.between = HttpUser, task, between
    exception.StopUser = StopUser
    locust.exception = exception
    return {"locust": locust, "locust.exception": exception}


@pytest.fixture(scope="module")
def benchmarks_path():
    """The benchmarks folder on sys.path, as Locust and the scripts have it."""
    sys.path.insert(0, str(BENCHMARKS))
    yield
    sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def locustfile(benchmarks_path):
    saved = {name: sys.modules.get(name) for name in ("locust", "locust.exception")}
    sys.modules.update(stand_in_locust())
    try:
        yield load_script("benchmarks/locustfile.py")
    finally:
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = value


def test_personas_are_the_documented_ones(locustfile, monkeypatch):
    users = {
        name: value
        for name, value in vars(locustfile).items()
        if isinstance(value, type)
        and issubclass(value, locustfile.SirhpUser)
        and not value.__dict__.get("abstract")
    }
    assert set(users) == set(DOCUMENTED)
    for name, (weight, think, tasks) in DOCUMENTED.items():
        user = users[name]
        if weight == "1 user":
            assert user.fixed_count == 1, name
        else:
            assert (user.weight, user.fixed_count) == (weight, 0), name
        assert user.wait_time.bounds == think, name
        declared = {
            attr: func.locust_task_weight
            for attr, func in vars(user).items()
            if hasattr(func, "locust_task_weight")
        }
        assert declared == tasks, name
        for persona in ("officer", "public", "clerk", "reviewer"):
            assert persona.capitalize() in locustfile.__doc__
    # think times scale together (SIRHP_LOAD_THINK_SCALE)
    monkeypatch.setenv("SIRHP_LOAD_THINK_SCALE", "0.5")
    assert locustfile.think("Clerk").bounds == (1.5, 5.0)


def test_every_request_is_named_by_its_type():
    source = (BENCHMARKS / "locustfile.py").read_text()
    names = [
        "officer: GET @@mon-dossier (page)",
        "officer: GET @mon-dossier (REST)",
        "public: GET @@carte/<token> (card check)",
        "clerk: POST CareerEvent (career act)",
        "clerk: PATCH CareerEvent (reference)",
        "clerk: POST ScannedDocument (PDF)",
        "clerk: POST @workflow/submit",
        "reviewer: POST @workflow/validate",
        "reviewer: GET @search (pending items)",
        "batch: POST @batch-filing (scanned stack, OCR)",
    ]
    for name in names:
        assert f'"{name}"' in source
    # one way out for every request: call() with its name and expected status
    assert source.count("self.call(") == len(names)


def test_think_bound(benchmarks_path):
    import load_personas

    # 21 weighted users: 10 officers and 5 public ... one request per task
    expected = 10 / 6.5 + 5 / 5.0 + 4 / 6.5 + 2 / 6.5
    assert load_personas.think_bound(22) == pytest.approx(expected)
    assert load_personas.think_bound(22, scale=0.5) == pytest.approx(2 * expected)


def test_report_table(tmp_path, benchmarks_path):
    import load_report

    header = "Type,Name,Request Count,Failure Count,50%,95%,Requests/s\n"
    (tmp_path / "one_stats.csv").write_text(
        header + "GET,officer: page,100,0,80,200,5.0\n,Aggregated,100,0,80,200,5.0\n"
    )
    (tmp_path / "two_stats.csv").write_text(
        header + "GET,officer: page,180,1,70,150,9.0\n,Aggregated,180,1,70,150,9.0\n"
    )
    (tmp_path / "two_failures.csv").write_text(
        "Method,Name,Error,Occurrences\n"
        "GET,officer: page,\"CatchResponseError('503 ConflictError: Réessayez')\",1\n"
    )
    rounds = {
        1: load_report.read_stats(tmp_path / "one"),
        2: load_report.read_stats(tmp_path / "two"),
    }
    args = types.SimpleNamespace(
        count=200, users=50, spawn_rate=5, duration="10m", think_scale=1.0
    )
    text, ok = load_report.markdown(rounds, args, "make load", 1.6)
    assert "| officer: page | 100 | 0 | 80 | 200 | 180 | 1 | 70 | 150 |" in text
    assert (
        "ratio 1.80x" in text
        and "2 clients, officer: page: 503 ConflictError: Réessayez (x1)" in text
    )
    assert not ok  # one error
    assert "the think times set the pace" not in text  # 5/s of 8.1 possible
    rounds[2]["total"]["errors"] = 0
    assert load_report.markdown(rounds, args, "make load", 1.6)[1]
    rounds[1]["total"]["rps"] = 7.5
    text, ok = load_report.markdown(rounds, args, "make load", 1.6)
    assert "the think times set the pace" in text and not ok  # 1.2x
