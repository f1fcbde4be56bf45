"""Reports: the data gathered, self-contained reproducible HTML, the PDF's text, atomic writing, the CLI."""

from __future__ import annotations

import html.parser
import re
import unicodedata

import pytest

import brainflops as bf
from brainflops.assumptions import parse_set, presets
from brainflops.cli import main
from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.report import build, generation_date, pdf_available, render_html, render_pdf, report
from brainflops.report.figures import figure_svg, formula_svg
from tests.conftest import REPO, VALID_SET

#: The committed example reports (reports/dettmers-2015.*) were generated with this set, date, n and seed.
EXAMPLE_SET = "dettmers-2015@1.1.0"
EXAMPLE_DATE = "2026-11-24"

#: An "uploaded" set: parsed from text, with one uncertain parameter (an exact lognormal) and markup in its
#: citation, which the HTML must escape.
UPLOADED = VALID_SET.replace(
    'value = "10 Hz"', 'value = "10 Hz"\nuncertainty = { kind = "lognormal", p5 = "2 Hz", p95 = "40 Hz" }'
).replace("Foresight Update 6.", "Foresight Update 6 <i>& friends</i>.")

FAST = {"n": 20_000, "sobol_samples": 2**8, "generated": "2024-05-06"}


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def uploaded():
    return parse_set(UPLOADED, "upload.toml")


@pytest.fixture(scope="module")
def dettmers_data():
    return build(EXAMPLE_SET, **FAST)


@pytest.fixture(scope="module")
def dettmers_html(dettmers_data):
    return render_html(dettmers_data)


@pytest.fixture(scope="module")
def uploaded_html(uploaded):
    return render_html(build(uploaded, **FAST))


def needs_pdf():
    reason = pdf_available()
    if reason is not None:
        pytest.skip(f"PDF tests need WeasyPrint and its system libraries: {reason}")
    pytest.importorskip("pypdf", reason="reading the PDF's text needs pypdf (the 'test' extra)")


def pdf_text(blob: bytes) -> str:
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(blob))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Text without whitespace and with ligatures unfolded: line breaks in a PDF fall anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class _Loads(html.parser.HTMLParser):
    """Collects what a browser would fetch (src, link href, CSS @import and url()) and every <a href>."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.tags: set[str] = set()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        self._in_style = tag == "style"
        for name in ("src", "srcset", "data", "poster", "background"):
            if attrs.get(name):
                self.loads.append(f"{tag} {name}={attrs[name]}")
        for name, value in attrs.items():  # href and xlink:href outside <a> load or embed what they name
            if tag != "a" and name.endswith("href") and value:
                self.loads.append(f"{tag} {name}={value}")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style"):
            self._css(attrs["style"])

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data)

    def _css(self, css: str):
        self.loads += [f"@import {m}" for m in re.findall(r"@import\s+[^;]+", css)]
        self.loads += [f"url({m})" for m in re.findall(r"url\(\s*['\"]?([^)'\"]+)", css) if not m.startswith("#")]


def parse(text: str) -> _Loads:
    parser = _Loads()
    parser.feed(text)
    parser.close()
    return parser


class TestBuild:
    def test_dettmers_estimate_interval_and_rows(self, dettmers_data):
        d = dettmers_data
        assert d.estimate.flops == pytest.approx(1.075e21)
        assert (d.distribution.how, d.distribution.exact_by) == ("exact", "quadrature")  # a sum of two products
        assert d.distribution.p5 < d.estimate.flops < d.distribution.p95
        assert d.interval_basis == "exact: quadrature over the lognormal terms, no sampling"
        assert [r.name for r in d.parameters] == list(d.assumption_set.parameters)
        assert set(d.figures) == {"formula", "distribution", "tornado", "sobol"}
        # without --scenario the timeline uses HPCG #1 fitted since 2014
        assert d.scenario.id == "hpcg-rank1-2014-latest"
        assert {d.ladder.anchor, d.timeline.anchor, d.deep_learning.anchor} == {
            "comparison",
            "timeline",
            "deep-learning",
        }

    def test_notebook_views(self, dettmers_data):
        frame = dettmers_data.to_frame()
        assert list(frame["name"]) == list(dettmers_data.assumption_set.parameters)
        assert {"value", "unit", "uncertainty", "interval", "citation", "url"} <= set(frame.columns)
        assert "1.075e21 FLOP/s" in dettmers_data._repr_html_()

    def test_uploaded_set_with_an_exact_distribution(self, uploaded):
        d = build(uploaded, **FAST)
        assert d.distribution.how == "exact" and d.interval_basis.startswith("exact")
        rows = {r.name: r for r in d.parameters}
        assert rows["firing_rate"].interval == "2 – 40" and rows["synapses"].uncertainty == "point value"
        assert d.command == "brainflops report FILE.toml --n 20000 --seed 0 --sobol-samples 256"

    def test_a_set_without_uncertainty_reports_a_point_value(self):
        data = build(parse_set(VALID_SET), **FAST)
        assert data.distribution.how == "point" and "sobol" not in data.figures
        text = render_html(data)
        # formula, ladder, timeline, GPUs per brain: no distribution, tornado or Sobol figure
        assert "a point value: no parameter of this set is uncertain" in text and text.count("<svg") == 4
        assert "there is no distribution to show" in text and "there is nothing to rank" in text

    def test_unknown_scenario_is_a_clear_error(self):
        with pytest.raises(BrainflopsError, match="no scenario 'top500-rank1'"):
            build("merkle-1989", scenario="top500-rank1", **FAST)

    def test_timeline_ladder_and_deep_learning_sections(self):
        data = build("merkle-1989@1.1.0", scenario="dettmers-2015-lower", **FAST)
        assert data.scenario.id == "dettmers-2015-lower"
        assert "Dettmers" in data.scenario.source and len(data.scenario.hash) == 64
        assert data.timeline.figure_svg.startswith("<svg") and data.ladder.figure_svg.startswith("<svg")
        assert data.ladder.table[0][0] == "set" and len(data.ladder.table) == 1 + len(presets())
        assert data.deep_learning.table[0] == ("accelerator", "year", "devices", "cost [USD]", "power [W]")
        assert any("merkle-1989@1.1.0" in p for p in data.timeline.paragraphs)


class TestGenerationDate:
    def test_source_date_epoch_wins_then_the_argument_then_today(self, monkeypatch):
        import datetime as dt

        assert generation_date("2020-02-03") == "2020-02-03"
        assert generation_date(dt.date(2021, 1, 2)) == "2021-01-02"
        assert generation_date() == dt.datetime.now(tz=dt.UTC).date().isoformat()
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
        assert generation_date("2020-02-03") == "1970-01-01"

    @pytest.mark.parametrize(("epoch", "generated"), [("yesterday", None), (None, "3 May")])
    def test_bad_dates(self, monkeypatch, epoch, generated):
        if epoch is not None:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        with pytest.raises(BrainflopsError, match=r"SOURCE_DATE_EPOCH|YYYY-MM-DD"):
            generation_date(generated)


class TestFigures:
    def test_the_dettmers_formula_renders_with_mathtext(self):
        svg = formula_svg(bf.estimate("dettmers-2015").latex, "f")
        assert svg is not None and svg.startswith("<svg") and "<path" in svg
        assert "<?xml" not in svg and "DOCTYPE" not in svg and "<metadata" not in svg

    def test_unsupported_latex_falls_back(self):
        assert formula_svg(r"\begin{matrix} a \end{matrix}", "f") is None

    def test_svg_is_byte_reproducible_and_ids_are_prefixed(self):
        from brainflops.plots._style import new_figure

        def draw():
            fig, ax = new_figure()
            ax.plot([1, 2, 3], [1, 4, 9])
            ax.set_title("squares")
            return figure_svg(fig, "pre")

        first, second = draw(), draw()
        assert first == second
        ids = re.findall(r'\bid="([^"]+)"', first)
        assert ids and all(i.startswith("pre-") for i in ids)
        assert 'width="' not in first.split(">", 1)[0]  # sized by the stylesheet


class TestHTML:
    def test_parses_and_loads_nothing_from_outside(self, dettmers_html, uploaded_html):
        for text in (dettmers_html, uploaded_html):
            page = parse(text)
            assert "script" not in page.tags
            assert [x for x in page.loads if not x.split("=", 1)[-1].startswith("#")] == []
            outside = set(re.findall(r"https?://[^\s\"'<>)]+", text))
            # Every http(s) address in the document is a citation link (or an SVG/XML namespace name).
            namespaces = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
            assert outside - namespaces <= set(page.links)
            assert page.links  # the citations link to their sources

    def test_contents(self, dettmers_data, dettmers_html):
        s = dettmers_data.assumption_set
        text = dettmers_html
        assert "1.075e21 FLOP/s" in text and s.hash in text and "90% interval" in text
        for p in s.parameters.values():
            assert p.source.citation in text and p.where.replace("'", "&#39;") in text
        anchors = ("answer", "formula", "parameters", "distribution", "sensitivity", "comparison", "timeline",
                   "deep-learning", "reproduce")  # fmt: skip
        for anchor in anchors:
            assert f'id="{anchor}"' in text and f'href="#{anchor}"' in text
        assert text.count("<svg") == 7  # formula, distribution, tornado, Sobol, ladder, timeline, GPUs per brain
        assert "Generated</dt><dd>2024-05-06" in text and "seed 0" in text
        assert "<code>brainflops report dettmers-2015@1.1.0 --n 20000 --seed 0 --sobol-samples 256</code>" in text
        ids = re.findall(r'\bid="([^"]+)"', text)
        assert len(ids) == len(set(ids))

    def test_uploaded_text_is_escaped(self, uploaded_html):
        assert "<i>& friends</i>" not in uploaded_html
        assert "&lt;i&gt;&amp; friends&lt;/i&gt;" in uploaded_html

    def test_same_inputs_same_bytes(self, dettmers_html):
        assert render_html(build(EXAMPLE_SET, **FAST)) == dettmers_html

    def test_extra_sections_render_only_when_given(self, dettmers_data):
        from dataclasses import replace

        from brainflops.report import Section

        ladder = Section("Comparison ladder", "ladder", ("Brains & GPUs",), table=(("what", "FLOP/s"), ("a", "1")))
        text = render_html(replace(dettmers_data, ladder=ladder))
        assert '<section id="ladder">' in text and 'href="#ladder"' in text and "Brains &amp; GPUs" in text
        assert 'id="ladder"' not in render_html(replace(dettmers_data, ladder=None))
        bare = render_html(replace(dettmers_data, ladder=None, timeline=None, deep_learning=None, scenario=None))
        assert 'id="comparison"' not in bare and 'id="timeline"' not in bare and 'id="deep-learning"' not in bare

    def test_committed_example_regenerates_identically(self):
        committed = REPO / "reports" / "dettmers-2015.html"
        text = committed.read_text(encoding="utf-8")
        data = build(EXAMPLE_SET, generated=EXAMPLE_DATE)
        recorded = re.search(r'<meta name="brainflops-versions" content="([^"]*)">', text).group(1)
        current = " ".join(f"{k}={v}" for k, v in data.library_versions.items())
        if recorded != current:
            pytest.skip(f"the example was made with {recorded}; this environment has {current}")
        assert render_html(data) == text


@pytest.fixture(scope="module")
def dettmers_pdf(dettmers_html):
    needs_pdf()
    return render_pdf(dettmers_html)


class TestPDF:
    def test_text_holds_the_estimate_the_hash_and_every_citation(self, dettmers_pdf, dettmers_data):
        text = squash(pdf_text(dettmers_pdf))
        s = dettmers_data.assumption_set
        assert squash("1.075e21 FLOP/s") in text and s.hash in text
        for p in s.parameters.values():
            assert squash(p.source.citation) in text, p.name

    def test_a4_with_page_numbers_and_contents(self, dettmers_pdf):
        import io

        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(dettmers_pdf))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
        pages = len(reader.pages)
        assert pages > 1 and f"page 1 of {pages}" in reader.pages[0].extract_text()
        assert re.search(r"Parameters and sources\s*\.*\s*\d", reader.pages[0].extract_text())

    def test_uploaded_set(self, uploaded_html, uploaded):
        needs_pdf()
        text = squash(pdf_text(render_pdf(uploaded_html)))
        assert squash(uploaded.parameters["synapses"].source.citation) in text and uploaded.hash in text


class TestWithoutWeasyPrint:
    """Where WeasyPrint or its system libraries are missing, PDFs fail with the reason and HTML still works."""

    @pytest.fixture
    def broken_weasyprint(self, monkeypatch):
        import builtins

        real_import = builtins.__import__

        def fake_import(name, *args, **kwargs):
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", fake_import)

    def test_the_reason_is_given(self, broken_weasyprint, uploaded, tmp_path):
        reason = pdf_available()
        assert reason.startswith("WeasyPrint cannot load its system libraries (Pango, fontconfig)")
        assert "libpango-1.0-0" in reason
        with pytest.raises(BrainflopsError, match="cannot write a PDF: WeasyPrint cannot load"):
            report(uploaded, tmp_path, **FAST)
        assert list(tmp_path.iterdir()) == []
        assert [p.name for p in report(uploaded, tmp_path, formats="html", **FAST)] == ["test-set.html"]


class TestWrite:
    def test_uploaded_set_to_a_folder(self, uploaded, tmp_path):
        needs_pdf()
        written = report(uploaded, tmp_path, **FAST)
        assert written == [tmp_path / "test-set.html", tmp_path / "test-set.pdf"]
        assert written[1].read_bytes().startswith(b"%PDF")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["test-set.html", "test-set.pdf"]

    def test_to_a_file_name(self, uploaded, tmp_path):
        written = report(uploaded, tmp_path / "mine.html", formats="html", **FAST)
        assert written == [tmp_path / "mine.html"] and "<!DOCTYPE html>" in written[0].read_text()

    def test_unknown_format(self, uploaded, tmp_path):
        with pytest.raises(BrainflopsError, match="unknown report format 'docx'; choose from html, pdf"):
            report(uploaded, tmp_path, formats=("html", "docx"), **FAST)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("kind", ["missing", "a file"])
    def test_unwritable_folder(self, uploaded, tmp_path, kind):
        import os

        blocker = tmp_path / "blocker"
        if kind == "a file":
            blocker.write_text("not a folder")
        with pytest.raises(BrainflopsError, match="cannot write the report: the output folder"):
            target = blocker / "out" if kind == "a file" else f"{blocker}{os.sep}"  # a trailing separator: a folder
            report(uploaded, target, formats="html", **FAST)
        assert [p.name for p in tmp_path.iterdir()] == (["blocker"] if kind == "a file" else [])

    def test_read_only_folder(self, uploaded, tmp_path):
        import os

        folder = tmp_path / "ro"
        folder.mkdir(mode=0o500)
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(BrainflopsError, match="not writable"):
            report(uploaded, folder, formats="html", **FAST)
        assert list(folder.iterdir()) == []

    def test_invalid_set(self, tmp_path):
        bad = tmp_path / "bad.toml"
        bad.write_text(VALID_SET.replace('value = "10 Hz"', 'value = "10 neuron"'))
        with pytest.raises(AssumptionError, match="parameter 'firing_rate'"):
            report(bad, tmp_path, formats="html", **FAST)
        assert [p.name for p in tmp_path.iterdir()] == ["bad.toml"]

    def test_failure_while_rendering_leaves_nothing(self, uploaded, tmp_path, monkeypatch):
        # `brainflops.report` the attribute is the function bf.report; the module is reached with from-import.
        from brainflops.report import render

        def broken(html: str) -> bytes:
            raise BrainflopsError("layout failed")

        monkeypatch.setattr(render, "render_pdf", broken)
        monkeypatch.setattr(render, "pdf_available", lambda: None)
        with pytest.raises(BrainflopsError, match="layout failed"):
            report(uploaded, tmp_path, **FAST)
        assert list(tmp_path.iterdir()) == []

    def test_failure_while_writing_removes_temporaries(self, uploaded, tmp_path, monkeypatch):
        import os

        def refuse(src, dst):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(BrainflopsError, match="No space left on device"):
            report(uploaded, tmp_path, formats="html", **FAST)
        assert list(tmp_path.iterdir()) == []


class TestCLI:
    def run(self, capsys, *argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    def test_writes_and_prints_the_paths(self, capsys, tmp_path, write_set):
        path = write_set(UPLOADED, folder=tmp_path / "in")
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        code, out, _ = self.run(capsys, "report", str(path), "--format", "html", "--out", str(out_dir), "--n", "1000")
        assert code == 0 and out.strip() == str(out_dir / "test-set.html")
        assert "test-set@1.0.0" in (out_dir / "test-set.html").read_text()

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["merkle-1989", "--format", "html,docx"], "unknown report format 'docx'"),
            (["merkle-1989", "--out", "{tmp}/missing"], "the output folder does not exist"),
            (["{tmp}/bad.toml"], "parameter 'firing_rate'"),
            (["merkle-1989", "--scenario", "top500-rank1"], "no scenario 'top500-rank1'"),
        ],
    )
    def test_bad_input_is_one_line_and_exit_2(self, capsys, tmp_path, argv, message):
        (tmp_path / "bad.toml").write_text(VALID_SET.replace('value = "10 Hz"', 'value = "10 neuron"'))
        argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
        if "--out" not in argv:
            argv += ["--out", str(tmp_path)]
        code, out, err = self.run(capsys, "report", *argv)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_public_names():
    assert {"report", "ReportData"} <= set(bf.__all__)
    assert bf.report is report and bf.ReportData is build.__globals__["ReportData"]
