"""Access tables of recruitment: the campaigns (``RecruitmentCampaign``,
``sirhp_recruitment_workflow``) and their candidates (``Candidate``,
``sirhp_candidate_workflow``). Notation: ``sirhp.policy.base.access``.

A campaign lives in the agency: its recruitment officers and HR managers
and the administrators manage it (edit, candidates, marks, transitions);
the auditors read it and its statistics (counts only), its results once
published, never a candidate. Nobody else: not records clerks, reviewers,
commanders or officers, nor the other agency's HR managers and recruitment
officers (their roles are on their own agency). Four eyes: the planted
results are proposed by recruiter.pn, so he never publishes them. The
admitted candidates' files (POST @admissions, the results page's form)
need ``sirhp: Add PersonnelFile`` in the agency besides: HR managers and
administrators, once published. A candidate's identity and marks: who
manages the campaign only; editing a candidate follows the campaign.
Listed in ``sirhp.policy.access``: checked cell by cell in process and over
HTTP by ``tests/security/test_access_*.py``.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import RECRUITER
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

MANAGERS = RECRUITER | HR | ADMIN
READERS = MANAGERS | AUDITOR
# who makes files of the admitted candidates (sirhp: Add PersonnelFile)
ADMITTERS = HR | ADMIN

RECRUITMENT_STATES = ("draft", "open", "closed", "results_proposed", "published")
RECRUITMENT_OPERATIONS = (
    "view",
    "edit",
    "delete",
    "open_recruitment",
    "close",
    "propose_results",
    "reopen",
    "publish",
    "candidates",
    "statistics",
    "recruitment_results",
    "admissions",
    "agency_list",
)
_READ = {
    "view": READERS,
    "agency_list": READERS,
    "candidates": MANAGERS,
    "statistics": READERS,
    "recruitment_results": MANAGERS,
}

RECRUITMENT = Table(
    key="recruitment",
    portal_type="RecruitmentCampaign",
    label=("Campagne de recrutement (concours)", "Recruitment campaign"),
    states=RECRUITMENT_STATES,
    operations=RECRUITMENT_OPERATIONS,
    rules=rows(
        draft={
            **_READ,
            "edit": MANAGERS,
            "delete": MANAGERS,
            "open_recruitment": MANAGERS,
        },
        open={**_READ, "edit": MANAGERS, "close": MANAGERS},
        closed={**_READ, "edit": MANAGERS, "propose_results": MANAGERS},
        # four eyes: recruiter.pn proposed the results
        results_proposed={**_READ, "publish": HR | ADMIN, "reopen": MANAGERS},
        published={**_READ, "recruitment_results": READERS, "admissions": ADMITTERS},
    ),
    note=(
        "Campagne de la Police nationale créée par recruiter.pn, un poste "
        "(quota de Ségou), un candidat noté à chaque épreuve ; résultats "
        "proposés par recruiter.pn, publiés par hrmanager.pn.",
        "Police nationale campaign created by recruiter.pn, one post (Ségou's "
        "quota), one candidate marked at every stage; results proposed by "
        "recruiter.pn, published by hrmanager.pn.",
    ),
)

CANDIDATE = Table(
    key="candidate",
    portal_type="Candidate",
    label=("Candidat à un concours", "Candidate"),
    states=("registered",),
    operations=("view", "edit", "delete", "candidate_marks"),
    rules=rows(
        registered={"view": MANAGERS, "edit": MANAGERS, "candidate_marks": MANAGERS}
    ),
    note=(
        "Candidat d'une campagne aux candidatures ouvertes (recruiter.pn) ; "
        "une fois la campagne ouverte, seul Zope (Manager) supprime.",
        "Candidate of a campaign open for candidatures (recruiter.pn); once "
        "the campaign is open, only Zope's Managers delete.",
    ),
)
