"""Reports: one Jinja2 template renders a self-contained HTML file and, through WeasyPrint, an A4 PDF.

:func:`build` gathers the data (pure), :func:`render_html` and :func:`render_pdf` lay it out, and
:func:`report` writes the files atomically. jinja2, weasyprint and matplotlib are imported on first use.
"""

from __future__ import annotations

from brainflops.report.data import ParameterRow, ReportData, ScenarioInfo, Section, build, generation_date
from brainflops.report.render import pdf_available, render_html, render_pdf
from brainflops.report.write import FORMATS, report

__all__ = [
    "FORMATS",
    "ParameterRow",
    "ReportData",
    "ScenarioInfo",
    "Section",
    "build",
    "generation_date",
    "pdf_available",
    "render_html",
    "render_pdf",
    "report",
]
