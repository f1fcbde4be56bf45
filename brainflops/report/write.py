"""Write reports to disk: every format rendered in memory first, then each file written atomically.

A file is first written to a temporary name in the destination folder and renamed over its target with
:func:`os.replace` only when every format has been written, so a failure (a bad set, a full disk, a missing
PDF library) leaves no half-written or partial report behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from brainflops.assumptions import AssumptionSet
from brainflops.errors import BrainflopsError
from brainflops.report.data import DEFAULT_SAMPLES, DEFAULT_SOBOL_SAMPLES

__all__ = ["FORMATS", "report"]

#: The formats :func:`report` writes, in the order they are rendered.
FORMATS = ("html", "pdf")


def check_formats(formats: Sequence[str] | str) -> tuple[str, ...]:
    """Normalise and check formats (``"html,pdf"`` or a sequence); raises BrainflopsError on an unknown one."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = tuple(dict.fromkeys(str(f).strip().lower() for f in items if str(f).strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise BrainflopsError(
            f"unknown report format '{', '.join(unknown) or formats}'; choose from {', '.join(FORMATS)}",
            parameter="format",
            expected=", ".join(FORMATS),
            found=", ".join(unknown) or str(formats),
        )
    return wanted


def targets(assumption_set: AssumptionSet, path: str | os.PathLike[str], formats: tuple[str, ...]) -> list[Path]:
    """The files a report writes: ``<folder>/<set id>.<format>`` for a folder, else ``path`` with each suffix."""
    p = Path(path)
    if p.is_dir() or os.fspath(path).endswith(("/", os.sep)):
        return [p / f"{assumption_set.id}.{f}" for f in formats]
    return [p.with_suffix(f".{f}") for f in formats]


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        what = "exists but is not a folder" if folder.exists() else "does not exist"
        raise BrainflopsError(f"cannot write the report: the output folder {what}", file=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BrainflopsError("cannot write the report: the output folder is not writable", file=str(folder))


def report(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    path: str | os.PathLike[str] = "reports",
    scenario: str | None = None,
    formats: Sequence[str] | str = FORMATS,
    *,
    n: int = DEFAULT_SAMPLES,
    seed: int = 0,
    sobol_samples: int = DEFAULT_SOBOL_SAMPLES,
    generated: dt.date | dt.datetime | str | None = None,
) -> list[Path]:
    """Write a report on an assumption set as HTML and/or PDF.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set (an upload parsed with :func:`brainflops.assumptions.parse_set`), an id or a path.
    path : str or PathLike
        A folder (files are named after the set id) or a file name whose suffix is replaced per format.
    scenario : str, optional
        Hardware scenario for the timeline section.
    formats : sequence of str or str
        ``("html", "pdf")``, or a comma-separated string.
    n : int
        Monte Carlo samples when no closed form exists [1].
    seed : int
        Seed of the Monte Carlo run and the Sobol sampling.
    sobol_samples : int
        SALib base samples, a power of 2 [1].
    generated : date, datetime or str, optional
        The date the report states [calendar date, ISO 8601] (``SOURCE_DATE_EPOCH`` overrides it); today by default.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Raises
    ------
    BrainflopsError
        An unknown format, an output folder that does not exist or cannot be written, an invalid set, or a
        PDF requested where WeasyPrint cannot run. Nothing is written then.
    """
    from brainflops.assumptions import load
    from brainflops.report.data import build
    from brainflops.report.render import pdf_available, render_html, render_pdf

    wanted = check_formats(formats)
    s = load(assumption_set)
    files = targets(s, path, wanted)
    for folder in dict.fromkeys(f.parent for f in files):
        _check_folder(folder)
    if "pdf" in wanted and (reason := pdf_available()) is not None:
        raise BrainflopsError(f"cannot write a PDF: {reason}", parameter="format", found="pdf")
    data = build(s, scenario=scenario, n=n, seed=seed, sobol_samples=sobol_samples, generated=generated)
    html = render_html(data)
    contents = {"html": html.encode("utf-8")}
    if "pdf" in wanted:
        contents["pdf"] = render_pdf(html)
    _write_all({target: contents[fmt] for target, fmt in zip(files, wanted, strict=True)})
    return files


def _write_all(contents: dict[Path, bytes]) -> None:
    """Write every file to a temporary name, then rename them all; on failure remove the temporaries."""
    temporaries: dict[Path, Path] = {}
    try:
        for target, blob in contents.items():
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temporaries[target] = Path(name)
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(name, 0o644)  # mkstemp creates 0600; a report is meant to be shared
        for target, temporary in temporaries.items():
            os.replace(temporary, target)
    except OSError as exc:
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        folder = next(iter(contents)).parent
        raise BrainflopsError(f"cannot write the report: {exc.strerror or exc}", file=str(folder)) from None
