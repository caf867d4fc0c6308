"""Fill empty English msgstr of the sirhp catalogue from a {msgid: text} file.

Usage: .venv/bin/python scripts/fill_en.py TRANSLATIONS.py
(TRANSLATIONS.py defines a dict EN). Entries already translated are kept.
"""

from pathlib import Path
import re
import runpy
import sys

PO = Path("src/sirhp.policy/src/sirhp/policy/locales/en/LC_MESSAGES/sirhp.po")


def _quote(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main(path):
    translations = runpy.run_path(path)["EN"]
    text = PO.read_text()
    filled = 0

    def replace(match):
        nonlocal filled
        msgid = match.group(1).replace('\\"', '"')
        if match.group(2) or msgid not in translations:
            return match.group(0)
        filled += 1
        return f'msgid "{match.group(1)}"\nmsgstr "{_quote(translations[msgid])}"\n'

    text = re.sub(r'msgid "(.*)"\nmsgstr "(.*)"\n', replace, text)
    PO.write_text(text)
    print(f"{filled} entries filled")


if __name__ == "__main__":
    main(sys.argv[1])
