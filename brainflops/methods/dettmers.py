r"""Dettmers (2015): each neuron as a small convolutional net, counted in FLOP/s.

Tim Dettmers, "The Brain vs Deep Learning Part I: Computational Complexity — Or Why the Singularity Is
Nowhere Near", blog post, 27 July 2015, section "Bringing it all together".

The post reads a neuron's electrochemical pipeline as a convolutional net: the synapses form an input
matrix (inputs × time steps), the dendrites apply a spatio-temporal convolution to it, the soma a further
temporal convolution, and the neuron "runs" the net each time it fires. Counting the floating-point
operations of the dendritic convolution for the two cell types that dominate the cerebellum — granule
cells (50 of the 86 billion neurons) and Purkinje cells (about 100 million, each with ~100,000 inputs) —
and multiplying by cell counts and the firing rate gives the brain's FLOP/s.

**The time dimension enters twice.** The post's input matrices are inputs × time (15 × 5, 1e5 × 5) and its
dendritic filters are space × time (3 × 4 × **5**, 10 × 1000 × **5**): the five time steps are in both. Its
arithmetic therefore scales as :math:`T^2`. :data:`DETTMERS_SPACETIME` (sets from ``dettmers-2015@1.2.0`` on)
models the time dimension once, as its own parameter, with the filters given per time step:

.. math::

    F = R \left( N_G \, n_G \, K_G + N_P \, n_P \, K_P \right) T^2 \, c \, f

with :math:`N` the cell count, :math:`n` the inputs (synapses) per cell, :math:`K` the dendritic filter per
time step (multiply-adds per input element and time step: 3 × 4 = 12 for granule cells, 10 × 1000 = 1e4 for
Purkinje cells), :math:`T` the time steps (in the input matrix and in the filter), :math:`c` FLOP per
multiply-add and :math:`f` the firing rate. The elasticity of the total to :math:`T` is 2.
:data:`DETTMERS_CONVOLUTION`, the method of the released ``dettmers-2015@1.0.0``/``1.1.0`` and
``dettmers-2015-low-rate@1.0.0``, takes the filters with their time dimension included (60, 5e4) and so
counts :math:`T` once, :math:`F = R (N_G n_G T K_G + N_P n_P T K_P) c f`: the same published figure at
:math:`T = 5`, but an elasticity of 1 to :math:`T`, which understates how much the time steps matter. It is kept
so that the released sets keep their meaning.

**This is a reconstruction, not the post's own formula.** The post shows its arithmetic only as an image
whose exact form could not be recovered as text. The two dendritic terms above are what the post's table
supports: the Purkinje term alone is 1e8 × (1e5 × 5) × (1e4 × 5) × 2 FLOP × 200 Hz = 1.0e21 FLOP/s and the
granule term 9e16 FLOP/s. The post's published total, 1.075e21 FLOP/s, is 7.5e19 FLOP/s more, and no natural
combination of the table explains the remainder. :math:`R`, the *reconciliation factor* (published total ÷
reconstructed terms), makes that gap an explicit, named parameter, so the set reproduces the published figure
exactly while every other parameter keeps its meaning; set it to 1 to see the reconstruction alone.

The post calls its result a lower bound: it models the forward pass only.
"""

from __future__ import annotations

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["DETTMERS_CONVOLUTION", "DETTMERS_SPACETIME"]

_PARAMETERS = (
    ParameterSpec("granule_cells", r"N_{\mathrm{G}}", "neuron", "Number of cerebellar granule cells [neuron]."),
    ParameterSpec(
        "granule_inputs", r"n_{\mathrm{G}}", "synapse/neuron", "Input synapses per granule cell [synapse/neuron]."
    ),
    ParameterSpec(
        "granule_filter",
        r"K_{\mathrm{G}}",
        "multiply_add/synapse",
        "Granule dendritic filter: multiply-adds per input element and time step [multiply_add/synapse].",
    ),
    ParameterSpec("purkinje_cells", r"N_{\mathrm{P}}", "neuron", "Number of Purkinje cells [neuron]."),
    ParameterSpec(
        "purkinje_inputs",
        r"n_{\mathrm{P}}",
        "synapse/neuron",
        "Input synapses per Purkinje cell [synapse/neuron].",
    ),
    ParameterSpec(
        "purkinje_filter",
        r"K_{\mathrm{P}}",
        "multiply_add/synapse",
        "Purkinje dendritic filter: multiply-adds per input element and time step [multiply_add/synapse].",
    ),
    ParameterSpec("time_steps", "T", "dimensionless", "Time steps in the input matrix (video-rate frames) [1]."),
    ParameterSpec("flop_per_multiply_add", "c", "FLOP/multiply_add", "FLOP per multiply-add [FLOP/multiply_add]."),
    ParameterSpec("firing_rate", "f", "Hz", "Average firing rate: forward passes per neuron per second [Hz]."),
    ParameterSpec(
        "reconciliation_factor",
        "R",
        "dimensionless",
        "Published total ÷ reconstructed terms: the part of the published figure the reconstruction "
        "does not explain [1].",
    ),
)


def _granule(s):
    return s["granule_cells"] * s["granule_inputs"] * s["time_steps"] * s["granule_filter"] * _per_pass(s)


def _purkinje(s):
    return s["purkinje_cells"] * s["purkinje_inputs"] * s["time_steps"] * s["purkinje_filter"] * _per_pass(s)


def _per_pass(s):
    return s["flop_per_multiply_add"] * s["firing_rate"]


#: The method of the released sets up to ``dettmers-2015@1.1.0``: the filters include the time dimension, so the
#: time steps count once (see the module docstring; new sets use :data:`DETTMERS_SPACETIME`).
DETTMERS_CONVOLUTION = Method(
    name="dettmers_convolution",
    title="Dettmers (2015) convolutional neuron model, cerebellar granule + Purkinje terms",
    parameters=_PARAMETERS,
    terms=(
        Term("granule", "Granule-cell dendritic convolutions", _granule),
        Term("purkinje", "Purkinje-cell dendritic convolutions", _purkinje),
        Term(
            "reconciliation",
            "Gap between the published total and the reconstructed terms, (R − 1) × (granule + Purkinje)",
            lambda s: (s["reconciliation_factor"] - 1) * (_granule(s) + _purkinje(s)),
        ),
    ),
    combine=lambda s: s["reconciliation_factor"] * (_granule(s) + _purkinje(s)),
    reference=__doc__ or "",
)


def _filter_per_step(cell: str, symbol: str, extent: str) -> ParameterSpec:
    return ParameterSpec(
        f"{cell}_filter_per_step",
        symbol,
        "multiply_add/synapse",
        f"{cell.capitalize()} dendritic filter per time step: multiply-adds per input element and time step, "
        f"the filter's spatial extent ({extent}) [multiply_add/synapse].",
    )


#: :data:`DETTMERS_CONVOLUTION`'s parameters with the filters given per time step and the time steps in both places.
_SPACETIME_REPLACEMENTS = {
    "granule_filter": _filter_per_step("granule", r"K_{\mathrm{G}}", "3 branches × 4 dendrites"),
    "purkinje_filter": _filter_per_step("purkinje", r"K_{\mathrm{P}}", "10 × 1000 dendrites"),
    "time_steps": ParameterSpec(
        "time_steps",
        "T",
        "dimensionless",
        "Time steps, in the input matrix (inputs × time) and in each dendritic filter (space × time) [1].",
    ),
}
_SPACETIME_PARAMETERS = tuple(_SPACETIME_REPLACEMENTS.get(p.name, p) for p in _PARAMETERS)


def _granule_spacetime(s):
    inputs = s["granule_inputs"] * s["time_steps"]  # input elements: synapses × time steps
    return s["granule_cells"] * inputs * s["granule_filter_per_step"] * s["time_steps"] * _per_pass(s)


def _purkinje_spacetime(s):
    inputs = s["purkinje_inputs"] * s["time_steps"]
    return s["purkinje_cells"] * inputs * s["purkinje_filter_per_step"] * s["time_steps"] * _per_pass(s)


DETTMERS_SPACETIME = Method(
    name="dettmers_spacetime",
    title="Dettmers (2015) convolutional neuron model, time steps in the inputs and in the filters",
    parameters=_SPACETIME_PARAMETERS,
    terms=(
        Term("granule", "Granule-cell dendritic convolutions", _granule_spacetime),
        Term("purkinje", "Purkinje-cell dendritic convolutions", _purkinje_spacetime),
        Term(
            "reconciliation",
            "Gap between the published total and the reconstructed terms, (R − 1) × (granule + Purkinje)",
            lambda s: (s["reconciliation_factor"] - 1) * (_granule_spacetime(s) + _purkinje_spacetime(s)),
        ),
    ),
    combine=lambda s: s["reconciliation_factor"] * (_granule_spacetime(s) + _purkinje_spacetime(s)),
    reference=__doc__ or "",
)
