"""Check that every validated personnel file equals what its validated
career acts give today; prints a French report. Exit status 1 when
differences (or files without acts) are found, 0 otherwise.

Usage: .venv/bin/zconsole run var/instance/etc/zope.conf scripts/careers_check.py
"""

from sirhp.content.careers import consistency
import sys
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

SITE_ID = "sirhp"


def report(rows):
    """The French report of ``consistency.check`` rows (list of lines)."""
    if not rows:
        return ["Contrôle des carrières : aucune différence."]
    files = len({row["file"] for row in rows})
    lines = [
        f"Contrôle des carrières : {len(rows)} différence(s) dans {files} dossier(s)."
    ]
    for row in rows:
        if row["field"] is None:
            lines.append(f"{row['matricule']} ({row['file']}) : aucun acte validé")
        else:
            lines.append(
                f"{row['matricule']} ({row['file']}) : {row['field']} = "
                f"{row['stored']!r} dans le dossier, {row['from_acts']!r} selon les actes"
            )
    return lines


def run(today=None):
    """Check the whole site as the system; returns (rows, report lines)."""
    rows = consistency.check_site(today=today)
    return rows, report(rows)


def main(app):
    app = makerequest(app)
    setSite(app[SITE_ID])
    rows, lines = run()
    print("\n".join(lines))
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main(app))  # noqa: F821 (zconsole provides app)
