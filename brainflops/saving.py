"""Save an assumption set into a folder without ever losing or overwriting work.

A saved set is written as ``<folder>/<id>@<version>.toml``. The file name is the lock:

1. the text is validated (:func:`brainflops.assumptions.parse_set`) before anything is written;
2. it is written in full to a temporary file in the same folder (same file system) and flushed to disk;
3. the temporary file is *hard-linked* to the final name with :func:`os.link`, which fails atomically if the
   name exists, so two savers can never both claim one name and a reader never sees a half-written file;
4. if the name is taken, the set is saved as the next free patch version (``1.2.0`` → ``1.2.1`` → …): the
   ``version`` field is rewritten and a changelog line records why, so both savers keep their work.
   With ``if_exists="refuse"`` the save fails instead, naming the existing file.

Checking for the name first and then writing (``os.path.exists`` + ``os.replace``) would race: two processes
could both see the name free and the second rename would silently replace the first file. ``os.link`` (or,
on file systems without hard links, an ``O_CREAT | O_EXCL`` placeholder that the temporary file then
replaces) makes "claim the name" and "check it is free" one operation.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from brainflops.assumptions import AssumptionSet, parse_set
from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.files import MAX_FILE_BYTES, read_bytes

__all__ = ["MAX_PATCH_BUMPS", "SaveResult", "save", "saved_versions"]

#: How many patch versions past the requested one a save tries before giving up.
MAX_PATCH_BUMPS = 1000


@dataclass(frozen=True)
class SaveResult:
    """Where a set was saved.

    Attributes
    ----------
    path : Path
        The new file, ``<folder>/<id>@<version>.toml``.
    ref : str
        ``id@version`` as saved.
    requested : str
        ``id@version`` as submitted; differs from ``ref`` when that version already existed.
    """

    path: Path
    ref: str
    requested: str

    @property
    def bumped(self) -> bool:
        """Whether the set was saved under a later patch version than submitted."""
        return self.ref != self.requested


def save(
    text_or_set: str | bytes | AssumptionSet,
    folder: str | os.PathLike[str],
    *,
    if_exists: Literal["bump", "refuse"] = "bump",
    name: str | None = None,
) -> SaveResult:
    """Validate an assumption set and write it to ``folder`` as a new file, never overwriting one.

    Parameters
    ----------
    text_or_set : str, bytes or AssumptionSet
        The TOML text of a set, or a loaded set that came from a file (its file's bytes are saved).
    folder : str or PathLike
        An existing folder.
    if_exists : {"bump", "refuse"}
        What to do when ``<id>@<version>.toml`` exists: save as the next free patch version (default), or
        raise :class:`AssumptionError`.
    name : str, optional
        What messages call the input; ``"<text>"`` or the set's file name by default.

    Returns
    -------
    SaveResult
        The file written and the ``id@version`` it holds.

    Raises
    ------
    AssumptionError
        The text is not a valid set, or the version exists and ``if_exists="refuse"``.
    BrainflopsError
        The folder does not exist or cannot be written.
    """
    if if_exists not in ("bump", "refuse"):
        raise BrainflopsError(f"if_exists must be 'bump' or 'refuse', got {if_exists!r}")
    data, label = _input_bytes(text_or_set, name)
    target = Path(folder)
    if not target.is_dir():
        raise BrainflopsError(f"cannot save into '{target}': no such folder")
    s = parse_set(data, label)
    requested = s.ref
    version = s.version
    for _ in range(MAX_PATCH_BUMPS + 1):
        path = target / f"{s.id}@{version}.toml"
        body = data if version == s.version else _with_version(data, label, s.version, version, target)
        if _claim(path, body):
            return SaveResult(path=path, ref=f"{s.id}@{version}", requested=requested)
        if if_exists == "refuse":
            raise AssumptionError(
                f"{s.id}@{version} already exists as {path}; a saved version is never overwritten "
                "(bump the version, or save with if_exists='bump')",
                file=label,
                found=str(path),
            )
        version = _next_patch(version)
    raise AssumptionError(
        f"no free version: {requested} and the next {MAX_PATCH_BUMPS} patch versions all exist in {target}",
        file=label,
    )


def _input_bytes(text_or_set: str | bytes | AssumptionSet, name: str | None) -> tuple[bytes, str]:
    if isinstance(text_or_set, AssumptionSet):
        if text_or_set.path is None:
            raise BrainflopsError(
                f"{text_or_set.ref} was not loaded from a file; save its TOML text "
                "(e.g. brainflops.export.to_toml) instead"
            )
        return read_bytes(text_or_set.path), name or text_or_set.path.name
    if isinstance(text_or_set, str):
        return text_or_set.encode("utf-8", errors="surrogatepass"), name or "<text>"
    if isinstance(text_or_set, bytes):
        return text_or_set, name or "<text>"
    raise BrainflopsError(f"save expects TOML text or an AssumptionSet, got {type(text_or_set).__name__}")


def _next_patch(version: str) -> str:
    major, minor, patch = (int(part) for part in version.split("."))
    return f"{major}.{minor}.{patch + 1}"


def _with_version(data: bytes, label: str, old: str, new: str, folder: Path) -> bytes:
    """The set's TOML with ``version`` set to ``new`` and a changelog line saying why (re-validated)."""
    import tomli_w

    raw = tomllib.loads(data.decode("utf-8"))  # parse_set has accepted it, so this cannot fail
    raw["version"] = new
    note = f"{new}: saved as {new} because {raw['id']}@{old} already existed in {folder}; content as submitted"
    raw["changelog"] = [note, *raw.get("changelog", [])]
    header = f"# {raw['id']}@{new}: submitted as version {old}, saved under the next free patch version.\n"
    text = (header + tomli_w.dumps(raw, multiline_strings=True)).encode("utf-8")
    if len(text) > MAX_FILE_BYTES:
        raise AssumptionError(f"with the version rewritten, the file exceeds {MAX_FILE_BYTES:,} bytes", file=label)
    parse_set(text, label)
    return text


def _claim(path: Path, body: bytes) -> bool:
    """Write ``body`` to ``path`` if and only if ``path`` does not exist; ``False`` if it does."""
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=".tmp")
    except OSError as exc:
        raise BrainflopsError(f"cannot write into '{folder}' ({exc.strerror})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if the name exists: never overwrites
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if not _claim_without_links(path, tmp):
                return False
        _fsync_folder(folder)
        return True
    except OSError as exc:
        raise BrainflopsError(f"cannot save '{path}' ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _claim_without_links(path: Path, tmp: Path) -> bool:
    """For file systems without hard links: reserve the name exclusively, then move the full file onto it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    os.replace(tmp, path)  # replaces only our own empty placeholder
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the new directory entry durable (best effort: not every platform can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def saved_versions(folder: str | os.PathLike[str], set_id: str) -> list[str]:
    """The versions of ``set_id`` saved in ``folder`` (by file name), oldest first."""
    pattern = re.compile(rf"^{re.escape(set_id)}@(\d+\.\d+\.\d+)\.toml$")
    found = [m.group(1) for p in Path(folder).glob(f"{set_id}@*.toml") if (m := pattern.match(p.name))]
    return sorted(found, key=lambda v: tuple(int(x) for x in v.split(".")))
