#!/usr/bin/env bash
# `make buildout-check`: build SIRHP with zc.buildout (buildout.cfg, the
# alternative install path) and check that the instance serves the site.
#
#  1. a venv of its own, var/buildout-venv, with zc.buildout and its pip,
#     setuptools and wheel at the versions of versions.cfg;
#  2. a throwaway copy of buildout.cfg, versions.cfg and src/ in
#     var/buildout-check/work (the repository's bin/, parts/ ... stay as
#     they are), eggs cached in var/buildout-cache between runs;
#  3. bin/buildout -N (never -o: offline mode misses the recipe eggs);
#  4. bin/instance run scripts/create_site.py --demo --count 5, before starting;
#  5. bin/instance fg in the background, on a free port (or $BUILDOUT_CHECK_PORT),
#     until /sirhp answers 200 with "SIRHP" in the page; then stopped;
#  6. bin/zeoserver fg, until its port accepts a connection; then stopped.
# Prints PASS or FAIL with the timings; exit status 0 only on PASS.
# First run: a few minutes (eggs downloaded and built); then well under one.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3.11}
VENV=$ROOT/var/buildout-venv
CHECK=$ROOT/var/buildout-check
WORK=$CHECK/work
CACHE=$ROOT/var/buildout-cache
LOG=$CHECK/log
START_ALL=$(date +%s.%N)
TIMINGS=()
PIDS=()

elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }
step() { echo; echo "== $*"; STEP_START=$(date +%s.%N); STEP_NAME=$*; }
done_step() { local s; s=$(elapsed "$STEP_START"); TIMINGS+=("$(printf '%-52s %7s s' "$STEP_NAME" "$s")"); echo "   ($s s)"; }
summary() {
  echo
  echo "== timings"
  printf '   %s\n' "${TIMINGS[@]}"
  echo "   total: $(elapsed "$START_ALL") s (logs in ${LOG#"$ROOT"/})"
}
fail() {
  echo "FAIL: $*"
  summary
  echo "buildout-check: FAIL"
  exit 1
}
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do
    # Each background server runs in its own process group (setsid): end it whole.
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

pin() {  # the version versions.cfg pins for $1
  sed -n "s/^$1 = \(.*\)$/\1/p" "$ROOT/versions.cfg" | head -1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

mkdir -p "$CHECK" "$CACHE/eggs" "$CACHE/downloads"
rm -rf "$LOG"; mkdir -p "$LOG"

step "versions.cfg up to date"
python3 scripts/buildout_versions.py --check || fail "run: python3 scripts/buildout_versions.py"
done_step

step "buildout venv (var/buildout-venv)"
BUILDOUT_PINS=("pip==$(pin pip)" "setuptools==$(pin setuptools)" "wheel==$(pin wheel)" "zc.buildout==$(pin zc.buildout)")
if ! "$VENV/bin/python" -c 1 2>/dev/null; then
  "$PYTHON" -m venv "$VENV" || fail "cannot create $VENV with $PYTHON"
fi
if ! "$VENV/bin/pip" freeze --all 2>/dev/null | grep -qxF "zc.buildout==$(pin zc.buildout)" \
   || ! "$VENV/bin/pip" freeze --all 2>/dev/null | grep -qxF "pip==$(pin pip)"; then
  "$VENV/bin/python" -m pip install -q "${BUILDOUT_PINS[@]}" >"$LOG/venv.log" 2>&1 \
    || { tail -20 "$LOG/venv.log"; fail "pip install ${BUILDOUT_PINS[*]}"; }
fi
"$VENV/bin/buildout" --version || fail "no buildout in $VENV"
done_step

step "throwaway copy (var/buildout-check/work)"
rm -rf "$WORK"
mkdir -p "$WORK"
cp buildout.cfg versions.cfg "$WORK/"
# The source as it is in the work tree (tracked + untracked, minus ignored files).
git ls-files -co --exclude-standard src | tar -cf - -T - | tar -xf - -C "$WORK" \
  || fail "cannot copy src/"
done_step

step "bin/buildout -N"
PORT=${BUILDOUT_CHECK_PORT:-$(free_port)}
ZEO_PORT=$(free_port)
(cd "$WORK" && "$VENV/bin/buildout" -N -c buildout.cfg \
    "buildout:eggs-directory=$CACHE/eggs" \
    "buildout:download-cache=$CACHE/downloads" \
    "instance:http-address=$PORT" \
    "zeoserver:zeo-address=127.0.0.1:$ZEO_PORT") >"$LOG/buildout.log" 2>&1
status=$?
tail -15 "$LOG/buildout.log"
[ $status -eq 0 ] || fail "bin/buildout -N exited $status (see ${LOG#"$ROOT"/}/buildout.log)"
[ -x "$WORK/bin/instance" ] || fail "no bin/instance"
[ -x "$WORK/bin/zeoserver" ] || fail "no bin/zeoserver"
done_step

step "bin/instance run scripts/create_site.py --demo --count 5"
(cd "$WORK" && bin/instance run "$ROOT/scripts/create_site.py" --demo --count 5) >"$LOG/create_site.log" 2>&1
status=$?
tail -5 "$LOG/create_site.log"
[ $status -eq 0 ] || fail "create_site.py exited $status (see ${LOG#"$ROOT"/}/create_site.log)"
done_step

step "bin/instance fg, http://localhost:$PORT/sirhp"
(cd "$WORK" && exec setsid bin/instance fg) >"$LOG/instance.log" 2>&1 &
PIDS+=($!)
code=000
for _ in $(seq 1 240); do
  code=$(curl -s -o "$LOG/sirhp.html" -w '%{http_code}' "http://localhost:$PORT/sirhp" || true)
  [ "$code" = 200 ] && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || break
  sleep 0.5
done
[ "$code" = 200 ] || { tail -20 "$LOG/instance.log"; fail "http://localhost:$PORT/sirhp answered $code"; }
grep -q "SIRHP" "$LOG/sirhp.html" || fail "the page has no 'SIRHP' (${LOG#"$ROOT"/}/sirhp.html)"
echo "   200, $(wc -c <"$LOG/sirhp.html") bytes, 'SIRHP' found"
stop_all
done_step

step "bin/zeoserver fg, 127.0.0.1:$ZEO_PORT"
(cd "$WORK" && exec setsid bin/zeoserver fg) >"$LOG/zeoserver.log" 2>&1 &
PIDS+=($!)
up=no
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$ZEO_PORT") 2>/dev/null; then up=yes; break; fi
  kill -0 "${PIDS[-1]}" 2>/dev/null || break
  sleep 0.2
done
[ $up = yes ] || { tail -20 "$LOG/zeoserver.log"; fail "the ZEO server did not listen on $ZEO_PORT"; }
echo "   listening"
stop_all
done_step

summary
echo "buildout-check: PASS"
