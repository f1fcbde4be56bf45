"""Reading assumption files safely: a size limit before anything is parsed, UTF-8, and TOML that cannot crash.

Shared by the set loader (:mod:`brainflops.assumptions`) and the registry (:mod:`brainflops.registry`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from brainflops.errors import AssumptionError

__all__ = ["MAX_FILE_BYTES", "parse_toml", "read_bytes"]

#: Files above this size are refused before parsing.
MAX_FILE_BYTES = 1_000_000


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing a file above ``limit`` bytes before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AssumptionError(f"cannot read file ({exc.strerror})", file=str(path)) from None
    if size > limit:
        raise AssumptionError(
            f"file is {size:,} bytes; assumption files are limited to {limit:,} bytes",
            file=str(path),
        )
    return path.read_bytes()


def parse_toml(data: bytes, name: str) -> dict:
    """Decode UTF-8 ``data`` and parse it as TOML; every failure is an :class:`AssumptionError` naming ``name``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssumptionError(f"file is not UTF-8 text (bad byte at offset {exc.start})", file=name) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AssumptionError(f"not valid TOML: {exc}", file=name) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively; thousands of '[' exhaust the stack.
        raise AssumptionError(
            "not valid TOML for an assumption file: arrays or tables nested too deeply", file=name
        ) from None
