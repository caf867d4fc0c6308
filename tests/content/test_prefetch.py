"""``base.prefetch``: the files a bulk path visits asked from the storage
in three requests per batch (over ZEO or RelStorage), and nothing asked
from a storage that cannot prefetch (the tests' DemoStorage, a local
FileStorage). ``benchmarks/evaluations_parallel.py`` measures it over
ZEO (docs/benchmarks.md). The bulk paths asking: a campaign's opening, a
collective decision's filing and its batch transitions, a statute
mapping's reclassements."""

from plone import api
from plone.app.testing import login
from sirhp.content.base import prefetch
from sirhp.content.careers import collective
from sirhp.content.careers import collective_batch
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.evaluation import opening
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import defaults
from tests.careers.test_collective_act import _validated_files
from tests.careers.test_collective_act import DECISION
from tests.evaluation.campaigns import new_campaign
from tests.referentials.test_api import holders


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, *args):
        (objects,) = args
        self.calls.append([obj._p_oid for obj in objects])


def _parts(files):
    """The oids of the files' folder parts, in the order they are asked."""
    return [getattr(f, name)._p_oid for f in files for name in prefetch.FOLDER_PARTS]


def _files(portal, testdata):
    paths = [testdata.path_of(name) for name in ("pn_validated", "pn_validated2")]
    return paths, [portal.unrestrictedTraverse(path) for path in paths]


def test_files_then_their_parts_then_the_name_indexes(portal, testdata, monkeypatch):
    paths, files = _files(portal, testdata)
    asked = Recorder()
    monkeypatch.setattr(portal._p_jar, "prefetch", asked)
    prefetch.prefetch_files(portal, paths)
    assert asked.calls[0] == [f._p_oid for f in files]
    assert asked.calls[1] == _parts(files)
    assert asked.calls[2] == [
        index._p_oid for f in files for index in f._mt_index.values()
    ]
    assert asked.calls[2], "the files hold records: each has a name index"
    assert len(asked.calls) == 3


def test_what_is_not_a_child_of_a_btree_folder_is_left_out(
    portal, testdata, monkeypatch
):
    paths, files = _files(portal, testdata)
    asked = Recorder()
    monkeypatch.setattr(portal._p_jar, "prefetch", asked)
    site = "/".join(portal.getPhysicalPath())
    prefetch.prefetch_files(portal, [paths[0] + "-missing", paths[1]])
    assert asked.calls[0] == [files[1]._p_oid]
    asked.calls.clear()
    # the catalog is no BTree folder; a missing name; a folder gone since
    # the search: nothing to ask, nothing raised
    prefetch.prefetch_files(
        portal,
        [site + "/portal_catalog/x", paths[0] + "-x", site + "/no-such-agency/x"],
    )
    assert asked.calls == []


def test_a_storage_without_prefetch_is_not_asked(portal, testdata):
    paths, files = _files(portal, testdata)
    assert not hasattr(portal._p_jar.db().storage, "prefetch")
    prefetch.prefetch_files(portal, paths)  # the ZODB ignores the call
    assert [f.getId() for f in files] == [p.rpartition("/")[2] for p in paths]


def test_an_opening_asks_batch_by_batch(portal, testdata, monkeypatch):
    """The opening asks for its files ``BATCH`` at a time, each once, in
    the order it creates the evaluations; what it creates is unchanged."""
    campaign = new_campaign(portal)
    paths = evaluation_api.population_paths(campaign=campaign)
    assert len(paths) >= 2
    batches = []
    monkeypatch.setattr(opening, "BATCH", 1)
    monkeypatch.setattr(
        opening, "prefetch_files", lambda site, part: batches.append(list(part))
    )
    created = evaluation_api.open_campaign(campaign=campaign)
    assert batches == [[path] for path in paths]
    assert created == len(paths)
    name = evaluation_api.evaluation_id(campaign)
    found = api.content.find(portal_type="Evaluation", getId=name)
    assert len(found) == len(paths)


def test_a_collective_decision_asks_for_its_files_first(portal, monkeypatch):
    """The files of a decision are asked for in one request before any act
    is filed (then their folder parts); the acts are filed as before."""
    files = _validated_files(portal, 3)
    asked = Recorder()
    monkeypatch.setattr(portal._p_jar, "prefetch", asked)
    login(portal, "clerk.pn")
    result = collective.collective_act(
        agency=portal["police-nationale"],
        matricules=[f.matricule for f in files],
        **DECISION,
    )
    assert asked.calls[0] == [f._p_oid for f in files]
    assert asked.calls[1] == _parts(files)
    assert [act.aq_parent for act in result.acts] == files


def test_a_batch_transition_asks_for_the_files_then_the_acts(portal, monkeypatch):
    files = _validated_files(portal, 3)
    login(portal, "clerk.pn")
    result = collective.collective_act(
        agency=portal["police-nationale"],
        matricules=[f.matricule for f in files],
        **DECISION,
    )
    asked = Recorder()
    monkeypatch.setattr(portal._p_jar, "prefetch", asked)
    agency = portal["police-nationale"]
    assert collective_batch.submit_decision(agency=agency, decision=result.id) == 3
    by_path = sorted(files, key=lambda f: "/".join(f.getPhysicalPath()))
    assert asked.calls[0] == [f._p_oid for f in by_path]
    acts = [oid for call in asked.calls[1:] for oid in call]
    assert set(acts) >= {act._p_oid for act in result.acts}
    assert {api.content.get_state(act) for act in result.acts} == {"pending"}


def test_a_statute_mapping_asks_for_the_holders_first(portal, testdata, monkeypatch):
    """The validated files holding a mapped grade are asked for in one
    request before any reclassement is filed; one act per holder, as
    before."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    old = file.grade
    new = next(code for code in defaults.GRADES if code != old)
    login(portal, "hrmanager.pn")
    files = holders(old)
    asked = Recorder()
    monkeypatch.setattr(portal._p_jar, "prefetch", asked)
    count = referentials.apply_mapping(
        mapping={old: new}, effective="2027-01-01", reference="Décret 2027-1"
    )
    assert asked.calls[0] == [f._p_oid for f in files]
    assert count == len(files) >= 1
