"""Permission titles of sirhp.policy (zcml ids in permissions.zcml)."""

TransitionSubmit = "sirhp: Transition: submit"
TransitionValidate = "sirhp: Transition: validate"
TransitionArchive = "sirhp: Transition: archive"
ReviewChanges = "sirhp: Review changes"
TransitionWithdrawChange = "sirhp: Transition: withdraw change"
ViewAuditJournal = "sirhp: View audit journal"
ManageOfficerAccount = "sirhp: Manage officer account"
