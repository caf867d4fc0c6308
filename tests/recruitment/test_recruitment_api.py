"""Recruitment API (``sirhp.content.recruitment.api``) on the test site:
candidates and the NINA's uniqueness, marks and elimination, the marks
spreadsheet (dry run, all or nothing), statistics, four eyes at publish."""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.recruitment import api as recruitment
from tests.recruitment.conftest import candidate_data
from tests.recruitment.conftest import NINAS
from tests.recruitment.conftest import set_state
from tests.recruitment.conftest import workbook


def test_campaign_added_by_the_recruiter_in_draft(campaign):
    assert api.content.get_state(campaign) == "draft"
    assert [s.code for s in recruitment.stages_of(campaign)][:2] == [
        "candidature",
        "preselection",
    ]
    assert recruitment.quotas_of(campaign) == ({"segou": 2, "kayes": 1}, {"F": 1})


def test_quotas_above_the_posts_refused(campaign):
    campaign.quotas = ["segou|3", "kayes|1"]
    workflow = api.portal.get_tool("portal_workflow")
    assert "open" not in {t["id"] for t in workflow.getTransitionsFor(campaign)}
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.check_campaign(campaign=campaign)
    assert info.value.text() == (
        "Les quotas régionaux (4) dépassent le nombre de postes (3)."
    )


def test_nina_unique_per_campaign(campaign, candidates):
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.add_candidate(campaign=campaign, **candidate_data(NINAS[0]))
    assert info.value.text() == (
        "Un candidat de cette campagne a déjà le NINA 123456789012345."
    )
    # whatever the path: a plain content creation is refused too (plone.api
    # wraps the subscriber's refusal)
    with pytest.raises(api.exc.InvalidParameterError, match="déjà le NINA"):
        api.content.create(
            container=campaign, type="Candidate", id="bis", **candidate_data(NINAS[1])
        )
    # (the publisher aborts the request's transaction: nothing stays)


@pytest.mark.parametrize(
    "change,text",
    [
        ({"nina": ""}, "Le NINA du candidat est obligatoire."),
        (
            {"nina": "abc"},
            "NINA invalide : 15 caractères, chiffres et lettres majuscules.",
        ),
        ({"last_name": ""}, "Champ obligatoire : last_name."),
        ({"scores": {"ecrit": 20}}, "Champ inconnu : scores."),
        ({"birth_date": "1er mai"}, "Date de naissance invalide (AAAA-MM-JJ)."),
    ],
)
def test_candidate_refused(campaign, change, text):
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.add_candidate(
            campaign=campaign, **{**candidate_data(NINAS[0]), **change}
        )
    assert info.value.text() == text


def test_no_candidate_once_closed(campaign):
    set_state(campaign, "closed")
    with pytest.raises((recruitment.RecruitmentError, Unauthorized)):
        recruitment.add_candidate(campaign=campaign, **candidate_data(NINAS[0]))


def test_scores_and_eliminatory_mark(campaign, candidates):
    first = candidates[0]
    with pytest.raises(recruitment.RecruitmentError):  # draft: no marks yet
        recruitment.set_scores(candidate=first, scores={"ecrit": 12})
    set_state(campaign, "open")
    assert recruitment.set_scores(candidate=first, scores={"ecrit": 12}) == {
        "ecrit": 12.0
    }
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.set_scores(candidate=first, scores={"sport": 21})
    assert info.value.text() == (
        "Note invalide à l'épreuve Épreuves sportives : « 21 » (de 0 à 20)."
    )
    recruitment.set_scores(candidate=first, scores={"sport": 7})
    assert first.eliminated_at == "sport"
    assert first.elimination_reason == (
        "Note éliminatoire à l'épreuve Épreuves sportives"
    )
    assert first.scores == {"ecrit": 12.0, "sport": 7.0}


def test_eliminate_needs_a_reason(campaign, candidates):
    set_state(campaign, "open")
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.eliminate(candidate=candidates[1], stage="medical", reason=" ")
    assert info.value.text() == "Le motif d'élimination est obligatoire."
    recruitment.eliminate(candidate=candidates[1], stage="medical", reason="Inapte")
    assert (candidates[1].eliminated_at, candidates[1].elimination_reason) == (
        "medical",
        "Inapte",
    )


def test_import_dry_run_then_store(campaign, candidates):
    set_state(campaign, "closed")
    data = workbook(
        [("NINA", "ecrit", "sport"), (NINAS[0], 14, 12), (NINAS[1], "9,5", 15)]
    )
    report = recruitment.import_scores(campaign=campaign, data=data)
    assert report == {
        "ok": True,
        "stored": False,
        "rows": [
            {"row": 2, "nina": NINAS[0], "ok": True, "errors": []},
            {"row": 3, "nina": NINAS[1], "ok": True, "errors": []},
        ],
    }
    assert candidates[0].scores is None  # dry run: nothing stored
    report = recruitment.import_scores(campaign=campaign, data=data, dry_run=False)
    assert report["stored"] is True
    assert candidates[0].scores == {"ecrit": 14.0, "sport": 12.0}
    assert candidates[1].eliminated_at == "ecrit"  # 9.5 < 10


def test_import_all_or_nothing(campaign, candidates):
    set_state(campaign, "open")
    data = workbook(
        [
            ("NINA", "ecrit"),
            (NINAS[0], 14),
            ("000000000000000", 12),
            (NINAS[2], 30),
        ]
    )
    report = recruitment.import_scores(campaign=campaign, data=data, dry_run=False)
    assert (report["ok"], report["stored"]) == (False, False)
    assert [r["errors"] for r in report["rows"]] == [
        [],
        ["Aucun candidat de la campagne n'a le NINA 000000000000000."],
        ["Note invalide à l'épreuve Épreuves écrites : « 30 » (de 0 à 20)."],
    ]
    assert all(c.scores is None for c in candidates)
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.import_scores(campaign=campaign, data=b"not a workbook")
    assert info.value.text() == "Fichier illisible : un classeur XLSX est attendu."
    with pytest.raises(recruitment.RecruitmentError) as info:
        recruitment.import_scores(campaign=campaign, data=workbook([("Nom", "ecrit")]))
    assert info.value.text() == "La première colonne du fichier doit être NINA."


def test_template_has_nina_then_stage_codes(campaign):
    import io
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(recruitment.template(campaign=campaign)))
    header = [c.value for c in next(book.worksheets[0].iter_rows())]
    assert header == ["NINA", *[s.code for s in recruitment.stages_of(campaign)]]


def test_statistics(campaign, candidates):
    set_state(campaign, "open")
    everything = {s.code: 15 for s in recruitment.stages_of(campaign)}
    recruitment.set_scores(candidate=candidates[0], scores=everything)
    recruitment.eliminate(candidate=candidates[2], stage="sport", reason="Absent")
    stats = recruitment.statistics(campaign=campaign)
    assert (stats["posts"], stats["total"]) == (3, 3)
    assert stats["by_region"] == [
        {
            "code": "kayes",
            "candidates": 1,
            "eliminated": 1,
            "admissible": 0,
            "quota": 1,
        },
        {
            "code": "segou",
            "candidates": 2,
            "eliminated": 0,
            "admissible": 1,
            "quota": 2,
        },
    ]
    assert {r["code"]: r["candidates"] for r in stats["by_sex"]} == {"F": 1, "M": 2}
    with_results = recruitment.statistics(
        campaign=campaign, results=[candidates[0].UID()]
    )
    assert [r["admitted"] for r in with_results["by_region"]] == [0, 1]


def test_four_eyes_at_publish(portal, campaign):
    for transition in ("open", "close", "propose_results"):
        api.content.transition(obj=campaign, transition=transition)
    assert campaign.proposers == ("recruiter.pn",)
    workflow = api.portal.get_tool("portal_workflow")
    offered = {t["id"] for t in workflow.getTransitionsFor(campaign)}
    assert offered == {"reopen"}  # not publish: recruiter.pn proposed
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(obj=campaign, transition="publish")
    login(portal, "hrmanager.pn")
    api.content.transition(obj=campaign, transition="publish")
    assert api.content.get_state(campaign) == "published"


def test_the_stored_reason_is_french_whatever_the_reader(
    campaign, candidates, monkeypatch
):
    """An elimination reason is data: stored in French whatever language the
    request reads (a script's request without preference read English: the
    demo stored "Eliminatory mark at stage ..." before)."""

    def in_the_readers_language(error, request=None):
        return "Eliminatory mark at stage Sport"

    monkeypatch.setattr(recruitment.RecruitmentError, "text", in_the_readers_language)
    set_state(campaign, "open")
    recruitment.set_scores(candidate=candidates[0], scores={"sport": 7})
    assert candidates[0].elimination_reason == (
        "Note éliminatoire à l'épreuve Épreuves sportives"
    )
