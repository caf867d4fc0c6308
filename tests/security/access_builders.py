"""The access tables' objects of recruitment and deployment lists, for
``tests/security/access.py``'s ``Site`` (a mixin: ``self.portal``,
``self.counter``, ``self.marker`` and ``self._target`` are the Site's)."""

from datetime import date
from plone import api
from sirhp.content.deployment import lists
from sirhp.content.recruitment import api as recruitment_api

COMMENT = "Motif de contrôle : pièce manquante."
# the recruitment officer who builds and proposes; who publishes (four eyes)
RECRUITER = "recruiter.pn"
PUBLISHER = "hrmanager.pn"
# the recruitment workflow's transitions, in order, and their actor
CAMPAIGN_PATH = (
    ("open", "open", RECRUITER),
    ("closed", "close", RECRUITER),
    ("results_proposed", "propose_results", RECRUITER),
    ("published", "publish", PUBLISHER),
)


def fire(obj, user, transition):
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(
            obj, transition, comment=COMMENT
        )


class HRBuilders:
    """Builders of the tables ``recruitment``, ``candidate`` and
    ``deployment_list``."""

    def _concours(self, title, last_name, state):
        """A campaign of the Police nationale (one post, Ségou's quota) with
        one candidate from Ségou, brought to ``state``: marked at every
        stage once open; results proposed by recruiter.pn, published by
        hrmanager.pn. Returns (campaign, candidate)."""
        self.counter += 1
        with api.env.adopt_user(username=RECRUITER):
            campaign = api.content.create(
                container=self.portal["police-nationale"],
                type="RecruitmentCampaign",
                id=f"concours-{self.counter}",
                title=title,
                corps="sous-officiers",
                grade="agent",
                posts=1,
                quotas=["segou|1"],
                shortfall_rule="national",
                start=date(2026, 11, 1),
                end=date(2026, 12, 31),
            )
            candidate = recruitment_api.add_candidate(
                campaign=campaign,
                last_name=last_name,
                first_names="Awa",
                nina=f"NINA{self.counter:011d}",
                sex="F",
                birth_date=date(2000, 5, 1),
                region_of_origin="segou",
            )
        states = [s for s, _t, _u in CAMPAIGN_PATH]
        for reached, transition, user in CAMPAIGN_PATH:
            if state not in states[states.index(reached) :]:
                break
            fire(campaign, user, transition)
            if transition == "open":
                stages = recruitment_api.stages_of(campaign)
                with api.env.adopt_user(username=RECRUITER):
                    recruitment_api.set_scores(
                        candidate=candidate, scores={s.code: 15 for s in stages}
                    )
        assert api.content.get_state(campaign) == state
        return campaign, candidate

    def _build_recruitment(self, state):
        """The campaign's title is the marker."""
        marker = self.marker("recruitment", state)
        campaign, _candidate = self._concours(marker, "Traoré", state)
        return self._target("recruitment", state, campaign, marker)

    def _build_candidate(self, state):
        """A candidate (his last name is the marker) of an open campaign."""
        marker = self.marker("candidate", state)
        _campaign, candidate = self._concours("Concours", marker, "open")
        return self._target("candidate", state, candidate, marker)

    def _build_deployment_list(self, state):
        """A list of every officer hrmanager.pn sees (the purpose is the
        marker), activated and closed by hrmanager.pn."""
        marker = self.marker("deployment_list", state)
        self.counter += 1
        with api.env.adopt_user(username="hrmanager.pn"):
            saved = lists.save(
                context=self.portal["police-nationale"],
                title=f"Liste {self.counter}",
                purpose=marker,
                start=date(2026, 11, 9),
                end=date(2026, 11, 15),
                notify=True,
                query={},
                today=date(2026, 11, 1),
            )
        if state in ("active", "closed"):
            fire(saved, "hrmanager.pn", "activate")
        if state == "closed":
            fire(saved, "hrmanager.pn", "close")
        assert api.content.get_state(saved) == state
        return self._target("deployment_list", state, saved, marker)
