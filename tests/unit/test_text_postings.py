"""Two documents indexed at once that share a rare word: both commits go
through (``hardening.text_postings``); ZCTextIndex's own postings (a dict
per rare word, inside the word table's bucket) made the second one a write
conflict."""

from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.BaseIndex import BaseIndex
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
import pytest
from sirhp.policy.hardening import text_postings
import transaction
import ZODB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError


@pytest.fixture
def database(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    root = connection.root()
    root["index"] = OkapiIndex(Lexicon(Splitter(), CaseNormalizer()))
    root["index"].index_doc(1, "Traoré Bamako décision")
    manager.commit()
    connection.close()
    yield db
    db.close()


def index_at_once(db):
    """Documents 2 and 3, sharing "traoré" (a word of one document), indexed
    by two connections before either commits; then both commit."""
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=m) for m in managers]
    texts = {2: "Traoré Kayes mutation", 3: "Traoré Mopti avancement"}
    for (docid, text), connection in zip(texts.items(), connections, strict=True):
        connection.root()["index"].index_doc(docid, text)
    try:
        for manager in managers:
            manager.commit()
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()


def found(db, word):
    connection = db.open()
    try:
        index = connection.root()["index"]
        return sorted(index.search(word).keys())
    finally:
        connection.close()


def test_two_documents_sharing_a_rare_word_both_commit(database):
    index_at_once(database)
    assert found(database, "traoré") == [1, 2, 3]
    assert found(database, "kayes") == [2]
    assert found(database, "mopti") == [3]


@pytest.fixture
def zctextindex_alone(monkeypatch):
    """ZCTextIndex's own posting writers (before ``database`` indexes)."""
    for name, method in text_postings.ORIGINAL.items():
        monkeypatch.setattr(BaseIndex, name, method)


def test_zctextindex_alone_conflicts(zctextindex_alone, database):
    """What the replacement is for: the same two commits, ZCTextIndex's
    own writers."""
    with pytest.raises(ConflictError):
        index_at_once(database)


def test_postings_are_trees_and_dicts_are_converted(database):
    connection = database.open()
    index = connection.root()["index"]
    wid = index._lexicon.termToWordIds("bamako")[0]
    assert isinstance(index._wordinfo[wid], IIBTree)
    # a word indexed before, held as a dict: a tree once written
    index._wordinfo[wid] = {1: 7}
    index.index_doc(4, "Bamako")
    assert isinstance(index._wordinfo[wid], IIBTree)
    assert sorted(index._wordinfo[wid].keys()) == [1, 4]
    # unindexing keeps the word while a document holds it, drops it after
    index.unindex_doc(4)
    assert list(index._wordinfo[wid].keys()) == [1]
    words = index.length()
    index.unindex_doc(1)
    assert wid not in index._wordinfo
    assert index.length() == words - 3  # traoré, bamako, décision
    transaction.abort()
    connection.close()
