r"""A published figure carried as published: for estimates whose components are not verified here.

Some estimates are published as a figure or a range whose derivation this package cannot reproduce from
verified components (for example Carlsmith's (2020) functional variants from deep-net models of the retina
and from ImageNet classifiers, or Kurzweil's (2005) 10^16 calculations per second). Rather than invent a
decomposition, such a set carries the published figure as its one parameter; where only a range is
published, the range is the parameter's 90% interval and its geometric middle the point, and the set's
note says so:

.. math::

    F = F_{\mathrm{pub}}
"""

from __future__ import annotations

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["PUBLISHED_FIGURE"]

PUBLISHED_FIGURE = Method(
    name="published_figure",
    title="The published figure (or range), without a modelled decomposition",
    parameters=(
        ParameterSpec(
            "published_flops",
            r"F_{\mathrm{pub}}",
            "FLOP/s",
            "The estimate as published [FLOP/s].",
        ),
    ),
    terms=(Term("published", "The published figure", lambda s: s["published_flops"]),),
    reference=__doc__ or "",
)
