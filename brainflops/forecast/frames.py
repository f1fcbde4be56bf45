"""The two frames, always side by side and named in words.

**The post's frame** (Dettmers 2015): FP64 supercomputers — the TOP500 #1 on HPL and the HPCG #1 — the
hardware the 2015 post compared the brain with.

**Deep learning's frame**: the largest AI training cluster at its dense 16-bit peak, times the fraction of
peak that large training runs achieve (:mod:`brainflops.forecast.utilisation`) — the hardware that trains
deep nets today.

A scenario belongs to a frame by the series it projects (a weights file may say so explicitly); the records of
a frame date the brain values it has already passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from brainflops.hardware.scenarios import FittedTrend, Scenario

__all__ = ["FRAMES", "Frame", "frame_of"]


@dataclass(frozen=True)
class Frame:
    """A way of counting hardware against the brain.

    Attributes
    ----------
    key : str
        ``"post"`` or ``"deep-learning"``.
    name : str
        The frame in words, e.g. ``"the post's frame"``.
    description : str
        What hardware it counts, e.g. ``"FP64 supercomputers: TOP500 HPL, HPCG"``.
    records : tuple of str
        The series whose records date brain values already passed.
    utilisation : bool
        Whether peak is multiplied by a utilisation.
    """

    key: str
    name: str
    description: str
    records: tuple[str, ...]
    utilisation: bool

    def label(self, utilisation: float | None = None) -> str:
        """The frame's name and description, with the utilisation when it has one: ``"deep learning's frame
        (the largest AI training cluster at dense 16-bit × 41% utilisation)"``."""
        from brainflops.formatting import format_percent

        text = self.description
        if self.utilisation and utilisation is not None:
            text += f" × {format_percent(utilisation)} utilisation"
        return f"{self.name} ({text})"


#: The frames, in the order they are shown.
FRAMES: dict[str, Frame] = {
    "deep-learning": Frame(
        "deep-learning", "deep learning's frame", "the largest AI training cluster at dense 16-bit",
        ("ai-cluster-record",), True,
    ),
    "post": Frame(
        "post", "the post's frame", "FP64 supercomputers: TOP500 HPL, HPCG", ("top500-rank1", "hpcg-rank1"), False,
    ),
}  # fmt: skip

_DEEP_LEARNING_SERIES = ("ai-cluster-record",)
_POST_SERIES = ("top500-rank1", "top500-rank500", "top500-sum", "hpcg-rank1")


def frame_of(scenario: Scenario) -> str | None:
    """The frame a scenario belongs to by the series it projects; ``None`` for a budget (per-dollar), a single
    accelerator or another series, and for a fixed (published) scenario, whose frame a weights file names.

    Parameters
    ----------
    scenario : Scenario
        A loaded scenario.
    """
    p = scenario.spec.projection
    if not isinstance(p, FittedTrend):
        return None
    if p.series in _DEEP_LEARNING_SERIES:
        return "deep-learning"
    if p.series in _POST_SERIES:
        return "post"
    return None
