"""The registry of assumption sets on disk: which folders, which id@version lives in which file.

Indexing reads only each file's ``id`` and ``version`` (once per file version: cached on path, modification
time and size) and refuses two files claiming the same id and version. Loading and validating a set is
:mod:`brainflops.assumptions`' job.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from pathlib import Path

from brainflops import schema
from brainflops.errors import AssumptionError
from brainflops.files import parse_toml, read_bytes

__all__ = ["brain_dirs", "find", "index", "presets", "versions"]


def brain_dirs() -> tuple[Path, ...]:
    """The folders searched for brain assumption sets.

    The repository's ``assumptions/brain`` (editable installs and checkouts) or the copy inside the
    installed package, plus any folders in the ``BRAINFLOPS_PATH`` environment variable (``os.pathsep``
    separated).
    """
    here = Path(__file__).resolve().parent  # brainflops/
    candidates = [here.parent / "assumptions" / "brain", here / "_assumptions" / "brain"]
    dirs = [next((c for c in candidates if c.is_dir()), candidates[0])]
    extra = os.environ.get("BRAINFLOPS_PATH", "")
    dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return tuple(dirs)


_REF = re.compile(r"^(?P<id>[^@]+)(?:@(?P<version>[^@]+))?$")


@functools.lru_cache(maxsize=4096)
def _identity(path: str, mtime_ns: int, size: int) -> tuple[str, str]:
    """(id, version) of a file, parsed once per (path, modification time, size)."""
    try:
        head = parse_toml(read_bytes(Path(path)), path)
    except AssumptionError as exc:
        raise AssumptionError(f"cannot be indexed: {exc.message}", file=path) from None
    return str(head.get("id", "")), str(head.get("version", ""))


def index(dirs: tuple[Path, ...], pattern: str = "*.toml") -> dict[tuple[str, str], Path]:
    """Map (id, version) to file for every ``*.toml`` in ``dirs``.

    Parameters
    ----------
    dirs : tuple of Path
        Folders to scan (missing ones are skipped).
    pattern : str
        Which files in them are sets (``"*@*.toml"`` for trend scenarios, whose folder also holds a ledger).

    Raises
    ------
    AssumptionError
        A file that cannot be read as TOML, or two files claiming the same id and version.
    """
    found: dict[tuple[str, str], Path] = {}
    for folder in dirs:
        for path in sorted(folder.glob(pattern)) if folder.is_dir() else ():
            stat = path.stat()
            key = _identity(str(path), stat.st_mtime_ns, stat.st_size)
            if key in found:
                raise AssumptionError(
                    f"duplicate set {key[0]}@{key[1]}: also defined in {found[key]}",
                    file=str(path),
                    found=f"{key[0]}@{key[1]}",
                )
            found[key] = path
    return found


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")) if re.match(schema.VERSION_PATTERN, version) else (-1,)


def versions(set_id: str, *, dirs: tuple[Path, ...] | None = None) -> list[str]:
    """List the versions of a set, oldest first.

    Parameters
    ----------
    set_id : str
        E.g. ``"dettmers-2015"``.
    dirs : tuple of Path, optional
        Folders to search instead of :func:`brain_dirs`.
    """
    found = index(dirs or brain_dirs())
    return sorted((v for (i, v) in found if i == set_id), key=_version_key)


def presets(*, dirs: tuple[Path, ...] | None = None) -> list[str]:
    """The ids of every shipped set (newest version implied), sorted.

    Parameters
    ----------
    dirs : tuple of Path, optional
        Folders to search instead of :func:`brain_dirs`.
    """
    return sorted({i for (i, _v) in index(dirs or brain_dirs())})


def find(text: str, known: dict[tuple[str, str], Path], kind: str = "assumption set") -> tuple[Path, str, str]:
    """The file, id and version that ``id`` (newest version) or ``id@version`` names among ``known``.

    Parameters
    ----------
    text : str
        ``"dettmers-2015"`` or ``"dettmers-2015@1.0.0"``.
    known : dict
        From :func:`index`.
    kind : str
        What the messages call the thing looked up (``"scenario"`` for trend scenarios).

    Raises
    ------
    AssumptionError
        A malformed id, an unknown id (with a close match suggested) or an unknown version.
    """
    noun = "set" if kind == "assumption set" else kind
    match = _REF.match(text)
    set_id, version = (match.group("id"), match.group("version")) if match else (text, None)
    if not re.match(schema.ID_PATTERN, set_id):
        raise AssumptionError(
            f"'{text}' is not a {noun} id (lowercase letters, digits and '-') or a path to a .toml file",
            found=text,
        )
    available = sorted((v for (i, v) in known if i == set_id), key=_version_key)
    if not available:
        hint = difflib.get_close_matches(set_id, sorted({i for i, _ in known}), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise AssumptionError(f"no {kind} '{set_id}'{suggestion}", found=set_id)
    if version is None:
        version = available[-1]
    elif version not in available:
        raise AssumptionError(
            f"{noun} '{set_id}' has no version {version} (versions: {', '.join(available)})", found=text
        )
    return known[(set_id, version)], set_id, version
