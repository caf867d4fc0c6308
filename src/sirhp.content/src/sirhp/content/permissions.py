"""Permission titles, used by name in Python code (zcml ids in permissions.zcml)."""

AddAgency = "sirhp: Add Agency"
AddUnit = "sirhp: Add Unit"
AddPersonnelFile = "sirhp: Add PersonnelFile"
AddScannedDocument = "sirhp: Add ScannedDocument"
AddCareerEvent = "sirhp: Add CareerEvent"
AddBadge = "sirhp: Add Badge"
AddBadgePrintBatch = "sirhp: Add BadgePrintBatch"
AddChangeRequest = "sirhp: Add ChangeRequest"
AddLeaveRequest = "sirhp: Add LeaveRequest"
AddEvaluationCampaign = "sirhp: Add EvaluationCampaign"
AddEvaluation = "sirhp: Add Evaluation"
# Open a campaign: create its evaluations in one action (HR managers).
OpenEvaluationCampaign = "sirhp: Open evaluation campaign"
# Fill an evaluation's marks: set per state by sirhp_evaluation_workflow.
EvaluateOfficer = "sirhp: Evaluate"

# Badge transitions: granted per state by sirhp_badge_workflow (sirhp.policy).
TransitionPrintBadge = "sirhp: Transition: print badge"
TransitionIssueBadge = "sirhp: Transition: issue badge"
TransitionRevokeBadge = "sirhp: Transition: revoke badge"
TransitionExpireBadge = "sirhp: Transition: expire badge"

ReadSensitive = "sirhp: Field: read sensitive"
WriteSensitive = "sirhp: Field: write sensitive"
ReadDisciplinary = "sirhp: Field: read disciplinary"
ReadLeaveAttachment = "sirhp: Field: read leave attachment"
ReadEvaluationMarks = "sirhp: Field: read evaluation marks"

ViewHistory = "sirhp: View history"
ManageVocabularies = "sirhp: Manage HR vocabularies"
ManageReferentials = "sirhp: Manage référentiels"
ExtractText = "sirhp: Extract document text"

# Deployment: the staff finder (HR managers locally, auditors, commanders
# where they hold their role) and the lists it saves (HR managers).
SearchDeployment = "sirhp: Search staff for deployment"
AddDeploymentList = "sirhp: Add DeploymentList"
# activate and close a list: granted per state by
# sirhp_deployment_list_workflow (HR managers, administrators)
ManageDeploymentLists = "sirhp: Manage deployment lists"

# Retirements by age limit of an agency: HR managers (locally), auditors.
ViewRetirements = "sirhp: View retirements"

# Careers: the consistency check of files against their acts (HR managers
# locally, auditors).
CheckCareers = "sirhp: Check careers"
AddTrainingCourse = "sirhp: Add TrainingCourse"
AddTrainingSession = "sirhp: Add TrainingSession"
ManageTraining = "sirhp: Manage training"
ViewTrainingCoverage = "sirhp: View training coverage"
ViewCampaignFollowUp = "sirhp: View campaign follow-up"

# Tableau d'avancement: HR managers of the agency build it (add, build,
# submit, publish: granted per state by sirhp_promotion_workflow); the
# commission's secretary (an HR manager or an administrator) records the
# decisions.
AddPromotionTable = "sirhp: Add PromotionTable"
ManagePromotionTables = "sirhp: Manage promotion tables"
DecidePromotions = "sirhp: Decide promotions"
# Fairness of promotion and evaluation: HR managers (locally), auditors.
ViewFairness = "sirhp: View fairness"
# The reform's dashboard (@@tableau-de-bord, its exports, @indicators): HR
# managers (locally), auditors, administrators; the figures follow the
# reader's scope (the catalog's allowedRolesAndUsers).
ViewIndicators = "sirhp: View indicators"

# Legacy spreadsheet import (@@import-agents, @import-agents, the command):
# records clerks and HR managers of the agency (sirhp.policy), administrators.
ImportPersonnelFiles = "sirhp: Import personnel files"

# Official documents on request (attestations): asked for by the file's
# officer, clerks and HR managers (rolemap); prepared by clerks and HR
# managers, issued, refused and revoked by HR managers, downloaded by the
# holder and HR (sirhp_attestation_workflow, per state); the register: HR
# managers, auditors (rolemap).
AddAttestationRequest = "sirhp: Add AttestationRequest"
PrepareAttestations = "sirhp: Prepare attestations"
IssueAttestations = "sirhp: Issue attestations"
DownloadAttestation = "sirhp: Download attestation"
ViewAttestationRegister = "sirhp: View attestation register"
# Recruitment (concours): the agency's recruitment officers and HR managers
# (local roles on the Agency) add campaigns and candidates and manage them
# (granted per state by sirhp_recruitment_workflow); auditors read the
# statistics, never a candidate.
AddRecruitmentCampaign = "sirhp: Add RecruitmentCampaign"
AddCandidate = "sirhp: Add Candidate"
ManageRecruitment = "sirhp: Manage recruitment"
ViewRecruitmentStatistics = "sirhp: View recruitment statistics"
# A personnel file and its records together (@submit-all, @validate-all and
# their pages): records clerks and HR managers submit, reviewers and HR
# managers validate, on their agency (sirhp.policy); each item still goes
# through the record workflow's own guards (four eyes).
SubmitWithRecords = "sirhp: Submit a file with its records"
ValidateWithRecords = "sirhp: Validate a file with its records"
