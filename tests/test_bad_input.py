"""The bad-input corpus: every file in ``tests/data/bad`` raises exactly the error ``expected.toml`` names.

Each case is loaded with :func:`brainflops.load` (and, for ``stage = "sample"``, sampled); only the project's
error types may escape, with the exact message. Text is never handed to sympy's parser on the way.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import brainflops as bf
from brainflops import assumptions, files
from brainflops.cli import main
from brainflops.uncertainty import sample

from .conftest import VALID_SET

BAD = Path(__file__).resolve().parent / "data" / "bad"
EXPECTED: dict[str, dict[str, str]] = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))


@pytest.fixture
def in_corpus(monkeypatch: pytest.MonkeyPatch):
    """Run from the corpus folder, with sympy's text parser booby-trapped."""
    import sympy.parsing.sympy_parser as sympy_parser

    def refuse(*args, **kwargs):
        raise AssertionError(f"file text reached sympy's parser: {args[:1]!r}")

    monkeypatch.setattr(sympy_parser, "parse_expr", refuse)
    monkeypatch.chdir(BAD)
    monkeypatch.delenv("BRAINFLOPS_PATH", raising=False)

    def prepare(case: str) -> None:
        if "/" in case:  # inheritance cases: the subfolder holds the parents
            monkeypatch.setenv("BRAINFLOPS_PATH", case.rsplit("/", 1)[0])

    return prepare


def _run(case: str) -> None:
    s = bf.load(case)
    if EXPECTED[case].get("stage") == "sample":
        sample(s, 1000, 0)


def test_corpus_is_large_and_every_file_has_an_expectation():
    top = {p.name for p in BAD.glob("*.toml")} - {"expected.toml"}
    folders = {p.name for p in BAD.iterdir() if p.is_dir()}
    assert top == {c for c in EXPECTED if "/" not in c}
    assert folders == {c.split("/")[0] for c in EXPECTED if "/" in c}
    assert len(EXPECTED) >= 40


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_file_raises_exact_error(case: str, in_corpus):
    in_corpus(case)
    expected = EXPECTED[case]
    with pytest.raises(bf.BrainflopsError) as info:
        _run(case)
    assert type(info.value).__name__ == expected["error"]
    assert str(info.value) == expected["message"]
    assert str(info.value).startswith(case + ": ") or case in str(info.value)


@pytest.mark.parametrize(
    "case",
    ["quantity-huge-integer.toml", "toml-deep-nesting.toml", "code-symbol-import.toml", "cycle-two/a.toml"],
)
def test_cli_validate_one_line_exit_2(case: str, in_corpus, capsys: pytest.CaptureFixture[str]):
    in_corpus(case)
    assert main(["validate", case]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"brainflops: error: {EXPECTED[case]['message']}\n"


def test_cli_validate_in_a_real_process_prints_no_traceback():
    case = "toml-deep-nesting.toml"
    result = subprocess.run(
        [sys.executable, "-m", "brainflops.cli", "validate", case],
        cwd=BAD,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"brainflops: error: {EXPECTED[case]['message']}\n"
    assert "Traceback" not in result.stderr


def test_oversize_file_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    big = VALID_SET + "#" * (assumptions.MAX_FILE_BYTES - len(VALID_SET.encode()) + 1) + "\n"
    (tmp_path / "big.toml").write_text(big, encoding="utf-8")
    size = len(big.encode())
    monkeypatch.chdir(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("an oversize file reached the TOML parser")

    monkeypatch.setattr(files.tomllib, "loads", refuse)  # the one place assumption files are parsed
    message = f"big.toml: file is {size:,} bytes; assumption files are limited to 1,000,000 bytes"
    with pytest.raises(bf.AssumptionError) as info:
        bf.load("big.toml")
    assert str(info.value) == message
    with pytest.raises(bf.AssumptionError) as info:
        assumptions.parse_set(big, "big.toml")
    assert str(info.value) == message


def test_a_file_of_exactly_the_limit_is_parsed(tmp_path: Path):
    text = VALID_SET + "#" * (assumptions.MAX_FILE_BYTES - len(VALID_SET.encode()) - 1) + "\n"
    assert len(text.encode()) == assumptions.MAX_FILE_BYTES
    assert bf.load(_write(tmp_path / "limit.toml", text)).id == "test-set"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_id_in_the_registry_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(BAD)
    monkeypatch.setenv("BRAINFLOPS_PATH", "duplicate-id")
    with pytest.raises(bf.AssumptionError, match=r"duplicate set dup-parent@1\.0\.0: also defined in"):
        bf.load("dup-parent")


def test_overflow_inside_a_power_is_an_error_not_an_overflowerror(tmp_path: Path):
    """Found by the fuzzer: Moravec's power law with exponent 39 overflowed Python's float ``**``."""
    text = (assumptions.brain_dirs()[0] / "moravec-1998@1.0.0.toml").read_text(encoding="utf-8")
    text = text.replace('exponent]\nvalue = "0.89"', "exponent]\nvalue = 39.0")
    path = _write(tmp_path / "moravec-39.toml", text)
    with pytest.raises(bf.AssumptionError) as info:
        bf.load(path)
    assert str(info.value) == (
        f"{path}: the point estimate overflows a 64-bit float (above 1.8e308 FLOP/s); "
        "check the parameters' magnitudes and units"
    )
