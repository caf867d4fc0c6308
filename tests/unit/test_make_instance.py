"""scripts/make_instance.py: the Zope client listens on loopback unless told."""

from io import StringIO
import pytest
from tests.scripts import load_script
import ZConfig
import ZODB.config


def _module():
    return load_script("scripts/make_instance.py")


def test_loopback_by_default_and_host_option(tmp_path):
    make_instance = _module()
    etc = make_instance.make("local", port=9790, base=tmp_path)
    assert "host = 127.0.0.1\n" in (etc / "zope.ini").read_text()
    etc = make_instance.make("lan", port=9791, host="0.0.0.0", base=tmp_path)
    assert "host = 0.0.0.0\n" in (etc / "zope.ini").read_text()


def test_two_request_threads_unless_told(tmp_path):
    """Two threads per process (fewer write conflicts between clients than
    waitress' four); --threads sets another count, never fewer than one."""
    make_instance = _module()
    ini = (make_instance.make("two", port=9792, base=tmp_path) / "zope.ini").read_text()
    assert "\nthreads = 2\n" in ini
    assert "{threads}" not in ini
    etc = make_instance.make("one", port=9793, base=tmp_path, threads=1)
    assert "\nthreads = 1\n" in (etc / "zope.ini").read_text()
    with pytest.raises(ValueError):
        make_instance.make("none", port=9794, base=tmp_path, threads=0)


def test_relstorage_history_free_blobs_in_database(tmp_path):
    """--relstorage: the storage section parses (the DSN read back unchanged),
    the file is readable by its owner only (the DSN holds the password)."""
    make_instance = _module()
    dsn = "dbname=sirhp user=sirhp password=pa$$word host=127.0.0.1 port=10399"
    etc = make_instance.make("rel", port=10398, base=tmp_path, relstorage=dsn)
    conf = (etc / "zope.conf").read_text()
    assert "%import relstorage" in conf
    assert "keep-history false" in conf
    assert "shared-blob-dir false" in conf
    assert "password=pa$$$$word" in conf  # ZConfig reads $$ as one $
    assert (etc / "zope.conf").stat().st_mode & 0o077 == 0
    assert "<filestorage>" not in conf
    assert "host = 127.0.0.1\n" in (etc / "zope.ini").read_text()
    # ZODB's own schema (Zope's names the section zodb_db, with a mount-point)
    section = (
        conf[conf.index("%import relstorage") :]
        .replace("<zodb_db main>", "<zodb main>")
        .replace("</zodb_db>", "</zodb>")
        .replace("  mount-point /\n", "")
    )
    config, _ = ZConfig.loadConfigFile(
        ZODB.config.getDbSchema(), StringIO(f"%define VAR {tmp_path}\n{section}")
    )
    storage = config.database[0].config.storage.config
    assert storage.adapter.config.dsn == dsn
    assert storage.keep_history is False
    assert storage.shared_blob_dir is False


def test_zeo_and_relstorage_exclude_each_other(tmp_path):
    with pytest.raises(ValueError):
        _module().make(
            "both", base=tmp_path, zeo="127.0.0.1:8100", relstorage="dbname=x"
        )


def test_relstorage_clients_share_the_postgresql_journal(tmp_path):
    """--relstorage sets SIRHP_AUDIT_DSN (the same database, or --audit-dsn):
    Zope's own schema reads it back whole (spaces and $ included); a
    FileStorage instance keeps its SQLite file."""
    make_instance = _module()
    dsn = "dbname=sirhp user=sirhp password=pa$$word host=127.0.0.1 port=10399"
    etc = make_instance.make("rel", port=10398, base=tmp_path, relstorage=dsn)
    conf = (etc / "zope.conf").read_text()
    # the <environment> section as Zope's schema declares it
    schema = ZConfig.loadSchemaFile(
        StringIO(
            '<schema><sectiontype name="environment" keytype="identifier">'
            '<key name="+" attribute="environ"/></sectiontype>'
            '<section type="environment" name="*" attribute="environment"/>'
            "</schema>"
        )
    )
    block = conf[conf.index("<environment>") : conf.index("</environment>") + 14]
    defines = "".join(
        line + "\n" for line in conf.splitlines() if line.startswith("%define")
    )
    config, _ = ZConfig.loadConfigFile(schema, StringIO(defines + block))
    assert config.environment.environ["SIRHP_AUDIT_DSN"] == dsn
    other = "postgresql://journal@10.0.0.5/audit"
    etc = make_instance.make(
        "rel2", port=10397, base=tmp_path, relstorage=dsn, audit_dsn=other
    )
    assert f"SIRHP_AUDIT_DSN {other}\n" in (etc / "zope.conf").read_text()
    etc = make_instance.make("fs", port=10396, base=tmp_path)
    assert "SIRHP_AUDIT_DSN" not in (etc / "zope.conf").read_text()
