"""@@recherche-deploiement on an agency or a unit: thin, calls
sirhp.content.deployment.api (the same search as GET @deployment-search)."""

from datetime import date
from functools import cached_property
from sirhp.content.base.errors import SirhpError
from sirhp.content.deployment import api
from sirhp.content.deployment import lists
from sirhp.content.deployment import rules
from sirhp.content.interfaces import IAgency
from sirhp.content.permissions import AddDeploymentList
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from urllib.parse import urlencode
from zope.i18n import translate

FACET_TITLES = {
    "skill": _("deployment_facet_skill", default="Compétence"),
    "language": _("deployment_facet_language", default="Langue"),
    "licence": _("deployment_facet_licence", default="Permis"),
    "certificate": _("deployment_facet_certificate", default="Formation valide"),
    "grade": _("deployment_facet_grade", default="Grade"),
    "unit": _("deployment_facet_unit", default="Unité"),
    "region": _("deployment_facet_region", default="Région"),
    "sex": _("deployment_facet_sex", default="Sexe"),
    "age_band": _("deployment_facet_age_band", default="Tranche d'âge"),
}
PARAMETERS = rules.LIST_PARAMETERS + rules.INT_PARAMETERS + rules.DATE_PARAMETERS


class DeploymentSearchView(SirhpView):
    error = None
    save_error = None

    def may_save(self):
        """« Enregistrer comme liste »: on an agency, for who may add a list."""
        return IAgency.providedBy(self.context) and has_permission(
            AddDeploymentList, self.context
        )

    def list_query(self):
        """The search's parameters the list form carries (not the batch)."""
        return [pair for pair in self.form_values() if pair[0] in lists.KEPT]

    def today(self):
        return date.today()

    def form_values(self):
        """The parameters asked, as ``[(name, value)]`` (repeated names kept)."""
        pairs = []
        for name in PARAMETERS:
            value = self.request.form.get(name)
            if value in (None, "", []):
                continue
            for one in [value] if isinstance(value, str) else value:
                pairs.append((name, str(one)))
        return pairs

    def value(self, name):
        return self.request.form.get(name) or ""

    @cached_property
    def found(self):
        try:
            return api.search(
                agency=self.context,
                form=self.request.form,
                today=self.today(),
                request=self.request,
            )
        except SirhpError as error:
            self.error = error.text(self.request)
            self.request.response.setStatus(400)
            return {"items": [], "items_total": 0, "facets": {}}

    def facets(self):
        """``[{"title", "values": [{"title", "count", "url", "selected"}]}]``:
        each value a link adding (or removing) it from the search."""
        asked = self.form_values()
        base = f"{self.context.absolute_url()}/@@recherche-deploiement"
        result = []
        for name in rules.FACETS:
            values = []
            for facet in self.found["facets"].get(name, ()):
                pair = (name, str(facet["value"]))
                selected = pair in asked
                pairs = [p for p in asked if p != pair] if selected else asked + [pair]
                values.append(
                    {
                        "title": facet["title"],
                        "count": facet["count"],
                        "selected": selected,
                        "url": f"{base}?{urlencode(pairs)}",
                    }
                )
            if values:
                result.append(
                    {
                        "title": translate(FACET_TITLES[name], context=self.request),
                        "values": values,
                    }
                )
        return result
