"""benchmarks/demostorage_conf.py: the configurations a benchmark that
commits runs on, the site left unchanged (a DemoStorage over it, or a copy
of its database)."""

import os
from tests.scripts import load_script

CONF = """%define INSTANCE {var}
%define VAR {var}
<environment>
  SIRHP_AUDIT_DB $VAR/audit/journal.sqlite
</environment>
<zodb_db main>
  <blobstorage>
    blob-dir $VAR/blobstorage
    <filestorage>
      path $VAR/filestorage/Data.fs
    </filestorage>
  </blobstorage>
  mount-point /
</zodb_db>
"""


def module():
    return load_script("benchmarks/demostorage_conf.py")


def site(tmp_path):
    var = tmp_path / "bench"
    (var / "filestorage").mkdir(parents=True)
    (var / "filestorage" / "Data.fs").write_bytes(b"FS21 site")
    (var / "filestorage" / "Data.fs.index").write_bytes(b"index")
    (var / "blobstorage" / "0x01").mkdir(parents=True)
    (var / "blobstorage" / "0x01" / "a.blob").write_bytes(b"scan")
    conf = var / "zope.conf"
    conf.write_text(CONF.format(var=var))
    return var, conf


def test_demostorage_over_the_site_read_only(tmp_path, capsys):
    var, conf = site(tmp_path)
    module().main([str(conf)])
    out = capsys.readouterr().out
    assert "<demostorage>" in out
    assert f"path {var}/filestorage/Data.fs\n        read-only true" in out
    assert "SIRHP_AUDIT_DB /tmp/sirhp-bench-journal.sqlite" in out


def test_copy_is_a_filestorage_on_a_fresh_copy(tmp_path, capsys):
    var, conf = site(tmp_path)
    copy = tmp_path / "copy"
    (copy / "filestorage").mkdir(parents=True)
    (copy / "filestorage" / "Data.fs").write_bytes(b"changed by the last run")
    module().main(["--copy", str(copy), str(conf)])
    out = capsys.readouterr().out
    assert "<demostorage>" not in out
    assert f"path {copy}/filestorage/Data.fs" in out
    assert f"blob-dir {copy}/blobstorage" in out
    assert "SIRHP_AUDIT_DB /tmp/sirhp-bench-journal.sqlite" in out
    # the last run's changes are gone: the site's bytes again
    assert (copy / "filestorage" / "Data.fs").read_bytes() == b"FS21 site"
    assert (copy / "filestorage" / "Data.fs.index").read_bytes() == b"index"
    # blobs hard-linked, not copied; the site's own file untouched
    original = var / "blobstorage" / "0x01" / "a.blob"
    linked = copy / "blobstorage" / "0x01" / "a.blob"
    assert os.stat(linked).st_ino == os.stat(original).st_ino
    assert (var / "filestorage" / "Data.fs").read_bytes() == b"FS21 site"
