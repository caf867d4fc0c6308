"""Work lists that explain themselves (in process): a file submitted and
validated with its records, all or nothing, four eyes item by item, one
journal line per item; the review queue grouped by file with who
submitted; the reason of a rejection on the item and the clerk's home."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile
import pytest
from sirhp.content.worklists import api as worklists
from sirhp.policy.audit import journal as actions
from sirhp.policy.audit import transactional
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from sirhp.policy.workflow import guards


@pytest.fixture
def file(portal, testdata):
    """The PN draft file with a draft act and a draft document (clerk.pn)."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    login(portal, "clerk.pn")
    api.content.create(
        container=file,
        type="CareerEvent",
        id="affectation",
        event_type="assignment",
        event_date=date(2024, 1, 1),
        reference="Décision n°2024-1",
    )
    api.content.create(
        container=file,
        type="ScannedDocument",
        id="diplome",
        document_type="diplome",
        file=NamedBlobFile(tiny_pdf(["Diplôme"]), filename="d.pdf"),
    )
    return file


def _states(file):
    """The file's state and those of its records (acts, documents)."""
    records = [
        obj for obj in file.objectValues() if obj.portal_type in worklists.RECORD_TYPES
    ]
    return {api.content.get_state(file)} | {api.content.get_state(o) for o in records}


def test_submit_all_then_validate_all(portal, file):
    submitted = worklists.submit_all(file=file, comment="Dossier complet")
    assert [item["title"] for item in submitted][0] == file.Title()
    assert {"Diplôme", file["affectation"].Title()} <= {i["title"] for i in submitted}
    assert _states(file) == {"pending"}
    # nothing left to submit: a French 400
    with pytest.raises(worklists.WorklistError) as nothing:
        worklists.submit_all(file=file)
    assert "Rien à soumettre" in nothing.value.text()

    # four eyes: the submitter validates nothing, and is told why
    with pytest.raises(worklists.WorklistError) as own:
        worklists.validate_all(file=file)
    assert "Rien à valider" in own.value.text()
    plan = worklists.validation_plan(file=file)
    assert plan["validate"] == []
    reasons = [worklists.WorklistError(m).text() for _o, m in plan["skipped"]]
    assert "vous l'avez soumis vous-même" in reasons[0]

    login(portal, "reviewer.pn")
    result = worklists.validate_all(file=file, comment="Vérifié")
    assert [i["title"] for i in result["validated"]][0] == file.Title()
    assert len(result["validated"]) == len(submitted) and result["skipped"] == []
    assert _states(file) == {"validated"}


def test_validate_all_skips_what_the_reviewer_submitted(portal, file):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    worklists.validate_all(file=file)
    # a new act submitted by a clerk who is also a reviewer
    login(portal, "clerkreviewer.pn")
    act = api.content.create(
        container=file,
        type="CareerEvent",
        id="decoration",
        event_type="decoration",
        decoration="Médaille",
    )
    other = api.content.create(
        container=file,
        type="CareerEvent",
        id="affectation-2",
        event_type="assignment",
        event_date=date(2025, 1, 1),
        reference="Décision n°2025-1",
    )
    worklists.submit_all(file=file)
    # the other act was last modified by clerk.pn, submitted by clerkreviewer
    assert api.content.get_state(act) == "pending"
    login(portal, "reviewer.pn")
    with api.env.adopt_user(username="clerkreviewer.pn"):
        plan = worklists.validation_plan(file=file)
    assert plan["validate"] == []
    texts = [worklists.WorklistError(m).text() for _o, m in plan["skipped"]]
    assert all("vous l'avez soumis vous-même" in t for t in texts)
    result = worklists.validate_all(file=file)
    assert {i["title"] for i in result["validated"]} == {act.Title(), other.Title()}


def test_validate_all_skips_what_the_reviewer_last_modified(portal, file):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    worklists.validate_all(file=file)
    login(portal, "hrmanager.pn")  # edits the draft act (and may validate)
    act = api.content.create(
        container=file,
        type="CareerEvent",
        id="decoration",
        event_type="decoration",
        decoration="Médaille",
    )
    login(portal, "clerk.pn")
    worklists.submit_all(file=file)
    login(portal, "hrmanager.pn")
    with pytest.raises(worklists.WorklistError) as refused:
        worklists.validate_all(file=file)
    assert "vous l'avez modifié en dernier" in refused.value.text()
    assert api.content.get_state(act) == "pending"


def test_records_wait_for_a_skipped_file(portal, file):
    login(portal, "clerkreviewer.pn")
    worklists.submit_all(file=file)  # submitted by who would validate
    plan = worklists.validation_plan(file=file)
    assert plan["validate"] == []
    texts = [worklists.WorklistError(m).text() for _o, m in plan["skipped"]]
    assert "vous l'avez soumis vous-même" in texts[0]


def test_all_or_nothing(portal, file, monkeypatch):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    # the workflow refuses the document (its guard): nothing is validated
    original = guards.may_validate
    monkeypatch.setattr(
        guards,
        "may_validate",
        lambda obj: obj.getId() != "diplome" and original(obj),
    )
    with pytest.raises(worklists.WorklistError) as refused:
        worklists.validate_all(file=file)
    text = refused.value.text()
    assert text.startswith("Action refusée pour « Diplôme » : ")
    assert text.endswith("Rien n'a été modifié.")
    assert _states(file) == {"pending"}
    assert _queued("validate") == []  # no journal line either


def test_comment_must_be_text(portal, file):
    with pytest.raises(worklists.WorklistError) as refused:
        worklists.submit_all(file=file, comment=["x"])
    assert refused.value.text() == "Le commentaire doit être un texte."
    assert _states(file) == {"draft"}


def _queued(transition):
    """Journal lines queued in this transaction for ``transition`` (written
    at commit, with the change)."""
    return [
        event
        for event in transactional.data_manager().events
        if event["action"] == actions.TRANSITION and event["detail"] == transition
    ]


def test_one_journal_line_per_item(portal, file):
    submitted = worklists.submit_all(file=file)
    lines = _queued("submit")
    assert len(lines) == len({event["path"] for event in lines})
    # records created in this same transaction have their one line: created
    created = {
        event["path"]
        for event in transactional.data_manager().events
        if event["action"] == actions.CREATE
    }
    paths = {event["path"] for event in lines} | created
    assert {item["@id"].split("/plone/")[1] for item in submitted} <= paths
    assert len(lines) >= 3


def test_queue_groups_a_file_with_its_records(portal, file, testdata):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    groups = worklists.queue_groups()
    group = next(g for g in groups if g["matricule"] == file.matricule)
    assert group["file"]["title"] == file.Title()
    assert {i["@type"] for i in group["items"]} == {"CareerEvent", "ScannedDocument"}
    items = [group["file"], *group["items"]]
    assert {i["submitter_id"] for i in items} == {"clerk.pn"}
    assert all(i["since_text"] for i in items)
    # one block per file: the other pending file stands alone
    other = testdata.FILES["pn_pending"]
    assert [g["matricule"] for g in groups].count(other) == 1


def test_rejection_reason(portal, file):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    api.content.transition(
        obj=file["affectation"], transition="reject", comment="Date d'effet erronée."
    )
    found = worklists.rejection(file["affectation"])
    assert found["comment"] == "Date d'effet erronée."
    assert found["actor"] == "reviewer.pn"
    assert worklists.rejection(file) is None
    # resubmitted: no longer a rejection
    login(portal, "clerk.pn")
    api.content.transition(obj=file["affectation"], transition="submit")
    assert worklists.rejection(file["affectation"]) is None
