"""The demo units of both agencies (every region), as a unit tree.

Units: ``(id, title, kind, region, children)``; files are assigned to any of
them (``leaf_units``); the demo commander commands ``COMMANDED_UNIT``.
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from sirhp.content.vocabularies.fixed import REGIONS

PN_UNITS = [
    ("dgpn", "Direction générale de la Police nationale", "direction", "bamako", []),
    ("enp", "École nationale de police", "school", "bamako", []),
    ("gms", "Groupement mobile de sécurité", "groupement", "bamako", []),
    (
        "dr-bamako",
        "Direction régionale de la police du District de Bamako",
        "regional",
        "bamako",
        [
            (
                f"commissariat-{n}",
                f"Commissariat de police du {label} arrondissement",
                "commissariat",
                "bamako",
                [],
            )
            for n, label in (
                (1, "1er"),
                (2, "2e"),
                (3, "3e"),
                (4, "4e"),
                (5, "5e"),
                (6, "6e"),
                (7, "7e"),
            )
        ],
    ),
]
for _code, _title in REGIONS:
    if _code == "bamako":
        continue
    PN_UNITS.append(
        (
            f"dr-{_code}",
            f"Direction régionale de la police de {_title}",
            "regional",
            _code,
            [
                (
                    f"commissariat-{_code}",
                    f"Commissariat central de {_title}",
                    "commissariat",
                    _code,
                    [],
                ),
                (
                    f"brigade-{_code}",
                    f"Brigade de recherches de {_title}",
                    "brigade",
                    _code,
                    [],
                ),
            ],
        )
    )
OCS_UNITS = [
    (
        "direction-ocs",
        "Direction de l'Office Central des Stupéfiants",
        "direction",
        "bamako",
        [],
    ),
    (
        "brigade-aeroport",
        "Brigade de l'aéroport de Bamako-Sénou",
        "brigade",
        "bamako",
        [],
    ),
] + [
    (f"antenne-{code}", f"Antenne OCS de {title}", "service", code, [])
    for code, title in REGIONS
    if code
    in ("kayes", "sikasso", "segou", "mopti", "gao", "tombouctou", "kidal", "koutiala")
]
UNITS = {"police-nationale": PN_UNITS, "ocs": OCS_UNITS}
COMMANDED_UNIT = ("police-nationale", "dr-bamako/commissariat-1")


def _add_units(container, specs):
    for unit_id, title, kind, region, children in specs:
        if unit_id in container.objectIds():
            unit = container[unit_id]
        else:
            unit = createContentInContainer(
                container,
                "Unit",
                checkConstraints=False,
                id=unit_id,
                title=title,
                kind=kind,
                region=region,
                code=unit_id.upper(),
            )
        _add_units(unit, children)


def build_units(portal):
    for agency_id, specs in UNITS.items():
        _add_units(portal[agency_id], specs)


def leaf_units(agency):
    """Units files are assigned to (every unit, deepest first), from the catalog."""
    brains = api.content.find(context=agency, portal_type="Unit", sort_on="path")
    return [b.getObject() for b in brains]
