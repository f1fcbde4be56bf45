"""The documentation, followed literally: every file the docs give is written out and run as a newcomer would,
the command-line reference is the CLI's own help, and every relative link resolves."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import brainflops as bf
from brainflops.methods import METHODS, register_method
from tests.conftest import REPO

DOCS = REPO / "docs"
sys.path.insert(0, str(DOCS))
import generate_cli_reference  # noqa: E402

FILE_BLOCK = re.compile(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```", re.DOTALL)


def write_files(page: str, folder: Path) -> list[str]:
    """Write every ``<!-- file: NAME -->`` block of ``docs/<page>`` into ``folder``, as a reader would save it."""
    names = []
    for name, body in FILE_BLOCK.findall((DOCS / page).read_text(encoding="utf-8")):
        (folder / name).write_text(body, encoding="utf-8")
        names.append(name)
    return names


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": ""}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_cli_reference_is_generated_from_the_cli():
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == generate_cli_reference.reference(), "run: python docs/generate_cli_reference.py"


def test_cli_reference_covers_every_command():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in generate_cli_reference._subcommands(__import__("brainflops.cli").cli.build_parser()):
        assert f"## brainflops {command}\n" in text


def test_the_annotated_example_loads_and_reproduces_kurzweil(tmp_path):
    (name,) = write_files("assumption-files.md", tmp_path)
    s = bf.load(tmp_path / name)
    assert s.ref == "kurzweil-1999-annotated@1.0.0"
    assert bf.estimate(s).flops == pytest.approx(2e16)
    assert bf.estimate(s).flops == pytest.approx(bf.estimate("kurzweil-1999").flops)


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory):
    """An empty folder with the files of docs/adding-a-method.md saved in it."""
    folder = tmp_path_factory.mktemp("newcomer")
    names = write_files("adding-a-method.md", folder)
    assert names == ["my_methods.py", "kurzweil-1999-per-neuron@1.0.0.toml", "use_my_method.py", "test_my_methods.py"]
    return folder


class TestAddingAMethodAsWritten:
    """docs/adding-a-method.md, step by step, in an empty folder."""

    @pytest.fixture
    def folder(self, newcomer):
        return newcomer

    def test_use(self, folder):
        out = run([sys.executable, "use_my_method.py"], folder)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("kurzweil-1999-per-neuron@1.0.0 (per_neuron): 2e16 FLOP/s")
        assert "1.4×10¹⁷ FLOP/s" in out.stdout  # 7000 synapses per neuron: 7 × 2e16
        assert "median 1.81e16" in out.stdout  # the page explains why the median is below 2e16

    def test_its_tests_pass(self, folder):
        out = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_my_methods.py"], folder)
        assert out.returncode == 0, out.stdout + out.stderr
        assert "4 passed" in out.stdout

    def test_the_command_line_refuses_an_unshipped_method_as_the_page_says(self, folder):
        out = run([sys.executable, "-m", "brainflops.cli", "estimate", "kurzweil-1999-per-neuron@1.0.0.toml"], folder)
        assert out.returncode == 2
        assert "unknown method 'per_neuron'" in out.stderr


def test_adding_a_scenario_as_written(tmp_path):
    assert write_files("adding-data.md", tmp_path) == ["hpcg-2015-slow@1.0.0.toml", "use_my_scenario.py"]
    out = run([sys.executable, "use_my_scenario.py"], tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("HPCG #1 from 2015, doubling every 2.5 years")
    assert (tmp_path / "hpcg-2015-slow.png").stat().st_size > 10_000
    cli = run(
        [
            sys.executable,
            "-m",
            "brainflops.cli",
            "timeline",
            "dettmers-2015",
            "--scenario",
            "hpcg-2015-slow@1.0.0.toml",
        ],
        tmp_path,
    )
    assert cli.returncode == 0 and "2067" in cli.stdout, cli.stderr


class TestRegisterMethod:
    def test_a_name_that_is_taken_is_refused(self):
        with pytest.raises(bf.AssumptionError, match="already registered"):
            register_method(bf.Method("synaptic", "t", METHODS["teps"].parameters, METHODS["teps"].terms, ""))

    def test_registering_the_same_method_again_is_harmless(self):
        assert register_method(METHODS["synaptic"]) is METHODS["synaptic"]

    def test_only_methods(self):
        with pytest.raises(bf.AssumptionError, match="takes a Method"):
            register_method("synaptic")  # type: ignore[arg-type]


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", ["README.md", "assumptions/README.md", *[f"docs/{p.name}" for p in DOCS.glob("*.md")]])
def test_relative_links_resolve(page):
    path = REPO / page
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (path.parent / target).exists(), f"{page}: broken link {target}"


# --- the README, as printed -----------------------------------------------------------------------------

README = (REPO / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, list[str]]]:
    """(command, expected lines) for each ``$ brainflops ...`` in the README that shows its output."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        command, lines = None, []
        for line in [*block.splitlines(), "$ end"]:
            if line.startswith("$ "):
                if command and any(x.strip() for x in lines):
                    examples.append((command, [x for x in lines if x.strip()]))
                command, lines = line[2:].split("  #")[0].strip(), []
            else:
                lines.append(line)
    return examples


@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=[c for c, _ in console_examples()])
def test_readme_console_output_is_what_the_command_prints(command, expected):
    import shlex

    args = shlex.split(command)
    assert args[0] == "brainflops"
    out = run([sys.executable, "-m", "brainflops.cli", *args[1:]], REPO)
    printed = (out.stdout + out.stderr).rstrip("\n")
    pattern = "\n".join("(?:.*\n)*?.*" if line == "..." else re.escape(line) for line in expected)
    assert re.fullmatch(pattern, printed), f"README shows:\n{chr(10).join(expected)}\n\nthe command prints:\n{printed}"


def test_readme_notebook_example_runs_as_shown():
    import doctest

    (block,) = [b for b in re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL) if ">>>" in b]
    test = doctest.DocTestParser().get_doctest(block, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
