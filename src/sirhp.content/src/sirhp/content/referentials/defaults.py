"""The référentiels as shipped (pure data, no Zope import).

Sources: the police statute (grades by corps, échelons by seniority,
grades by selection, art. 17) and Ordonnance n°2021-016, art. 140 (age
limits: 65 for commissaires, 62 for officiers, 61 for sous-officiers).
Support staff follow the general civil-service limit (configurable).
HR managers change them in the control panel; each change is a new version
with an effective date (``rules.version_at``).
"""

import copy

# corps code -> label, category, age limit (years)
CORPS = {
    "commissaires": {
        "label": "Corps des commissaires de police",
        "category": "A",
        "age_limit": 65,
    },
    "officiers": {
        "label": "Corps des officiers de police",
        "category": "B",
        "age_limit": 62,
    },
    "sous-officiers": {
        "label": "Corps des sous-officiers de police",
        "category": "C",
        "age_limit": 61,
    },
    "appui": {
        "label": "Personnel d'appui (administratif et technique)",
        "category": "",
        "age_limit": 62,
    },
}

# grade code -> corps, order in the corps (1 = lowest), label, échelons
# (number -> years to spend in it before the next; None: last échelon),
# optional age limit overriding the corps'.
_ECHELONS_5 = {1: 2, 2: 2, 3: 2, 4: 3, 5: None}
_ECHELONS_4 = {1: 2, 2: 2, 3: 3, 4: None}
GRADES = {
    "commissaire": {
        "corps": "commissaires",
        "order": 1,
        "label": "Commissaire de police",
        "echelons": _ECHELONS_4,
    },
    "commissaire-principal": {
        "corps": "commissaires",
        "order": 2,
        "label": "Commissaire principal",
        "echelons": _ECHELONS_4,
    },
    "commissaire-divisionnaire": {
        "corps": "commissaires",
        "order": 3,
        "label": "Commissaire divisionnaire",
        "echelons": _ECHELONS_4,
    },
    "controleur-general": {
        "corps": "commissaires",
        "order": 4,
        "label": "Contrôleur général de police",
        "echelons": _ECHELONS_4,
    },
    "inspecteur-general": {
        "corps": "commissaires",
        "order": 5,
        "label": "Inspecteur général de police",
        "echelons": _ECHELONS_4,
    },
    "officier-stagiaire": {
        "corps": "officiers",
        "order": 1,
        "label": "Officier de police stagiaire",
        "echelons": {1: None},
    },
    "officier-2": {
        "corps": "officiers",
        "order": 2,
        "label": "Officier de police de 2e classe",
        "echelons": _ECHELONS_5,
    },
    "officier-1": {
        "corps": "officiers",
        "order": 3,
        "label": "Officier de police de 1re classe",
        "echelons": _ECHELONS_5,
    },
    "officier-principal": {
        "corps": "officiers",
        "order": 4,
        "label": "Officier de police principal",
        "echelons": _ECHELONS_5,
    },
    "agent": {
        "corps": "sous-officiers",
        "order": 1,
        "label": "Agent de police",
        "echelons": _ECHELONS_5,
    },
    "caporal": {
        "corps": "sous-officiers",
        "order": 2,
        "label": "Caporal",
        "echelons": _ECHELONS_5,
    },
    "caporal-chef": {
        "corps": "sous-officiers",
        "order": 3,
        "label": "Caporal-chef",
        "echelons": _ECHELONS_5,
    },
    "sergent": {
        "corps": "sous-officiers",
        "order": 4,
        "label": "Sergent",
        "echelons": _ECHELONS_5,
    },
    "sergent-chef": {
        "corps": "sous-officiers",
        "order": 5,
        "label": "Sergent-chef",
        "echelons": _ECHELONS_5,
    },
    "sergent-chef-major": {
        "corps": "sous-officiers",
        "order": 6,
        "label": "Sergent-chef major",
        "echelons": _ECHELONS_5,
    },
    "secretaire": {
        "corps": "appui",
        "order": 1,
        "label": "Secrétaire d'administration",
        "echelons": _ECHELONS_5,
    },
    "technicien": {
        "corps": "appui",
        "order": 2,
        "label": "Technicien",
        "echelons": _ECHELONS_5,
    },
    "attache": {
        "corps": "appui",
        "order": 3,
        "label": "Attaché d'administration",
        "echelons": _ECHELONS_5,
    },
}

# leave type code -> label, yearly right in days (None: no yearly cap),
# how days count ("working": Monday-Friday; "calendar": every day),
# whether its supporting scan is restricted (medical certificate).
LEAVE_TYPES = {
    "annual": {
        "label": "Congé annuel",
        "yearly_days": 30,
        "counting": "calendar",
        "restricted_scan": False,
    },
    "sick": {
        "label": "Congé de maladie",
        "yearly_days": 90,
        "counting": "calendar",
        "restricted_scan": True,
    },
    "maternity": {
        "label": "Congé de maternité",
        "yearly_days": 98,
        "counting": "calendar",
        "restricted_scan": True,
    },
    "paternity": {
        "label": "Congé de paternité",
        "yearly_days": 3,
        "counting": "working",
        "restricted_scan": False,
    },
    "special": {
        "label": "Permission exceptionnelle",
        "yearly_days": 10,
        "counting": "working",
        "restricted_scan": False,
    },
    "absence": {
        "label": "Autorisation d'absence",
        "yearly_days": 5,
        "counting": "working",
        "restricted_scan": False,
    },
}

# sanction code -> label, level (1 = lightest)
SANCTIONS = {
    "avertissement": {"label": "Avertissement", "level": 1},
    "blame": {"label": "Blâme", "level": 2},
    "mise-a-pied": {"label": "Mise à pied", "level": 3},
    "retrogradation": {"label": "Rétrogradation", "level": 4},
    "revocation": {"label": "Révocation", "level": 5},
}

# target grade code -> what promotion to it requires
# (``sirhp.content.promotion.rules.eligibility`` reads these keys). Every
# grade but the first of its corps: 3 years in the grade held, 3 more years
# of service per step, an average of 12/20 over the last 3 campaigns, no
# sanction above a blâme (level 2) in the last 3 years, active. Judicial
# police training (course code ``opj``) for the officiers' upper grades.
PROMOTION_DEFAULT = {
    "min_years_in_grade": 3,
    "min_average_mark": 12,
    "over_last_campaigns": 3,
    "required_trainings": [],
    "max_sanction_level": 2,
    "sanction_years": 3,
    "status": "active",
}
PROMOTION_TRAININGS = {"officier-1": ["opj"], "officier-principal": ["opj"]}


def _promotion_rules():
    return {
        code: {
            **PROMOTION_DEFAULT,
            "min_years_in_service": 3 * (spec["order"] - 1),
            "required_trainings": list(PROMOTION_TRAININGS.get(code, [])),
        }
        for code, spec in GRADES.items()
        if spec["order"] > 1
    }


PROMOTION_RULES = _promotion_rules()

KINDS = ("corps", "grades", "leave_types", "sanctions", "promotion_rules")

# The first version: in force since the statute's ordinance.
FIRST_EFFECTIVE = "2021-01-01"


def tables():
    """A fresh copy of the shipped tables {kind: {code: {...}}}."""
    return copy.deepcopy(
        {
            "corps": CORPS,
            "grades": GRADES,
            "leave_types": LEAVE_TYPES,
            "sanctions": SANCTIONS,
            "promotion_rules": PROMOTION_RULES,
        }
    )
