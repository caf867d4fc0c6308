#!/usr/bin/env bash
# Download the Debian packages of scripts/debian_packages.txt and their whole
# dependency closure (no recommends) as .deb files into debs/ (DEBS=...), for
# a server with no network. On that server (same Debian release, as root):
#   apt-get install -y --no-download ./debs/*.deb     # or: dpkg -i debs/*.deb
# (apt orders the installation and checks the set is complete; dpkg -i may
# need a second run when the order matters.)
set -euo pipefail
cd "$(dirname "$0")/.."
DEST="${DEBS:-debs}"
LIST=scripts/debian_packages.txt
mkdir -p "$DEST"
mapfile -t pinned < <(grep -v '^\s*#' "$LIST" | grep -v '^\s*$')
names=("${pinned[@]%%=*}")
# The closure: every package the listed ones depend on, recursively; virtual
# packages (<name>) are left out, apt-cache lists their providers.
mapfile -t closure < <(
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${names[@]}" |
    grep -v '^ ' | grep -v '^<' | sort -u
)
# Listed packages at their pinned version when the mirror still has it (a
# security update replaces it there: then the candidate, with a warning);
# dependencies at the candidate.
wanted=()
for entry in "${pinned[@]}"; do
  if [[ "$entry" == *=* ]] && ! apt-get download --print-uris "$entry" >/dev/null 2>&1; then
    echo "warning: $entry is no longer on the mirror; taking ${entry%%=*} $(apt-cache policy "${entry%%=*}" | awk '/Candidate:/ {print $2}')" >&2
    entry="${entry%%=*}"
  fi
  wanted+=("$entry")
done
for package in "${closure[@]}"; do
  package="${package%%:*}"
  [[ " ${names[*]} " == *" $package "* ]] || wanted+=("$package")
done
cd "$DEST"
apt-get download "${wanted[@]}"
echo "$(ls ./*.deb | wc -l) packages in $DEST ($(du -sh . | cut -f1))"
