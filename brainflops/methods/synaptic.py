r"""The synaptic (mechanistic) method: spikes through synapses, times the cost of each.

The classic estimate, from Merkle (1989) and Moravec to Kurzweil (1999) and Carlsmith (2020): every spike a
neuron fires passes through each of its output synapses, and each such synaptic event costs some number of
FLOP. Optionally, each neuron also spends FLOP deciding whether to fire:

.. math::

    F = S \, f \, c_{\mathrm{syn}} \; + \; N \, f \, c_{\mathrm{fire}}

with :math:`S` the synapse count, :math:`f` the average firing rate, :math:`c_{\mathrm{syn}}` FLOP per spike
through a synapse, :math:`N` the neuron count and :math:`c_{\mathrm{fire}}` FLOP per firing decision. The
firing-decision term is optional: a set that gives neither ``neurons`` nor ``flop_per_firing_decision``
uses the synaptic term alone, as Merkle and Kurzweil did.
"""

from __future__ import annotations

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["SYNAPTIC"]

SYNAPTIC = Method(
    name="synaptic",
    title="Synapses × firing rate × FLOP per synaptic event (+ firing decisions)",
    parameters=(
        ParameterSpec("synapses", "S", "synapse", "Number of synapses in the brain [synapse]."),
        ParameterSpec("firing_rate", "f", "Hz", "Average firing rate per neuron [Hz]."),
        ParameterSpec(
            "flop_per_synaptic_event",
            r"c_{\mathrm{syn}}",
            "FLOP/synapse",
            "FLOP per spike through one synapse [FLOP/synapse].",
        ),
        ParameterSpec("neurons", "N", "neuron", "Number of neurons in the brain [neuron]."),
        ParameterSpec(
            "flop_per_firing_decision",
            r"c_{\mathrm{fire}}",
            "FLOP/neuron",
            "FLOP per neuron per spike to decide whether to fire [FLOP/neuron].",
        ),
    ),
    terms=(
        Term(
            "synaptic_events",
            "Spikes through synapses",
            lambda s: s["synapses"] * s["firing_rate"] * s["flop_per_synaptic_event"],
        ),
        Term(
            "firing_decisions",
            "Firing decisions",
            lambda s: s["neurons"] * s["firing_rate"] * s["flop_per_firing_decision"],
            optional=True,
        ),
    ),
    reference=__doc__ or "",
)
