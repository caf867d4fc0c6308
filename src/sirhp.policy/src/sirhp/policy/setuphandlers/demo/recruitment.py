"""Demo concours of the Police nationale, run through the recruitment API
and workflow as its users would: one with published results (candidates
marked, a few eliminated, the ranking proposed by ``recruiter.pn`` and
published by ``hrmanager.pn``: four eyes), one open with marks missing.

Deterministic: names, regions and marks come from a seeded generator,
dates from ``REFERENCE_DATE``.
"""

from datetime import timedelta
from plone import api
import random
from sirhp.content.content.record_names import numbered_names
from sirhp.content.recruitment import api as recruitment
from sirhp.policy.setuphandlers import names
from sirhp.policy.setuphandlers.demo.files import DEFAULT_SEED
from sirhp.policy.setuphandlers.demo.files import REFERENCE_DATE

RECRUITER = "recruiter.pn"
PUBLISHER = "hrmanager.pn"
AGENCY = "police-nationale"

# Published: 10 posts, one quota per region but Sikasso; Mopti's only
# candidate is eliminated, so its post goes to national merit (the
# campaign's shortfall rule).
PUBLISHED = {
    "id": "concours-agents-2026",
    "title": "Concours direct d'agents de police 2026",
    "corps": "sous-officiers",
    "grade": "agent",
    "posts": 10,
    "quotas": ["bamako|3", "kayes|2", "koulikoro|2", "segou|2", "mopti|1"],
    "sex_quotas": ["F|2"],
    "shortfall_rule": "national",
    "start": REFERENCE_DATE - timedelta(days=150),
    "end": REFERENCE_DATE - timedelta(days=45),
}
# region -> candidates of the published campaign (40 in all)
PUBLISHED_CANDIDATES = {
    "bamako": 11,
    "kayes": 8,
    "koulikoro": 7,
    "segou": 8,
    "sikasso": 5,
    "mopti": 1,
}
IN_PROGRESS = {
    "id": "concours-agents-2027",
    "title": "Concours direct d'agents de police 2027",
    "corps": "sous-officiers",
    "grade": "agent",
    "posts": 6,
    "quotas": ["bamako|2", "segou|2", "sikasso|2"],
    "sex_quotas": [],
    "shortfall_rule": "vacant",
    "start": REFERENCE_DATE - timedelta(days=17),
    "end": REFERENCE_DATE + timedelta(days=75),
}
IN_PROGRESS_CANDIDATES = {"bamako": 5, "segou": 4, "sikasso": 3}
# stages marked so far in the open campaign
MARKED_SO_FAR = ("candidature", "preselection")
# the reason of the candidates eliminated by a decision, not a mark
MEDICAL_REASON = "Inapte à la visite médicale (certificat du médecin-chef)."


def _nina(year, region, number):
    """A 15-character NINA, unique per campaign: CN + year + region + number."""
    return f"CN{year}{region[:3].upper()}{number:06d}"


def _candidates(rng, year, per_region):
    """The candidates' data, region by region (birth: 19 to 27 years old)."""
    result = []
    for region, count in per_region.items():
        for number in range(1, count + 1):
            sex = "F" if rng.random() < 0.3 else "M"
            first = rng.choice(names.FEMALE_FIRST if sex == "F" else names.MALE_FIRST)
            age_days = rng.randrange(19 * 365, 27 * 365)
            result.append(
                {
                    "last_name": rng.choice(names.LAST_NAMES),
                    "first_names": first,
                    "nina": _nina(year, region, number),
                    "sex": sex,
                    "birth_date": REFERENCE_DATE - timedelta(days=age_days),
                    "region_of_origin": region,
                }
            )
    return result


def _mark(rng, stage):
    """A mark above the stage's eliminatory minimum, to the half point."""
    low = max(stage.minimum, 9.0) + 1
    return rng.randrange(int(low * 2), int(stage.maximum * 2) - 2) / 2


def _create(portal, settings):
    return api.content.create(
        container=portal[AGENCY], type="RecruitmentCampaign", **settings
    )


def create_published_campaign(portal, seed=DEFAULT_SEED):
    """The 2026 concours, results published. Every fifth candidate but one
    fails a stage: an eliminatory mark at the written or sports tests, or
    the medical board's decision; Mopti's only candidate fails the written
    tests.

    :returns: the campaign.
    """
    rng = random.Random(seed)
    with api.env.adopt_user(username=RECRUITER):
        campaign = _create(portal, PUBLISHED)
        people = [
            recruitment.add_candidate(campaign=campaign, **data)
            for data in _candidates(rng, 2026, PUBLISHED_CANDIDATES)
        ]
        api.content.transition(obj=campaign, transition="open")
        stages = recruitment.stages_of(campaign)
        for index, candidate in enumerate(people):
            marks = {stage.code: _mark(rng, stage) for stage in stages}
            if candidate.region_of_origin == "mopti":
                marks = {"candidature": marks["candidature"], "ecrit": 6.0}
            elif index % 5 == 4 and index % 3 == 0:
                marks = {k: marks[k] for k in ("candidature", "preselection")}
                marks["ecrit"] = 7.5
            elif index % 5 == 4 and index % 3 == 1:
                marks = {k: marks[k] for k in ("candidature", "preselection", "ecrit")}
                marks["sport"] = 5.0
            recruitment.set_scores(candidate=candidate, scores=marks)
            if index % 5 == 4 and index % 3 == 2:
                recruitment.eliminate(
                    candidate=candidate, stage="medical", reason=MEDICAL_REASON
                )
        api.content.transition(obj=campaign, transition="close")
        api.content.transition(obj=campaign, transition="propose_results")
    with api.env.adopt_user(username=PUBLISHER):
        api.content.transition(obj=campaign, transition="publish")
    return campaign


def create_open_campaign(portal, seed=DEFAULT_SEED):
    """The 2027 concours, open: candidates registered, two of them not yet
    marked, the others marked at the first two stages only.

    :returns: the campaign.
    """
    rng = random.Random(seed + 2027)
    with api.env.adopt_user(username=RECRUITER):
        campaign = _create(portal, IN_PROGRESS)
        people = [
            recruitment.add_candidate(campaign=campaign, **data)
            for data in _candidates(rng, 2027, IN_PROGRESS_CANDIDATES)
        ]
        api.content.transition(obj=campaign, transition="open")
        stages = [s for s in recruitment.stages_of(campaign) if s.code in MARKED_SO_FAR]
        for candidate in people[2:]:
            marks = {stage.code: _mark(rng, stage) for stage in stages}
            recruitment.set_scores(candidate=candidate, scores=marks)
    return campaign


@numbered_names()  # reproducible names (record_names)
def create_demo_campaigns(portal, seed=DEFAULT_SEED):
    """Both demo campaigns; returns them (published, open)."""
    return create_published_campaign(portal, seed), create_open_campaign(portal, seed)
