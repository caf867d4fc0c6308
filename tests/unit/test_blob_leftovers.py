"""A blob copy refused by the disk: its uncommitted source and its partial
target are found in the error's traceback and removed; a committed source
(a restore) is never removed."""

import errno
import os
import pytest
from sirhp.policy.hardening import blob_leftovers
from ZODB import blob
from ZODB import utils


@pytest.fixture
def full_disk(monkeypatch):
    """Renames cross a disk; a copy writes a little, then the disk is full."""

    def cross_device(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    def partial_copy(source, target, *args):
        target.write(source.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "rename", cross_device)
    monkeypatch.setattr(utils, "cp", partial_copy)


def failed_copy(source, target):
    with pytest.raises(OSError) as info:
        blob.rename_or_copy_blob(str(source), str(target))
    return info.value


def test_uncommitted_source_and_partial_target_removed(tmp_path, full_disk):
    source = tmp_path / "BUCx1y2z3"
    source.write_bytes(b"%PDF-1.4 a scanned page")
    target = tmp_path / "blobs" / "0x01.blob"
    target.parent.mkdir()
    error = failed_copy(source, target)
    assert source.exists() and target.exists()  # what ZODB leaves
    assert blob_leftovers.leftovers(error) == [str(source), str(target)]
    assert blob_leftovers.remove_leftovers(error) == [str(source), str(target)]
    assert not source.exists() and not target.exists()


def test_committed_source_kept(tmp_path, full_disk):
    source = tmp_path / "0x01" / "0x03.blob"  # another storage's blob
    source.parent.mkdir()
    source.write_bytes(b"committed")
    target = tmp_path / "0x05.blob"
    error = failed_copy(source, target)
    assert blob_leftovers.remove_leftovers(error) == [str(target)]
    assert source.read_bytes() == b"committed"


def test_other_errors_leave_nothing_to_remove():
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError as error:
        assert blob_leftovers.leftovers(error) == []
