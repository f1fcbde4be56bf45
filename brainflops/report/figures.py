"""Figures for reports as inline SVG text: byte-reproducible, self-contained, with ids unique per figure.

matplotlib writes random ids and the current date into SVG unless told otherwise; ``svg.hashsalt`` fixes the
ids and ``metadata={"Date": None}`` drops the date, so the same figure gives the same bytes. Text is drawn as
paths (``svg.fonttype = "path"``) so that no font has to be present or fetched where the report is opened.
"""

from __future__ import annotations

import io
import re

__all__ = ["figure_svg", "figure_svg_and_free", "formula_svg"]

#: Fixed salt for matplotlib's SVG ids; any constant works, it only has to be the same on every run.
HASH_SALT = "brainflops-report"

_PROLOGUE = re.compile(r"^.*?(?=<svg[\s>])", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(href="#|url\(#)([^")]+)')
_SIZE = re.compile(r'^(<svg[^>]*?)\s(width|height)="[^"]*"', re.DOTALL)


def _clean(svg: str, prefix: str, keep_size: bool) -> str:
    """Strip the XML prologue, DOCTYPE and RDF metadata; prefix every id; drop the fixed size unless kept."""
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    # Several figures share glyph ids such as "DejaVuSans-30"; inside one HTML document ids must be unique.
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    # The size comes from the stylesheet (width 100%) and the viewBox, so figures fit the page or the window.
    for _ in range(0 if keep_size else 2):
        svg = _SIZE.sub(r"\1", svg, count=1)
    return svg.strip()


def _save(fig, prefix: str, keep_size: bool = False, **kwargs) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": HASH_SALT, "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, **kwargs)
    return _clean(buffer.getvalue(), prefix, keep_size)


def figure_svg(fig, prefix: str) -> str:
    """A matplotlib Figure as inline SVG markup.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; it is not modified.
    prefix : str
        Prepended to every id in the SVG, unique per figure in a document (letters, digits, '-').

    Returns
    -------
    str
        An ``<svg>`` element without XML prologue, DOCTYPE, metadata, width or height.
    """
    return _save(fig, prefix)


def figure_svg_and_free(fig, prefix: str) -> str:
    """:func:`figure_svg`, then clear the figure: report figures are not in pyplot's registry, so clearing
    frees their artists at once instead of at the next garbage collection."""
    try:
        return figure_svg(fig, prefix)
    finally:
        fig.clear()


def formula_svg(latex: str, prefix: str, fontsize: float = 14.0) -> str | None:
    """A LaTeX formula rendered with matplotlib mathtext as inline SVG markup.

    Parameters
    ----------
    latex : str
        The formula without dollar signs, e.g. sympy's ``latex()`` output.
    prefix : str
        Prepended to every id in the SVG.
    fontsize : float
        Font size [pt].

    Returns
    -------
    str or None
        The ``<svg>`` element, or ``None`` when mathtext cannot parse the formula (the caller shows the plain
        text formula instead and says so).
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(0.01, 0.01))
    fig.text(0, 0, f"${_mathtext_compatible(latex)}$", fontsize=fontsize)
    try:
        return _save(fig, prefix, keep_size=True, bbox_inches="tight", pad_inches=0.02, transparent=True)
    except ValueError:  # mathtext raises ValueError on constructs it does not know
        return None


def _mathtext_compatible(latex: str) -> str:
    """Rewrite the few sympy LaTeX constructs that mathtext lacks into ones it has."""
    # sympy writes \operatorname{f} for unknown functions; mathtext knows \mathrm.
    latex = latex.replace(r"\operatorname{", r"\mathrm{")
    # \limits and \displaystyle are layout hints mathtext does not parse.
    return latex.replace(r"\limits", "").replace(r"\displaystyle", "")
