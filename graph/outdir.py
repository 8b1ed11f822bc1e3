"""The output folder of a build: owned, locked, and changed in one step.

- **Owned**: wgkg writes only into a folder it made. It leaves a marker file
  (``.wgkg``) in every output folder; a folder that is neither empty, nor marked,
  nor the output of an earlier wgkg version is refused and nothing in it is touched.
- **Locked**: one build at a time. A build holds an exclusive lock on ``.wgkg.lock``
  (which names its process and start time) from start to end; a second build is
  refused with that name.
- **Committed in one step**: ``store`` is a symbolic link to a complete store
  generation (``.store-ID/``), replaced by one atomic rename, so a query always
  finds a whole store. The new ``graph.trig``, ``manifest.json`` and store link are
  listed in a journal (``.wgkg.commit``) before they are renamed into place; a
  build killed between the renames is completed by the next build (or query).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, builds are not excluded
    fcntl = None  # type: ignore[assignment]

__all__ = ["FolderError", "MARKER", "claim", "lock", "new_generation", "commit", "recover",
           "store_generation"]

MARKER = ".wgkg"
LOCK = ".wgkg.lock"
JOURNAL = ".wgkg.commit"
TRIG_HEADER = "# wgkg knowledge graph"


class FolderError(Exception):
    """The output folder cannot be used: not wgkg's, or another build is writing it."""


def _is_rocksdb(folder: Path) -> bool:
    """A store folder as pyoxigraph (RocksDB) writes it, and nothing else."""
    names = {p.name for p in folder.iterdir()}
    return "CURRENT" in names and all(
        n in {"CURRENT", "IDENTITY", "LOCK"} or n.startswith(("LOG", "MANIFEST-", "OPTIONS-"))
        or n.endswith((".sst", ".log", ".blob", ".dbtmp")) for n in names)


def _earlier_build(out: Path) -> bool:
    """An output folder of a wgkg version that wrote no marker."""
    trig = out / "graph.trig"
    try:
        with trig.open(encoding="utf-8") as f:
            if not f.readline().startswith(TRIG_HEADER):
                return False
    except (OSError, UnicodeDecodeError):
        return False
    store = out / "store"
    return store.is_symlink() or not store.exists() or (store.is_dir() and _is_rocksdb(store))


def claim(out: Path) -> None:
    """Make ``out`` (with its marker) or check that it is wgkg's; raise FolderError if not."""
    if out.exists() and not out.is_dir():
        raise FolderError(f"output {out} exists and is not a folder")
    try:
        _claim(out)
    except OSError as err:
        raise FolderError(f"cannot write into output folder {out}: "
                          f"{err.strerror or err}") from None


def _claim(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if (out / MARKER).exists():
        return _check_store(out)
    if any(out.iterdir()) and not _earlier_build(out):
        raise FolderError(f"output folder {out} is not empty and was not made by wgkg (it has "
                          f"no {MARKER} file); nothing was changed: choose a new or empty folder")
    (out / MARKER).write_text("This folder is written by wgkg build.\n", encoding="utf-8")
    _check_store(out)


def _check_store(out: Path) -> None:
    store = out / "store"
    if store.is_dir() and not store.is_symlink() and not _is_rocksdb(store):
        raise FolderError(f"{store} is not a store made by wgkg; nothing was changed: move it "
                          "away or choose another output folder")


@contextlib.contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold the build lock of ``out``; raise FolderError naming the build that holds it."""
    try:
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise FolderError(f"cannot write into output folder {out}: "
                          f"{err.strerror or err}") from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
                raise FolderError(f"another build is writing {out} ({holder}); wait for it to "
                                  "finish or choose another --out") from None
        started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def store_generation(out: Path) -> str:
    """The name of the store generation ``out/store`` points to ('' when none)."""
    link = out / "store"
    return os.readlink(link) if link.is_symlink() else ""


def new_generation(out: Path) -> Path:
    """A fresh, empty name for a store generation in ``out``."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    return out / f".store-{stamp}-{os.getpid()}"


def _write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def commit(out: Path, trig_tmp: Path, manifest_tmp: Path, generation: Path) -> None:
    """Put a finished build in place: journal first, then the renames, then clean up."""
    _write_json(out / JOURNAL, {"trig": trig_tmp.name, "manifest": manifest_tmp.name,
                                "store": generation.name})
    recover(out)


def recover(out: Path) -> None:
    """Complete a commit that was interrupted (idempotent), then remove unused generations."""
    try:
        journal = json.loads((out / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal = None
    if isinstance(journal, dict) and (out / str(journal.get("store"))).is_dir():
        _switch_store(out, str(journal["store"]))
        for key, final in (("trig", "graph.trig"), ("manifest", "manifest.json")):
            tmp = out / str(journal.get(key))
            if tmp.is_file():
                os.replace(tmp, out / final)
    (out / JOURNAL).unlink(missing_ok=True)
    current = store_generation(out)
    for old in out.glob(".store-*"):
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in ("store.new", "store.old"):  # the staging names of earlier versions
        shutil.rmtree(out / leftover, ignore_errors=True)
    for leftover in ("graph.trig.tmp", "manifest.json.tmp", "cache.json.tmp", "store.link.tmp"):
        (out / leftover).unlink(missing_ok=True)  # what a stopped build was writing


def _switch_store(out: Path, generation: str) -> None:
    """Point ``out/store`` at ``generation`` with one atomic rename."""
    link = out / "store"
    if link.is_dir() and not link.is_symlink():  # a store of an earlier version: keep it aside
        os.replace(link, out / ".store-earlier")
    tmp = out / "store.link.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(generation, tmp)
    os.replace(tmp, link)
