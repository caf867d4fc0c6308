"""``<campaign>/@@ouvrir-campagne``: open the campaign — its evaluations
created in one action — after a confirmation that says how many officers
it evaluates. Thin: ``sirhp.content.evaluation.api.open_campaign`` (the
same call as ``POST @evaluations``) checks and journals."""

from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView


class OpenCampaignView(SirhpView):
    """The confirmation page and its button."""

    def __call__(self):
        if self.request.method == "POST" and "open" in self.request.form:
            CheckAuthenticator(self.request)
            count = evaluation_api.open_campaign(
                campaign=self.context, request=self.request
            )
            api.portal.show_message(
                _(
                    "campaign_opened",
                    default="${count} évaluation(s) créée(s).",
                    mapping={"count": count},
                ),
                request=self.request,
            )
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@suivi-campagne"
            )
        return self.index()

    def population(self):
        """How many officers the campaign evaluates (who may have one)."""
        return len(evaluation_api.population(campaign=self.context))

    def existing(self):
        """How many of them have their evaluation already."""
        return len(
            api.content.find(
                portal_type="Evaluation",
                getId=evaluation_api.evaluation_id(self.context),
            )
        )
