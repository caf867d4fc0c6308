"""What the external penetration test found, how it was closed, and the
tests that prove it (each failed on the code before the fix).

Declarative: ``scripts/render_security_doc.py`` renders it into
docs/security.md and ``test_security_doc.py`` checks that every test named
here exists. A new finding is added here with its tests.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    number: int
    severity: str  # "haute / high", "moyenne / medium", "faible / low"
    title: str  # French / English
    fix: str  # English: what was done
    tests: tuple  # "path::test" (path from the repository root)


HIGH = "haute / high"
MEDIUM = "moyenne / medium"
LOW = "faible / low"

FINDINGS = (
    Finding(
        1,
        HIGH,
        "Export WebDAV/FTP sans les droits des champs / WebDAV/FTP export "
        "ignored field read permissions",
        "SIRHP content has no WebDAV/FTP face but for administrators: every "
        "SIRHP class derives from `SirhpContent` (sirhp.content "
        "`content/base.py`), which puts `manage_FTPget`, `manage_DAVget`, "
        "PROPFIND and the other WebDAV methods under *WebDAV access* (Manager "
        "only in the rolemap) and closes the `_data` pseudo-resource; "
        "refusals are journaled.",
        (
            "tests/security/test_webdav_zmi.py::test_management_and_webdav_names_refused",
            "tests/security/test_webdav_zmi.py::test_webdav_and_management_refused_over_http",
        ),
    ),
    Finding(
        2,
        HIGH,
        "Demandes de modification : champs lus et écrits sans droit / change "
        "requests read and wrote fields the requester may not",
        "A field is proposed and approved only by someone who may read and "
        "write it on the file (one helper, `content/field_access.py`, on every "
        "channel: edit form, PATCH 202, `@change-requests`, Mon dossier, "
        "approval). Values a reader may not read are shown « masqué » on the "
        "request page, `@change-diff`, the request JSON and listings; medical "
        "values need a consultation reason and are journaled. Officers read "
        "but do not write their medical data: they ask HR, and another HR "
        "manager (or an administrator) approves.",
        (
            "tests/changes/test_change_fields.py::test_clerk_may_not_propose_medical_fields",
            "tests/changes/test_change_fields.py::test_officer_may_not_propose_own_medical_fields",
            "tests/changes/test_change_fields.py::test_reviewer_without_write_permission_cannot_approve",
            "tests/changes/test_change_fields.py::test_apply_refuses_a_field_the_approver_may_not_write",
            "tests/changes/test_change_fields.py::test_values_hidden_from_who_may_not_read",
            "tests/changes/test_change_fields.py::test_values_need_a_reason_then_are_journaled",
            "tests/changes/test_change_fields.py::test_request_json_and_listing_hide_values",
            "tests/changes/test_change_fields.py::test_http_channels",
        ),
    ),
    Finding(
        3,
        MEDIUM,
        "Versions désactivables / versioning could be switched off",
        "`versioning_enabled` is written only with *Manage portal* "
        "(administrators of the Zope root): forms omit it, REST answers 403, "
        "change requests refuse it (400); the upgrade turns it back on where "
        "it was turned off.",
        (
            "tests/content/test_versioning_flag.py::test_edit_form_of_a_draft_omits_the_flag",
            "tests/content/test_versioning_flag.py::test_never_proposed_in_a_change_request",
            "tests/content/test_versioning_flag.py::test_rest_patch_refused",
        ),
    ),
    Finding(
        4,
        MEDIUM,
        "Écrans de gestion Zope pour les créateurs / creators got the Zope "
        "management screens",
        "*View management screens* for Manager only, *Manage properties* for "
        "administrators; the management names Zope leaves open are put under "
        "*View management screens* on SIRHP content. Found on the way and "
        "closed: a creator's revert of a validated file (`PATCH @history`) "
        "and URL aliases (`@aliases`). The upgrade removes properties and "
        "marker interfaces creators could have added.",
        (
            "tests/security/test_webdav_zmi.py::test_management_and_webdav_names_refused",
            "tests/security/test_webdav_zmi.py::test_creator_cannot_revert_a_validated_file",
            "tests/security/test_webdav_zmi.py::test_creator_cannot_alias_a_file",
            "tests/security/test_plone_defaults.py::test_default_roles_hold_only_the_declared_permissions",
        ),
    ),
    Finding(
        5,
        MEDIUM,
        "Lien de réinitialisation empoisonné, énumération / password-reset "
        "link poisoning and enumeration",
        "Every reset link is built from `sirhp.badge.public_url`, never the "
        "request's `Host` (no address set: no link); `mail_password` and "
        "`@users/<id>/reset-password` answer the same for existing, unknown "
        "and disabled ids; links last 24 hours and end with a password "
        "change (`login/reset.py`).",
        (
            "tests/security/test_password_reset.py::test_link_built_from_public_address_not_host",
            "tests/security/test_password_reset.py::test_same_answer_for_existing_unknown_and_disabled",
            "tests/security/test_password_reset.py::test_rest_reset_answers_alike",
            "tests/security/test_password_reset.py::test_officer_link_from_public_address",
            "tests/security/test_password_reset.py::test_links_valid_24_hours",
            "tests/security/test_password_reset.py::test_links_end_with_a_password_change",
        ),
    ),
    Finding(
        6,
        MEDIUM,
        "Annuaire des utilisateurs `/author/<id>` / `/author/<id>` was a user "
        "directory",
        "`author/<id>`, `@@author`, `contact-info`, their mail templates and "
        "`sendto_form` answer the same 404 to all but administrators, for "
        "existing and unknown ids; no page links to them; *Allow sendto* for "
        "administrators (`hardening/directory.py`).",
        (
            "tests/security/test_directory.py::test_author_page_is_a_missing_page",
            "tests/security/test_directory.py::test_mail_forms_closed",
            "tests/security/test_directory.py::test_no_page_links_to_them",
        ),
    ),
    Finding(
        7,
        MEDIUM,
        "Pièces jointes des demandes non vérifiées ; actions PDF acceptées / "
        "change-request attachments skipped the document checks; PDF actions "
        "accepted",
        "An attachment goes through the scanned documents' single check "
        "(`documents/pdf.py`, `check_document_file`) and is stored as a PDF; PDFs with `/AA`, "
        "an `/OpenAction` other than a page destination, `/GoToR`, "
        "`/Rendition`, or a `/URI` action outside a link are refused; JPEG "
        "metadata (EXIF, GPS) is dropped without recompression.",
        (
            "tests/unit/test_document_active_content.py::test_active_pdf_refused",
            "tests/unit/test_document_active_content.py::test_jpeg_metadata_dropped_pixels_kept",
            "tests/changes/test_change_attachments.py::test_refused",
            "tests/changes/test_change_attachments.py::test_image_stored_as_pdf_without_metadata",
            "tests/changes/test_change_attachments.py::test_http_channels_refuse_active_pdf",
        ),
    ),
    Finding(
        8,
        MEDIUM,
        "Dossiers cachés révélés / hidden files revealed that they exist",
        "A record one may not View answers byte for byte like a missing id at "
        "the same place (page, images, downloads, REST); anonymous visitors "
        "get the same login redirect (401 over REST) for existing and missing "
        "paths under an agency (`hardening/hidden.py`).",
        (
            "tests/security/test_hidden_records.py::test_hidden_answers_byte_for_byte_like_missing",
            "tests/security/test_hidden_records.py::test_anonymous_same_answer_existing_or_missing",
            "tests/security/test_hidden_records.py::test_restricted_document_of_a_visible_file",
        ),
    ),
    Finding(
        9,
        MEDIUM,
        "Saisie incohérente acceptée à la création / bad input accepted at creation",
        "The schema's invariants run once on the data of every tab, add and "
        "edit alike, shown at the top of the form (`content/forms.py`); a "
        "grade outside its corps is refused on every channel (pure rule "
        "`grade_corps_mismatch`).",
        (
            "tests/content/test_form_invariants.py::test_recruit_of_17_refused",
            "tests/content/test_form_invariants.py::test_grade_outside_its_corps_refused",
            "tests/content/test_form_invariants.py::test_draft_fixed_from_any_tab",
            "tests/content/test_form_invariants.py::test_change_request_refused",
            "tests/api/test_grade_corps.py::test_post_refused",
            "tests/api/test_grade_corps.py::test_patch_draft_refused",
        ),
    ),
    Finding(
        10,
        MEDIUM,
        "Quatre yeux sans issue / four-eyes dead end",
        "A restricted document is validated by another HR manager of the "
        "agency, failing one by a site administrator, never by its submitter "
        "(pure rule `domain/four_eyes.py`); submission says who will "
        "validate; a refused transition gives its French reason on the page "
        "(403) and over REST (400) (`workflow/refusals.py`).",
        (
            "tests/workflows/test_restricted_four_eyes.py::test_administrator_validates_and_it_is_journaled",
            "tests/workflows/test_restricted_four_eyes.py::test_refusal_page_says_why",
            "tests/workflows/test_restricted_four_eyes.py::test_refusal_over_rest_says_why",
            "tests/workflows/test_restricted_four_eyes.py::test_submission_says_who_validates",
        ),
    ),
    Finding(
        11,
        MEDIUM,
        "Sessions qui survivent / sessions survived logout, password change "
        "and archiving",
        "Per-user keyrings for cookies (plone.session) and stored JWTs "
        "(plone.restapi), revoked on logout, any password change and "
        "archiving; `@login-renew` refuses a revoked token; a disabled "
        "account authenticates by no channel; a forged cookie cannot log "
        "others out (`login/sessions.py`).",
        (
            "tests/security/test_sessions.py::test_rest_logout_ends_cookie_and_token",
            "tests/security/test_sessions.py::test_classic_logout_ends_cookie_and_token",
            "tests/security/test_sessions.py::test_renewed_token_revoked_too",
            "tests/security/test_sessions.py::test_password_set_by_administrator_ends_sessions",
            "tests/security/test_sessions.py::test_archived_officer_loses_every_channel",
            "tests/security/test_sessions.py::test_disabled_account_refused_even_with_a_fresh_token",
        ),
    ),
    Finding(
        12,
        LOW,
        "Divers : titre dans une redirection, injection d'en-têtes, erreurs "
        "500, 200 pour un refus, journal du lecteur de texte / title in a "
        "redirect body, header injection, unhandled 500s, a refusal answering "
        "200, the text worker journaled as a download",
        "Redirections have an empty body; CR/LF never reach a mail header; "
        "deeply nested JSON, repeated parameters, unreadable search "
        "criteria, bad page numbers, missing versions and workflow tool "
        "methods answer a French 400/404; *Privilèges insuffisants* is a 403; "
        "the worker reads documents through `@text-source`, journaled as "
        "`text_extraction` (`hardening/errors.py`, `hardening/rest_input.py`).",
        (
            "tests/security/test_error_answers.py::test_redirection_body_says_nothing_of_the_page",
            "tests/security/test_directory.py::test_contact_form_no_header_injection",
            "tests/security/test_error_answers.py::test_deeply_nested_json",
            "tests/security/test_error_answers.py::test_search_with_2000_repeated_parameters",
            "tests/security/test_error_answers.py::test_search_page_with_a_bad_batch_start",
            "tests/security/test_error_answers.py::test_document_search_with_unreadable_criteria",
            "tests/security/test_error_answers.py::test_history_of_a_missing_version",
            "tests/security/test_error_answers.py::test_versions_form_of_a_missing_version",
            "tests/security/test_error_answers.py::test_workflow_tool_methods_are_not_pages",
            "tests/security/test_error_answers.py::test_insufficient_privileges_is_a_403",
            "tests/security/test_error_answers.py::test_worker_extraction_is_journaled_as_such",
        ),
    ),
    Finding(
        13,
        LOW,
        "Tests dépendant de la date du jour / the test suite depended on today's date",
        "Demo and test data are drawn before one fixed reference date "
        "(`setuphandlers/demo/` `REFERENCE_DATE`); creation dates and the "
        "first workflow entry are the drawn day. `SIRHP_TEST_TODAY=YYYY-MM-DD` "
        "runs tests as if on another day.",
        (
            "tests/content/test_demo.py::test_same_data_whatever_the_date",
            "tests/unit/test_demo_data.py::test_dates_are_before_the_reference_date",
            "tests/content/test_catalog.py::test_by_languages",
        ),
    ),
    Finding(
        14,
        LOW,
        "`make start` avec un mot de passe refusé / `make start` with a demo "
        "password the policy refuses",
        "Every setting is checked before anything is created (the site's own "
        "password rule); a refusal is one sentence in French then English, "
        "exit 2, nothing stored; a failed creation leaves no site; a site an "
        "interrupted run left empty is reported.",
        (
            "tests/policy/test_create_site.py::test_refused_password_creates_nothing",
            "tests/policy/test_create_site.py::test_failure_after_the_start_leaves_no_site",
            "tests/policy/test_create_site.py::test_existing_site_without_demo_content_refused",
            "tests/system/test_create_site.py::test_refused_demo_password_stops_before_the_site",
        ),
    ),
)

# Beyond the list: the class of bug made impossible, and what that found.
BEYOND = (
    Finding(
        0,
        HIGH,
        "Chaque représentation respecte les droits des champs / every "
        "representation honours field permissions",
        "A value is planted in every protected field (found from the "
        "schemas) and in restricted documents; for 15 personas x every way "
        "data leaves the server (REST, `@search` with all metadata and full "
        "objects, pages, versions and `@history`, change requests and diffs, "
        "WebDAV, ZMI, exports, the journal and its CSV, mails) it never "
        "appears where the persona may not read it. Every exposed service, "
        "view, Zope method and namespace is either listed as a representation "
        "or as carrying no object data, with a reason "
        "(`tests/security/representations.py`): a new one fails the test.",
        (
            "tests/security/test_representations.py::test_no_leak",
            "tests/security/test_representations.py::test_every_exposed_name_is_listed",
            "tests/security/test_representations.py::test_a_new_view_or_service_is_caught",
            "tests/security/test_representations.py::test_a_new_protected_field_is_caught",
            "tests/security/test_representations.py::test_positive_control",
        ),
    ),
    Finding(
        0,
        HIGH,
        "Demandes sur une pièce restreinte vues de tous / change requests "
        "about a restricted document were seen by every clerk and reviewer",
        "Found by the test above: the request's title and values named the "
        "medical certificate. A request about a restricted document is "
        "restricted like it, follows a change of the type's sensitivity, and "
        "the upgrade restricts existing ones (`documents/security.py`).",
        (
            "tests/changes/test_restricted_requests.py::test_request_about_a_restricted_document_is_restricted",
            "tests/changes/test_restricted_requests.py::test_request_follows_a_change_of_sensitivity",
            "tests/changes/test_restricted_requests.py::test_upgrade_restricts_existing_requests",
        ),
    ),
    Finding(
        0,
        MEDIUM,
        "Défauts de Plone revus / Plone's defaults reviewed as a whole",
        "Every permission Owner, Authenticated and Anonymous hold on each "
        "SIRHP type in each state is declared with its reason (section "
        "above); a test fails when one changes or a new type is not "
        "reviewed.",
        (
            "tests/security/test_plone_defaults.py::test_default_roles_hold_only_the_declared_permissions",
            "tests/security/test_plone_defaults.py::test_removed_defaults_stay_with_administrators",
            "tests/security/test_plone_defaults.py::test_every_sirhp_type_is_reviewed",
        ),
    ),
)
