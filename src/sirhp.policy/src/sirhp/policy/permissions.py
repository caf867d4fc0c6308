"""Permission titles of sirhp.policy (zcml ids in permissions.zcml)."""

TransitionSubmit = "sirhp: Transition: submit"
TransitionValidate = "sirhp: Transition: validate"
TransitionArchive = "sirhp: Transition: archive"
TransitionPrintBadge = "sirhp: Transition: print badge"
TransitionIssueBadge = "sirhp: Transition: issue badge"
TransitionRevokeBadge = "sirhp: Transition: revoke badge"
TransitionExpireBadge = "sirhp: Transition: expire badge"
