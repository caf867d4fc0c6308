#!/usr/bin/env bash
# Every pinned distribution as a wheel in wheelhouse/ (WHEELHOUSE=...), for an
# install with no index (make install OFFLINE=1): the build tools, the
# requirements and their dependencies (constraints.txt), and the build
# dependencies of the two editable packages. `pip wheel` copies the wheels the
# index has and builds the sdists into wheels, so the offline side never
# builds from source. Wheels are for this platform and Python (cp311, linux).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
DEST="${WHEELHOUSE:-wheelhouse}"
mkdir -p "$DEST"
wheel() { "$PYTHON" -m pip wheel -q --wheel-dir "$DEST" -c constraints.txt "$@"; }
# Build tools first: the install starts with them.
wheel pip setuptools wheel uv
wheel -r requirements.txt
# What pip needs to build the editable packages in an isolated environment.
build_requires() {
  "$PYTHON" - "$@" <<'PY'
import sys, tomllib
for path in sys.argv[1:]:
    with open(path, "rb") as file:
        print("\n".join(tomllib.load(file)["build-system"]["requires"]))
PY
}
mapfile -t requires < <(build_requires src/sirhp.content/pyproject.toml src/sirhp.policy/pyproject.toml | sort -u)
wheel "${requires[@]}"
echo "$(ls "$DEST"/*.whl | wc -l) wheels in $DEST ($(du -sh "$DEST" | cut -f1))"
