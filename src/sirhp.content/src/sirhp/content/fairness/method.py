"""How each fairness figure is computed: short French texts, shown by the
page and the exports (i18n messages), plain strings in REST."""

from sirhp.content import _

METHOD = (
    (
        "eligible",
        _(
            "fairness_method_eligible",
            default="Éligibles : pour un tableau, tous ses candidats ; pour une "
            "année, les agents éligibles au grade suivant le 31 décembre "
            "qui la précède, avant toute promotion de l'année (règles "
            "d'avancement en vigueur ce jour-là).",
        ),
    ),
    (
        "promoted",
        _(
            "fairness_method_promoted",
            default="Promus : pour un tableau, les candidats que la commission "
            "a promus ; pour une année, les éligibles dont un acte de "
            "promotion au choix validé prend effet dans l'année. Les "
            "promotions exceptionnelles (art. 19) sont comptées à part.",
        ),
    ),
    (
        "selection_rate",
        _(
            "fairness_method_rate",
            default="Taux de sélection = promus ÷ éligibles du groupe.",
        ),
    ),
    (
        "impact_ratio",
        _(
            "fairness_method_ratio",
            default="Ratio d'impact = taux du groupe ÷ taux le plus élevé des "
            "groupes ; signalé en dessous de 0,8 (règle des quatre "
            "cinquièmes).",
        ),
    ),
    (
        "fisher_p",
        _(
            "fairness_method_fisher",
            default="p de Fisher : test exact du groupe contre tous les autres "
            "(promus / non promus) ; sous 0,05, un tel écart arrive rarement "
            "par le seul hasard. Utile pour les petits groupes.",
        ),
    ),
    (
        "time_in_grade",
        _(
            "fairness_method_time",
            default="Temps dans le grade : médiane, par groupe, de la date du "
            "grade à la prise d'effet de la promotion.",
        ),
    ),
    (
        "marks",
        _(
            "fairness_method_marks",
            default="Notes : notes validées des évaluations de l'année "
            "(moyenne et médiane sur 20), par sexe, région d'origine et "
            "évaluateur.",
        ),
    ),
    (
        "signal",
        _(
            "fairness_method_signal",
            default="Chaque chiffre est calculé à la demande à partir des "
            "dossiers ; c'est un signal à examiner, pas une preuve de "
            "discrimination.",
        ),
    ),
)
