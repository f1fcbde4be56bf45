"""The project's error types.

Every failure caused by input (a file, a command-line value, an upload) raises a subclass of
:class:`BrainflopsError`. Each carries where it happened (``file``, ``parameter``) and what was expected
versus found as fields, and writes one readable sentence in ``str()``:

    dettmers-2015.toml: parameter 'firing_rate': expected a value with dimension 1 / [time]
    (like 'Hz'), found '200 neuron' with dimension [neuron]
"""

from __future__ import annotations

import copy

__all__ = [
    "AssumptionError",
    "BrainflopsError",
    "DataError",
    "FormulaError",
    "QuantityError",
    "UnitMismatchError",
]


class BrainflopsError(Exception):
    """Base class of every error brainflops raises for bad input.

    Parameters
    ----------
    message : str
        What is wrong, as a sentence fragment without the location.
    file : str, optional
        The file (or set id) the problem is in.
    parameter : str, optional
        The parameter or field the problem is in.
    expected, found : str, optional
        What was expected and what arrived, kept as fields for callers that inspect them.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        parameter: str | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.parameter = parameter
        self.expected = expected
        self.found = found

    def with_context(self, *, file: str | None = None, parameter: str | None = None) -> BrainflopsError:
        """Return a copy with the location filled in where it was missing."""
        new = copy.copy(self)
        if new.file is None:
            new.file = file
        if new.parameter is None:
            new.parameter = parameter
        return new

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.parameter:
            where.append(f"parameter '{self.parameter}'")
        prefix = ": ".join(where)
        return _one_line(f"{prefix}: {self.message}" if prefix else self.message)

    def __reduce__(self):  # keep the fields when pickled (multiprocessing, Streamlit caching)
        return (
            _rebuild,
            (type(self), self.message, self.file, self.parameter, self.expected, self.found),
        )


def _one_line(text: str) -> str:
    """``text`` with newlines and other unprintable characters escaped (``\\n``), so a message is one line
    even when it quotes hostile input."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _rebuild(cls, message, file, parameter, expected, found):
    return cls(message, file=file, parameter=parameter, expected=expected, found=found)


class AssumptionError(BrainflopsError):
    """An assumption set is malformed: TOML syntax, schema, references, registry conflicts."""


class QuantityError(AssumptionError):
    """A quantity string could not be parsed (``found``) into what is ``expected``."""

    @classmethod
    def bad_text(cls, found: str, expected: str) -> QuantityError:
        """Build the error for quantity text ``found`` that is not ``expected``."""
        return cls(f"expected {expected}, found '{found}'", expected=expected, found=found)


class UnitMismatchError(AssumptionError):
    """A value or a formula term has the wrong physical dimension."""


class FormulaError(BrainflopsError):
    """A method's formula is invalid: unknown symbols, unsafe text, or missing parameters."""


class DataError(BrainflopsError):
    """A shipped or user dataset is malformed."""
