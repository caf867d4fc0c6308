#!/usr/bin/env bash
# Rebuild the "sirhp" translation catalogues of both packages (i18ndude).
# French is the source language (msgids carry French defaults); English is
# the second language. Catalogues live in src/sirhp.policy/.../locales.
set -euo pipefail
cd "$(dirname "$0")/.."
I18NDUDE=.venv/bin/i18ndude
LOCALES=src/sirhp.policy/src/sirhp/policy/locales
$I18NDUDE rebuild-pot --pot "$LOCALES/sirhp.pot" --create sirhp --merge "$LOCALES/manual.pot" \
  src/sirhp.content/src/sirhp/content src/sirhp.policy/src/sirhp/policy
for lang in fr en; do
  mkdir -p "$LOCALES/$lang/LC_MESSAGES"
  touch "$LOCALES/$lang/LC_MESSAGES/sirhp.po"
  $I18NDUDE sync --pot "$LOCALES/sirhp.pot" "$LOCALES/$lang/LC_MESSAGES/sirhp.po"
done
