"""Permission titles of sirhp.policy (zcml ids in permissions.zcml)."""

TransitionSubmit = "sirhp: Transition: submit"
TransitionValidate = "sirhp: Transition: validate"
TransitionArchive = "sirhp: Transition: archive"
ViewAuditJournal = "sirhp: View audit journal"
