"""Saving sets: validate, write atomically, never overwrite; concurrent savers both keep their work."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

import brainflops as bf
from brainflops.cli import main
from brainflops.saving import save, saved_versions

from .conftest import VALID_SET


def test_save_writes_id_at_version(tmp_path: Path):
    result = save(VALID_SET, tmp_path)
    assert result.path == tmp_path / "test-set@1.0.0.toml"
    assert result.ref == "test-set@1.0.0" and not result.bumped
    assert result.path.read_text(encoding="utf-8") == VALID_SET  # written verbatim
    assert [p.name for p in tmp_path.iterdir()] == ["test-set@1.0.0.toml"]  # no temporary file left


def test_second_save_gets_next_patch_version_and_keeps_the_first(tmp_path: Path):
    first = save(VALID_SET, tmp_path)
    other = VALID_SET.replace('title = "A test set"', 'title = "Another take"')
    second = save(other, tmp_path)
    third = save(other, tmp_path)
    assert first.path.read_text(encoding="utf-8") == VALID_SET
    assert (second.ref, third.ref) == ("test-set@1.0.1", "test-set@1.0.2")
    assert second.bumped and second.requested == "test-set@1.0.0"
    loaded = bf.load(second.path)
    assert loaded.version == "1.0.1" and loaded.title == "Another take"
    assert loaded.changelog[0].startswith("1.0.1: saved as 1.0.1 because test-set@1.0.0 already existed")
    assert saved_versions(tmp_path, "test-set") == ["1.0.0", "1.0.1", "1.0.2"]


def test_refuse_policy_names_the_existing_file(tmp_path: Path):
    save(VALID_SET, tmp_path)
    with pytest.raises(bf.AssumptionError, match=r"test-set@1\.0\.0 already exists as .*never overwritten"):
        save(VALID_SET, tmp_path, if_exists="refuse")
    assert saved_versions(tmp_path, "test-set") == ["1.0.0"]


def test_invalid_text_writes_nothing(tmp_path: Path):
    with pytest.raises(bf.UnitMismatchError):
        save(VALID_SET.replace('"10 Hz"', '"10 neuron"'), tmp_path, name="mine.toml")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_project_error(tmp_path: Path):
    with pytest.raises(bf.BrainflopsError, match="no such folder"):
        save(VALID_SET, tmp_path / "nope")


def test_save_a_loaded_set(tmp_path: Path, write_set):
    s = bf.load(write_set())
    out = tmp_path / "out"
    out.mkdir()
    assert save(s, out).path.read_text(encoding="utf-8") == VALID_SET


def test_cli_save(tmp_path: Path, write_set, capsys: pytest.CaptureFixture[str]):
    src, out = write_set(), tmp_path / "out"
    out.mkdir()
    assert main(["save", str(src), "--to", str(out)]) == 0
    assert main(["save", str(src), "--to", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"saved test-set@1.0.1 to {out / 'test-set@1.0.1.toml'} (test-set@1.0.0 already existed there)"
    assert main(["save", str(src), "--to", str(out), "--refuse-existing"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"brainflops: error: {src}: test-set@1.0.0 already exists as") and err.count("\n") == 1


def test_cli_save_bad_input_exit_2(tmp_path: Path, write_set, capsys: pytest.CaptureFixture[str]):
    bad = write_set(VALID_SET.replace('"10 Hz"', "nan"), name="bad.toml")
    assert main(["save", str(bad), "--to", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"brainflops: error: {bad}: parameter 'firing_rate': expected a finite number, found 'nan'\n"
    assert main(["save", str(tmp_path / "missing.toml"), "--to", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"brainflops: error: {tmp_path / 'missing.toml'}: no such file\n"


def _save_after_barrier(barrier, text: str, folder: str, queue) -> None:
    barrier.wait()
    try:
        queue.put(("ok", str(save(text, folder).path)))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def test_concurrent_processes_both_keep_their_work(tmp_path: Path):
    """Real processes, released together by a barrier, save the same id@version with different content."""
    workers = 3
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(workers), ctx.Queue()
    texts = [VALID_SET.replace('title = "A test set"', f'title = "Saver {i}"') for i in range(workers)]
    procs = [ctx.Process(target=_save_after_barrier, args=(barrier, t, str(tmp_path), queue)) for t in texts]
    for p in procs:
        p.start()
    results = [queue.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert all(kind == "ok" for kind, _ in results), results
    paths = sorted(path for _, path in results)
    assert len(set(paths)) == workers
    assert saved_versions(tmp_path, "test-set") == [f"1.0.{i}" for i in range(workers)]
    titles = sorted(bf.load(p).title for p in paths)
    assert titles == [f"Saver {i}" for i in range(workers)]
    assert not [p for p in tmp_path.iterdir() if p.suffix != ".toml"]  # no temporary files left


def test_concurrent_cli_processes_both_keep_their_work(tmp_path: Path, write_set):
    """Two `brainflops save` processes on the same file at once: two distinct, loadable files."""
    a = write_set(VALID_SET.replace('title = "A test set"', 'title = "From A"'), name="a.toml")
    b = write_set(VALID_SET.replace('title = "A test set"', 'title = "From B"'), name="b.toml")
    out = tmp_path / "out"
    out.mkdir()
    cmd = [sys.executable, "-m", "brainflops.cli", "save"]
    procs = [subprocess.Popen([*cmd, str(f), "--to", str(out)], stderr=subprocess.PIPE, text=True) for f in (a, b)]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    saved = sorted(out.glob("*.toml"))
    assert [p.name for p in saved] == ["test-set@1.0.0.toml", "test-set@1.0.1.toml"]
    assert sorted(bf.load(p).title for p in saved) == ["From A", "From B"]


def test_a_name_taken_between_write_and_claim_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Another process wins the name after our temporary file is written: we move on, it keeps its file."""
    import os

    real_link = os.link
    calls = []

    def racing_link(src, dst, *args, **kwargs):
        if not calls:
            Path(dst).write_text("the other process's work", encoding="utf-8")
        calls.append(dst)
        return real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr("brainflops.saving.os.link", racing_link)
    result = save(VALID_SET, tmp_path)
    assert (tmp_path / "test-set@1.0.0.toml").read_text(encoding="utf-8") == "the other process's work"
    assert result.ref == "test-set@1.0.1" and bf.load(result.path).version == "1.0.1"


def test_file_systems_without_hard_links_still_never_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import errno

    def no_links(src, dst, *args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("brainflops.saving.os.link", no_links)
    first, second = save(VALID_SET, tmp_path), save(VALID_SET, tmp_path)
    assert (first.ref, second.ref) == ("test-set@1.0.0", "test-set@1.0.1")
    assert first.path.read_text(encoding="utf-8") == VALID_SET
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test-set@1.0.0.toml", "test-set@1.0.1.toml"]
