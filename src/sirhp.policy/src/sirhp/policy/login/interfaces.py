"""Registry settings of the login hardening (prefix ``sirhp.security``)."""

from sirhp.policy import _
from zope import schema
from zope.interface import Interface


class ISecuritySettings(Interface):
    login_max_failures = schema.Int(
        title=_(
            "label_login_max_failures", default="Échecs avant verrouillage (compte)"
        ),
        default=5,
        min=1,
    )
    login_max_failures_per_address = schema.Int(
        title=_(
            "label_login_max_failures_address",
            default="Échecs avant blocage (adresse du client)",
        ),
        description=_(
            "help_login_max_failures_address",
            default="Plus haut que par compte : plusieurs agents partagent "
            "parfois une adresse (commissariat, NAT).",
        ),
        default=20,
        min=1,
    )
    login_window_minutes = schema.Int(
        title=_("label_login_window", default="Fenêtre de comptage (minutes)"),
        default=15,
        min=1,
    )
    login_lockout_minutes = schema.Int(
        title=_("label_login_lockout", default="Durée du verrouillage (minutes)"),
        default=15,
        min=1,
    )
    password_min_length = schema.Int(
        title=_(
            "label_password_min_length", default="Longueur minimale du mot de passe"
        ),
        default=12,
        min=8,
    )
    trusted_proxies = schema.List(
        title=_("label_trusted_proxies", default="Mandataires inverses de confiance"),
        description=_(
            "help_trusted_proxies",
            default="Adresses ou réseaux (ex. 10.0.0.0/8) dont l'en-tête "
            "X-Forwarded-For est cru. Vide : l'en-tête est ignoré.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    totp_required = schema.Bool(
        title=_(
            "label_totp_required",
            default="Double authentification (TOTP) obligatoire pour les "
            "valideurs et les gestionnaires RH",
        ),
        description=_(
            "help_totp_required",
            default="Les autres comptes peuvent l'activer eux-mêmes (@@totp).",
        ),
        default=False,
        required=False,
    )


class IAuditSettings(Interface):
    officer_sees_consultations = schema.Bool(
        title=_(
            "label_officer_sees_consultations",
            default="Un agent voit qui a consulté son dossier (fonction et date)",
        ),
        default=True,
    )
