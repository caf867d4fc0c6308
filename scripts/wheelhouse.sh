#!/usr/bin/env bash
# Every pinned distribution as a wheel in wheelhouse/ (WHEELHOUSE=...), for an
# install with no index (make install OFFLINE=1): the build tools, the
# requirements and their dependencies (constraints.txt), and the build
# dependencies of the two editable packages. `pip wheel` copies the wheels the
# index has and builds the sdists into wheels, so the offline side never
# builds from source. Wheels are for this platform and Python (cp311, linux).
#
# The list is resolved once, by uv, as `make install` resolves it (the same
# pins, the same interpreter); pip then fetches it without resolving again
# (--no-deps), in JOBS parallel parts (default 4): about 25 s instead of 85 s.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
UV="${UV:-$(dirname "$PYTHON")/uv}"
DEST="${WHEELHOUSE:-wheelhouse}"
JOBS="${JOBS:-4}"
mkdir -p "$DEST"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wheel() { "$PYTHON" -m pip wheel -q --wheel-dir "$DEST" -c constraints.txt "$@"; }
# The build tools and the requirements with their dependencies, pinned.
"$UV" pip compile --no-config -q --python "$PYTHON" --no-header --no-annotate \
  -c constraints.txt -o "$work/closure.txt" requirements.txt - <<'EOF'
pip
setuptools
wheel
uv
EOF
# In parts fetched side by side: an error in any part stops the script.
split -n "r/$JOBS" "$work/closure.txt" "$work/part."
pids=()
for part in "$work"/part.*; do
  wheel --no-deps -r "$part" &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done
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
