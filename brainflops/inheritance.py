"""Derived assumption sets: ``extends = "parent"`` resolved into one complete file.

A derived file names its parent (``"dettmers-2015"`` for the newest version, or ``"dettmers-2015@1.1.0"``)
and gives only what differs. Resolution works on the parsed TOML tables, before schema validation, so the
resolved content is validated (and hashed) exactly like a file written out in full:

- inherited: ``method``, ``sources``, ``parameters``, ``correlations`` and ``description``;
- the derived file's own ``sources`` are added to the parent's (same key: the derived one wins);
- each of its ``[parameters.NAME]`` tables replaces the parent's parameter *whole* (value, uncertainty,
  source, where, note), so an overridden value never keeps a parent's interval or citation by accident;
- identity fields (``id``, ``version``, ``date``, ``title``, ``changelog``) are the derived file's own and
  are never inherited.

A parent may itself be derived; chains are followed, and a cycle is an error naming the chain. Overriding
a parameter the parent does not have is an error (a typo would otherwise add nothing, or fail later with a
less helpful message). A derived file may not change the method.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from brainflops.errors import AssumptionError

__all__ = ["INHERITED_FIELDS", "ParentReader", "resolve"]

#: Fields a derived file takes from its parent when it does not give them.
INHERITED_FIELDS = ("method", "description", "correlations")

#: Given a reference (``id`` or ``id@version``), return the parent's parsed TOML and its ``id@version``.
ParentReader = Callable[[str], tuple[dict[str, Any], str]]


def resolve(raw: dict[str, Any], name: str, read_parent: ParentReader) -> tuple[dict[str, Any], str | None]:
    """Resolve ``extends`` in a parsed assumption file.

    Parameters
    ----------
    raw : dict
        The file's TOML tables as ``tomllib`` returns them.
    name : str
        What messages call the file.
    read_parent : callable
        Looks a parent up by reference; raises :class:`AssumptionError` if there is none.

    Returns
    -------
    (dict, str or None)
        The complete content with ``extends`` removed, and the parent as ``id@version`` (``None`` when the
        file extends nothing).

    Raises
    ------
    AssumptionError
        A cycle (the message shows the chain), a missing parent, a changed method, or an override of a
        parameter the parent does not have.
    """
    if "extends" not in raw:
        return raw, None
    own_ref = f"{raw.get('id', '?')}@{raw.get('version', '?')}"
    return _resolve(raw, name, read_parent, chain=(own_ref,))


def _resolve(raw: dict[str, Any], name: str, read_parent: ParentReader, chain: tuple[str, ...]):
    parent_text = raw["extends"]
    if not isinstance(parent_text, str) or not parent_text.strip():
        raise AssumptionError(
            "field 'extends': must be a set id or id@version such as 'dettmers-2015'",
            file=name,
            found=repr(parent_text),
        )
    try:
        parent_raw, parent_ref = read_parent(parent_text)
    except AssumptionError as exc:
        raise AssumptionError(
            f"extends '{parent_text}', which cannot be loaded: {exc}", file=name, found=parent_text
        ) from None
    if parent_ref in chain:
        loop = " -> ".join((*chain, parent_ref))
        raise AssumptionError(f"extends cycle: {loop}", file=name, found=loop)
    if "extends" in parent_raw:
        parent_raw, _ = _resolve(parent_raw, name, read_parent, (*chain, parent_ref))
    return _merge(raw, parent_raw, parent_ref, name), parent_ref


def _merge(child: dict[str, Any], parent: dict[str, Any], parent_ref: str, name: str) -> dict[str, Any]:
    merged = {k: v for k, v in child.items() if k != "extends"}
    if "method" in child and child["method"] != parent.get("method"):
        raise AssumptionError(
            f"field 'method': a derived set uses its parent's method '{parent.get('method')}' "
            f"(found '{child['method']}'); write a new set to change the method",
            file=name,
            expected=str(parent.get("method")),
            found=str(child["method"]),
        )
    for key in INHERITED_FIELDS:
        if key not in child and key in parent:
            merged[key] = parent[key]
    merged["sources"] = {**_table(parent, "sources"), **_table(child, "sources")}
    parent_parameters = _table(parent, "parameters")
    overrides = _table(child, "parameters")
    for pname in overrides:
        if pname not in parent_parameters:
            hint = difflib.get_close_matches(pname, list(parent_parameters), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise AssumptionError(
                f"overrides a parameter that parent {parent_ref} does not have{suggestion}; "
                f"its parameters are {', '.join(parent_parameters)}",
                file=name,
                parameter=pname,
                found=pname,
            )
    merged["parameters"] = {**parent_parameters, **overrides}
    return merged


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    return value if isinstance(value, dict) else {}
