"""Training pages: a session (participants, nominations, results, its
transitions), a course (its sessions, its coverage), an agency's
« Formations », and the certificate download on a file.

Thin: every rule is ``sirhp.content.training.api``'s (or its
``verification``'s for certificates); a refusal is shown as
``error.text(request)``. Forms are POSTed with the CSRF authenticator.
"""

from AccessControl import Unauthorized
from functools import cached_property
from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.permissions import AddTrainingSession
from sirhp.content.permissions import ManageTraining
from sirhp.content.permissions import ViewTrainingCoverage
from sirhp.content.training import api as training_api
from sirhp.content.training import coverage as training_coverage
from sirhp.content.training import rules
from sirhp.content.training import verification
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.training.workflow import close_refusal
from zope.i18n import translate

DOMAINS = "sirhp.content.training_domains"
RESULT_LABELS = {
    rules.PASSED: _("training_result_passed", default="Réussi"),
    rules.FAILED: _("training_result_failed", default="Échoué"),
    rules.ABSENT: _("training_result_absent", default="Absent"),
}
STATE_LABELS = {
    "planned": _("training_state_planned", default="Planifiée"),
    "results_recorded": _("training_state_recorded", default="Résultats enregistrés"),
    "closed": _("training_state_closed", default="Close"),
}
COVERAGE_LABELS = {
    "unit": _("training_by_unit", default="Par unité"),
    "region": _("training_by_region", default="Par région"),
    "grade": _("training_by_grade", default="Par grade"),
    "sex": _("training_by_sex", default="Par sexe"),
}
# the vocabulary naming the groups of a coverage grouping (units: by title)
GROUP_VOCABULARIES = {
    "region": "sirhp.content.regions",
    "grade": "sirhp.content.grades",
    "sex": "sirhp.content.sex",
}
SAVED = _("msg_training_saved", default="Enregistré.")


def percent(share):
    """A share (0..1) as « 42 % », '—' for none."""
    return "—" if share is None else f"{round(share * 100)} %"


class TrainingView(SirhpView):
    """Labels shared by the training pages."""

    percent = staticmethod(percent)

    def t(self, message):
        return translate(message, context=self.request)

    def session_state(self, session):
        state = api.content.get_state(session, default=None)
        return self.t(STATE_LABELS.get(state, state or ""))


class SessionView(TrainingView):
    """A TrainingSession: its course, seats and participants; the forms
    (nominate, withdraw, results) for who may manage it."""

    error = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                self.submit(self.request.form)
            except training_api.TrainingError as error:
                self.error = error.text(self.request)
                self.request.response.setStatus(400)
            else:
                api.portal.show_message(SAVED, request=self.request)
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def submit(self, form):
        action = form.get("action")
        if action == "nominate":
            training_api.nominate(session=self.context, file=self.file_uid(form))
        elif action == "withdraw":
            training_api.withdraw(session=self.context, file=form.get("file", ""))
        elif action == "results":
            for uid in list(self.context.participants or {}):
                result = form.get(f"result-{uid}")
                if result:
                    training_api.record_result(
                        session=self.context,
                        file=uid,
                        result=result,
                        score=form.get(f"score-{uid}"),
                    )
        else:
            raise Unauthorized(action)

    def file_uid(self, form):
        """The UID of the file of the matricule typed (the API refuses an
        unknown one, or one of another agency)."""
        matricule = (form.get("matricule") or "").strip()
        brains = api.portal.get_tool("portal_catalog")(
            portal_type="PersonnelFile", matricule=matricule
        )
        return brains[0].UID if len(brains) == 1 else "-"

    @cached_property
    def course(self):
        try:
            return training_api.course_of(self.context)
        except training_api.TrainingError:
            return None

    def can_manage(self):
        return has_permission(ManageTraining, self.context) and (
            api.content.get_state(self.context) == training_api.PLANNED
        )

    def room(self):
        return rules.session_room(
            self.context.capacity, len(self.context.participants or {})
        )

    def participants(self):
        catalog = api.portal.get_tool("portal_catalog")
        entries = self.context.participants or {}
        brains = {b.UID: b for b in catalog(UID=list(entries))} if entries else {}
        certificates = self.context.certificates or {}
        rows = []
        for uid, entry in entries.items():
            brain = brains.get(uid)
            rows.append(
                {
                    "uid": uid,
                    "name": brain.Title if brain else "—",
                    "matricule": brain.matricule if brain else "",
                    "unit": (brain.unit_title or "") if brain else "",
                    "result": entry["result"],
                    "result_label": self.t(RESULT_LABELS[entry["result"]])
                    if entry["result"]
                    else "",
                    "score": entry["score"] or "",
                    "certificate_url": f"{brain.getURL()}/@@attestation?session="
                    f"{self.context.getId()}"
                    if brain and uid in certificates
                    else None,
                }
            )
        return sorted(rows, key=lambda row: row["name"])

    def results(self):
        return [(code, self.t(label)) for code, label in RESULT_LABELS.items()]

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]

    def close_refused(self):
        """The four-eyes reason, shown to a manager who may not close."""
        reason = close_refusal(self.context, "close")
        return self.t(reason) if reason else None


class CourseView(TrainingView):
    """A TrainingCourse: its sessions and the coverage of the course."""

    def domain_label(self):
        return self.labels(DOMAINS, self.context.domain)

    def sessions(self):
        agency = training_api.agency_of(self.context)
        brains = api.portal.get_tool("portal_catalog")(
            portal_type="TrainingSession",
            path="/".join(agency.getPhysicalPath()),
            sort_on="created",
        )
        return [
            session
            for session in (brain.getObject() for brain in brains)
            if session.course_code == self.context.code
        ]

    def coverage(self):
        """The share trained per unit, region, grade, sex (who may see the
        agency's coverage only: ``sirhp: View training coverage``)."""
        agency = training_api.agency_of(self.context)
        if not has_permission(ViewTrainingCoverage, agency):
            return None
        table = training_coverage.coverage(agency=agency, course=self.context.code)
        table["groups"] = [
            {
                "title": self.t(COVERAGE_LABELS[key]),
                "rows": sorted(
                    (
                        (self.group_label(key, group), counts)
                        for group, counts in table["by"][key].items()
                    ),
                    key=lambda row: row[0],
                ),
            }
            for key in rules.COVERAGE_BY
        ]
        return table

    def group_label(self, key, group):
        vocabulary = GROUP_VOCABULARIES.get(key)
        if vocabulary is None or not group:
            return str(group or "—")
        return self.labels(vocabulary, group)


class TrainingsView(TrainingView):
    """``@@formations`` on an agency: the catalogue by domain, the sessions
    planned and closed."""

    def catalogue(self):
        courses = training_api.courses(agency=self.context)
        visible = {
            brain.getPath()
            for brain in api.portal.get_tool("portal_catalog")(
                portal_type="TrainingCourse",
                path="/".join(self.context.getPhysicalPath()),
            )
        }
        groups = {}
        for course in courses.values():
            if "/".join(course.getPhysicalPath()) in visible:
                groups.setdefault(course.domain, []).append(course)
        return [
            {
                "title": self.labels(DOMAINS, domain),
                "courses": sorted(groups[domain], key=lambda c: c.title or ""),
            }
            for domain in sorted(groups, key=lambda d: self.labels(DOMAINS, d))
        ]

    def sessions(self):
        return api.portal.get_tool("portal_catalog")(
            portal_type="TrainingSession",
            path="/".join(self.context.getPhysicalPath()),
            sort_on="created",
            sort_order="descending",
        )

    def can_add(self):
        return has_permission(AddTrainingSession, self.context)


class CertificateDownload(SirhpView):
    """``<file>/@@attestation?session=<id>``: the certificate PDF, for the
    officer himself and the session's managers (``verification.may_download``);
    journaled."""

    def __call__(self):
        try:
            filename, data = verification.certificate_pdf(
                session=str(self.request.form.get("session", "")), file=self.context
            )
        except training_api.TrainingError as error:
            self.request.response.setStatus(404)
            return error.text(self.request)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Cache-Control", "no-store")
        return data
