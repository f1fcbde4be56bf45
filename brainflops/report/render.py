"""Lay a :class:`~brainflops.report.data.ReportData` out: HTML with Jinja2, PDF from that HTML with WeasyPrint."""

from __future__ import annotations

from brainflops.errors import BrainflopsError
from brainflops.report.data import ReportData

__all__ = ["TEMPLATE", "pdf_available", "render_html", "render_pdf"]

#: The one template both outputs come from (inside the package, so installed wheels carry it).
TEMPLATE = "report.html.j2"


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML document.

    Parameters
    ----------
    data : ReportData
        From :func:`brainflops.report.build`.

    Returns
    -------
    str
        HTML5 with an inline stylesheet and inline SVG figures; no script, and nothing fetched when opened.
        The same ``data`` gives the same text.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("brainflops.report", "templates"),
        autoescape=True,  # set titles, notes and citations are user text (uploads); escape all of it
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(data=data)


def pdf_available() -> str | None:
    """``None`` when WeasyPrint can render PDFs here, else the reason it cannot (one line)."""
    try:
        import weasyprint  # noqa: F401
    except ImportError as exc:
        return f"WeasyPrint is not installed ({exc})"
    except OSError as exc:  # WeasyPrint loads Pango, HarfBuzz and fontconfig from the system with cffi
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"WeasyPrint cannot load its system libraries (Pango, fontconfig): {first}"
    return None


def render_pdf(html: str) -> bytes:
    """The report's HTML laid out as an A4 PDF with page numbers and a table of contents.

    Parameters
    ----------
    html : str
        From :func:`render_html`; its ``@page`` rules set the paper size, margins and page numbers.

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    BrainflopsError
        WeasyPrint or its system libraries are missing.
    """
    reason = pdf_available()
    if reason is not None:
        raise BrainflopsError(f"cannot write a PDF: {reason}", expected="weasyprint with Pango", found=reason)
    import weasyprint

    # No base_url and a fetcher that refuses everything: the document is self-contained by construction, and
    # a report must never make network requests while it is laid out.
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    return document.write_pdf(uncompressed_pdf=False)


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"reports are self-contained; refusing to fetch {url}")
