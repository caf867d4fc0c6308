"""Plone's and Zope's defaults on SIRHP content, reviewed: the declared table.

Every permission that the roles **Owner** (the creator of an object: a clerk,
an HR manager, the officer for his or her own change requests),
**Authenticated** (any account, the other agency's and every officer
included) and **Anonymous** (anyone) hold on SIRHP content, where, and why.
They come from Zope's defaults, Plone's rolemap (site root, acquired into
agencies, units, files and records) and the SIRHP rolemap and workflows.

``test_plone_defaults.py`` computes the effective set on one object of every
SIRHP type in every state of its workflow and fails when it differs from
``GRANTS`` (a Plone upgrade, a new add-on or a profile change that grants
something new, or takes a grant away). ``REMOVED`` lists the defaults SIRHP
takes away (``sirhp.policy`` rolemap), with the reason.
``scripts/render_security_doc.py`` renders both in docs/security.md.

Pure data: no Zope import (the renderer reads it).
"""

from dataclasses import dataclass

OWNER = "Owner"
AUTHENTICATED = "Authenticated"
ANONYMOUS = "Anonymous"
ROLES = (OWNER, AUTHENTICATED, ANONYMOUS)

# Zope's pseudo-permission of public names (zope.Public), not a grant
IGNORED = frozenset({"Public, everyone can access"})

RECORD_TYPES = ("PersonnelFile", "ScannedDocument", "CareerEvent")
CHANGE_STATES = ("pending", "approved", "rejected", "withdrawn")


@dataclass(frozen=True)
class Grant:
    """``role`` holds each of ``permissions`` on SIRHP content.

    ``where``: portal_type -> states (``None``: every object, every state).
    """

    permissions: tuple
    role: str
    origin: str
    reason: tuple  # (French, English)
    where: dict | None = None


@dataclass(frozen=True)
class Removal:
    """Roles SIRHP takes away from a default (granted to administrators)."""

    permission: str
    roles: tuple
    origin: str
    reason: tuple  # (French, English)


_VERSIONS = (
    "Enregistrer une version ne fait qu'ajouter à l'historique ; toute "
    "modification est versionnée, quel qu'en soit l'auteur.",
    "Saving a version only adds to the history; every edit is versioned, "
    "whoever makes it.",
)

GRANTS = (
    # --- Owner, everywhere ------------------------------------------------
    Grant(
        ("CMFEditions: Apply version control", "CMFEditions: Save new version"),
        OWNER,
        "SIRHP rolemap (CMFEditions)",
        _VERSIONS,
    ),
    Grant(
        ("Access inactive portal content",),
        OWNER,
        "Plone",
        (
            "Ne montre au créateur que ses propres éléments hors dates de "
            "publication ; le contenu SIRHP n'a pas de dates de publication et "
            "les recherches filtrent toujours sur View.",
            "Only shows creators their own items outside publication dates; "
            "SIRHP content has none, and searches still filter on View.",
        ),
    ),
    Grant(
        (
            "Add portal events",
            "plone.app.contenttypes: Add Collection",
            "plone.app.contenttypes: Add Document",
            "plone.app.contenttypes: Add Event",
            "plone.app.contenttypes: Add File",
            "plone.app.contenttypes: Add Folder",
            "plone.app.contenttypes: Add Image",
            "plone.app.contenttypes: Add Link",
            "plone.app.contenttypes: Add News Item",
            "plone.app.event: Import Ical",
        ),
        OWNER,
        "Plone (CMFCore, plone.app.contenttypes, plone.app.event)",
        (
            "Les conteneurs SIRHP n'acceptent que les types SIRHP "
            "(filter_content_types, testé) : aucun type Plone ne s'y ajoute, "
            "ni par formulaire, ni par REST, ni par import iCal ou "
            "téléversement.",
            "SIRHP containers accept SIRHP types only (filter_content_types, "
            "tested): no Plone type can be added inside them, by form, REST, "
            "iCal import or upload.",
        ),
    ),
    Grant(
        (
            "plone.portlet.collection: Add collection portlet",
            "plone.portlet.static: Add static portlet",
        ),
        OWNER,
        "Plone (plone.portlet.*)",
        (
            "Ajouter un portlet exige aussi « Portlets: Manage portlets » "
            "(administrateurs).",
            "Adding a portlet also needs \u201cPortlets: Manage portlets\u201d "
            "(administrators).",
        ),
    ),
    Grant(
        ("Request review",),
        OWNER,
        "Plone",
        (
            "Aucune transition SIRHP n'en dépend (elles ont leurs propres "
            "permissions) ; il montre au créateur d'une carte, un agent du "
            "bureau, l'historique qu'il lit déjà.",
            "No SIRHP transition depends on it (they have their own "
            "permissions); it shows a badge's creator, records staff, the "
            "history they read anyway.",
        ),
    ),
    Grant(
        ("Set Group Ownership",),
        OWNER,
        "PlonePAS",
        (
            "Déclarée par PlonePAS, vérifiée nulle part.",
            "Declared by PlonePAS, checked nowhere.",
        ),
    ),
    Grant(
        ("View Groups",),
        OWNER,
        "Plone",
        (
            "Member l'a aussi ; ni utilisateurs ni groupes ne sont "
            "énumérables (« List portal members » : administrateurs).",
            "Member holds it too; users and groups cannot be enumerated "
            "(\u201cList portal members\u201d: administrators).",
        ),
    ),
    # --- Owner, by type and state ------------------------------------------
    Grant(
        ("CMFEditions: Access previous versions",),
        OWNER,
        "CMFEditions",
        (
            "Hors circuit de validation : agence et unité (créées par "
            "l'administrateur), lot d'impression (créé par un agent du bureau "
            "qui le lit déjà), formation et session de formation (créées par "
            "un gestionnaire RH de l'agence, qui les lit déjà).",
            "Outside the record workflow: agency and unit (created by the "
            "administrator), print batch (created by records staff, who read "
            "it anyway), training course and session (created by an HR "
            "manager of the agency, who reads them anyway).",
        ),
        {
            "Agency": None,
            "Unit": None,
            "BadgePrintBatch": None,
            "TrainingCourse": None,
            "TrainingSession": None,
        },
    ),
    Grant(
        ("Delete objects",),
        OWNER,
        "sirhp_record_workflow",
        (
            "Le créateur supprime son propre brouillon.",
            "Creators delete their own drafts.",
        ),
        {name: ("draft",) for name in RECORD_TYPES},
    ),
    Grant(
        ("Access contents information", "View"),
        OWNER,
        "sirhp_change_workflow",
        (
            "Le demandeur voit sa demande (l'agent : ses seuls signalements).",
            "Requesters see their own requests (officers: their own only).",
        ),
        {"ChangeRequest": CHANGE_STATES},
    ),
    Grant(
        ("sirhp: Transition: withdraw change",),
        OWNER,
        "sirhp_change_workflow",
        (
            "Le demandeur retire sa demande tant qu'elle attend.",
            "Requesters withdraw their request while it is pending.",
        ),
        {"ChangeRequest": ("pending",)},
    ),
    # --- Authenticated ----------------------------------------------------
    Grant(
        ("Set own password", "Set own properties"),
        AUTHENTICATED,
        "Plone",
        (
            "Chacun change son mot de passe et ses préférences (vérifié sur "
            "le site, pas sur le dossier).",
            "Everyone changes their own password and preferences (checked on "
            "the site, not on the record).",
        ),
    ),
    # --- Anonymous --------------------------------------------------------
    Grant(
        ("Copy or Move",),
        ANONYMOUS,
        "Zope",
        (
            "Copier ne fait que mettre des identifiants dans le presse-papiers ; "
            "coller exige la permission d'ajout du conteneur (et, pour un "
            "déplacement, « Delete objects » sur l'original) que donnent les "
            "circuits ; un dossier ne se copie pas (son identifiant est son "
            "matricule).",
            "Copying only puts ids on the clipboard; pasting needs the target's "
            "add permission (and, to move, \u201cDelete objects\u201d on the "
            "source), which the workflows give; a file cannot be copied (its id "
            "is its matricule).",
        ),
    ),
    Grant(
        ("Mail forgotten password",),
        ANONYMOUS,
        "Zope",
        (
            "Le formulaire « mot de passe oublié » répond à qui n'est pas "
            "connecté ; vérifié sur le site, pas sur le dossier.",
            "The forgotten-password form answers users who are not logged in; "
            "checked on the site, not on the record.",
        ),
    ),
    Grant(
        ("Search ZCatalog",),
        ANONYMOUS,
        "Zope",
        (
            "Le catalogue ne rend que ce que l'utilisateur peut voir "
            "(allowedRolesAndUsers) ; aucun champ médical n'y est indexé.",
            "The catalog returns only what the user may see "
            "(allowedRolesAndUsers); no medical field is indexed.",
        ),
    ),
    Grant(
        ("Access Transient Objects", "Access session data"),
        ANONYMOUS,
        "Zope (Products.Sessions, Products.Transience)",
        (
            "Les sessions Zope, chargées au démarrage : SIRHP n'y range rien "
            "(ni gestionnaire de sessions ni dossier temporaire sur le "
            "site) ; la permission ne donne accès à aucun contenu.",
            "Zope's sessions, loaded at start-up: SIRHP keeps nothing in them "
            "(no session manager nor temporary folder on the site); the "
            "permission gives access to no content.",
        ),
    ),
    Grant(
        ("plone.restapi: Use REST API",),
        ANONYMOUS,
        "plone.restapi",
        (
            "L'API REST est fermée aux anonymes sauf @login et la vérification "
            "des cartes (hardening/api_access.py) ; chaque service a sa "
            "permission.",
            "The REST API is closed to anonymous users but @login and badge "
            "verification (hardening/api_access.py); each service has its own "
            "permission.",
        ),
    ),
)

_ZMI = (
    "Écrans de gestion Zope (ZMI) : un créateur y lisait les identifiants des "
    "pièces cachées (médicales, disciplinaires) et y changeait un dossier "
    "validé sans version ni journal.",
    "Zope management screens (ZMI): creators read the ids of hidden records "
    "(medical, disciplinary) and changed validated files with no version and "
    "no journal line.",
)
_WEBDAV = (
    "WebDAV/FTP sert tous les champs sans tenir compte de leurs permissions "
    "de lecture (notes médicales) et écrit hors formulaires, versions et "
    "journal.",
    "WebDAV/FTP serves every field whatever its read permission (medical "
    "notes) and writes past the forms, the versions and the journal.",
)
_LOCKS = (
    "Verrous WebDAV (LOCK, UNLOCK) posés par le créateur, même sur un dossier "
    "validé ; l'édition Plone verrouille par « Modify portal content ».",
    "WebDAV locks (LOCK, UNLOCK) set by the creator, even on a validated "
    "file; Plone's editing locks with \u201cModify portal content\u201d.",
)

REMOVED = (
    Removal("View management screens", (OWNER,), "Plone", _ZMI),
    Removal(
        "Manage properties",
        (OWNER, "Editor"),
        "Plone",
        (
            "Propriétés et interfaces marqueurs (manage_editProperties, "
            "manage_addProperty, manage_interfaces) : changeaient un dossier "
            "validé sans version ni journal.",
            "Properties and marker interfaces (manage_editProperties, "
            "manage_addProperty, manage_interfaces) changed validated files "
            "with no version and no journal line.",
        ),
    ),
    Removal("WebDAV access", (AUTHENTICATED, "Site Administrator"), "Zope", _WEBDAV),
    Removal("FTP access", (OWNER, "Site Administrator"), "Plone", _WEBDAV),
    Removal("WebDAV Lock items", (OWNER,), "Zope", _LOCKS),
    Removal("WebDAV Unlock items", (OWNER,), "Zope", _LOCKS),
    Removal(
        "CMFEditions: Revert to previous versions",
        (OWNER, "Editor", "Reviewer"),
        "CMFEditions",
        (
            "Le créateur d'un dossier validé le ramenait à une version "
            "antérieure (PATCH @history) sans demande de modification ni "
            "second regard.",
            "The creator of a validated file reverted it to an earlier version "
            "(PATCH @history) with no change request and no second person.",
        ),
    ),
    Removal(
        "CMFEditions: Checkout to location",
        (OWNER, "Editor", "Reviewer"),
        "CMFEditions",
        (
            "Copie d'une ancienne version ailleurs : inutile au bureau.",
            "Copies an old version elsewhere: no use to records staff.",
        ),
    ),
    Removal(
        "Take ownership",
        (OWNER,),
        "Zope",
        (
            "Prendre la propriété des sous-objets (pièces créées par d'autres).",
            "Taking ownership of sub-objects (records created by others).",
        ),
    ),
    Removal(
        "Undo changes",
        (OWNER,),
        "Plone",
        (
            "Annuler des transactions : réservé aux administrateurs.",
            "Undoing transactions: administrators only.",
        ),
    ),
    Removal(
        "Show Toolbar",
        (AUTHENTICATED,),
        "Plone",
        (
            "La barre d'outils de Plone (ses actions de gestion et les scripts "
            "qu'elle charge) : les agents ont l'en-tête, la navigation et la "
            "barre d'actions de SIRHP.",
            "Plone's toolbar (its management actions and the scripts it "
            "loads): staff use SIRHP's header, navigation and action bar.",
        ),
    ),
    Removal(
        "Manage Context Aliases",
        (OWNER, "Editor"),
        "Plone",
        (
            "Des alias d'URL (@aliases) créés par un agent redirigeaient "
            "n'importe quel chemin vers un dossier.",
            "URL aliases (@aliases) made by a clerk redirected any path to a file.",
        ),
    ),
    Removal(
        "Modify view template",
        (OWNER, "Editor"),
        "Plone",
        (
            "Changer la vue d'un dossier ou d'une pièce : les pages SIRHP sont fixes.",
            "Changing the view of a file or record: SIRHP pages are fixed.",
        ),
    ),
    Removal(
        "Modify constrain types",
        (OWNER,),
        "Plone",
        (
            "Restreindre les types ajoutables d'un dossier (empêcher d'y "
            "classer des pièces).",
            "Narrowing the addable types of a file (stopping records being "
            "filed in it).",
        ),
    ),
    Removal(
        "Add portal folders",
        (OWNER, "Contributor"),
        "Plone",
        (
            "Protège manage_addFolder, une méthode de gestion sans usage SIRHP "
            "(les conteneurs SIRHP refusent d'ailleurs les dossiers Plone).",
            "Guards manage_addFolder, a management method SIRHP never uses "
            "(SIRHP containers refuse Plone folders anyway).",
        ),
    ),
    Removal(
        "Add portal member",
        (OWNER,),
        "Plone",
        (
            "Les comptes sont créés par les administrateurs et à la validation "
            "d'un dossier, jamais par un créateur de contenu.",
            "Accounts are created by administrators and when a file is "
            "validated, never by a content creator.",
        ),
    ),
)


def expected(type_states):
    """{(portal_type, state, permission, role)} that GRANTS declare.

    ``type_states``: portal_type -> the states of its workflow.
    """
    result = set()
    for grant in GRANTS:
        for portal_type, states in type_states.items():
            if grant.where is not None:
                if portal_type not in grant.where:
                    continue
                states = grant.where[portal_type] or states
            for state in states:
                for permission in grant.permissions:
                    result.add((portal_type, state, permission, grant.role))
    return result


def where_label(grant):
    """Where a grant holds, for the document."""
    if grant.where is None:
        return "partout / everywhere"
    return ", ".join(
        f"{name} ({', '.join(states)})" if states else name
        for name, states in grant.where.items()
    )
