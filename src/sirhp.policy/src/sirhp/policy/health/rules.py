"""Pure rules of the health report: thresholds and the overall status."""

from datetime import datetime
from datetime import UTC

GIB = 1024**3
# a configured worker unseen for longer fails the check
WORKER_MAX_SILENCE = 300
# default free-space threshold: the smaller of 1 GiB and 5 % of the disk
DEFAULT_MIN_FREE = (GIB, 5.0)


def parse_min_free(value: str | None) -> tuple[int | None, float | None]:
    """The setting ``SIRHP_HEALTH_MIN_FREE``: ``"2GiB"``, ``"500MiB"``,
    ``"1073741824"`` (bytes) or ``"5%"``; the default when empty or
    unreadable. Returns ``(bytes, percent)``, one of them None."""
    text = (value or "").strip().replace(" ", "")
    if not text:
        return DEFAULT_MIN_FREE
    units = {"GIB": GIB, "MIB": 1024**2, "KIB": 1024, "B": 1}
    try:
        if text.endswith("%"):
            return None, float(text[:-1])
        for suffix, factor in units.items():
            if text.upper().endswith(suffix):
                return int(float(text[: -len(suffix)]) * factor), None
        return int(text), None
    except ValueError:
        return DEFAULT_MIN_FREE


def free_enough(free: int, total: int, min_free: tuple) -> bool:
    """True when ``free`` bytes of ``total`` are above the threshold (both
    given: the smaller one applies)."""
    floor_bytes, percent = min_free
    limits = []
    if floor_bytes is not None:
        limits.append(floor_bytes)
    if percent is not None:
        limits.append(total * percent / 100)
    return free >= min(limits) if limits else True


def worker_check(last_seen: float | None, now: float, expected: bool) -> dict:
    """The worker's entry: fails only when a worker is expected and was not
    seen for ``WORKER_MAX_SILENCE`` seconds."""
    fresh = last_seen is not None and now - last_seen <= WORKER_MAX_SILENCE
    return {
        "ok": fresh or not expected,
        "configured": expected,
        "last_seen": (
            datetime.fromtimestamp(last_seen, UTC).isoformat(timespec="seconds")
            if last_seen is not None
            else None
        ),
    }


def is_true(value: str | None) -> bool:
    """An environment flag: ``1``, ``true``, ``yes``, ``on``."""
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def overall(checks: dict) -> str:
    """``ok`` when every check is ok, else ``fail``."""
    return "ok" if all(check.get("ok") for check in checks.values()) else "fail"
