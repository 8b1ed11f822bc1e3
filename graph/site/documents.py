"""The text of the source documents, read again from the folders given to ``build``.

The store keeps each document's path and sha256, not its text; a document is shown
only when a file at that path under one of the folders has the same digest, so its
line numbers are the ones the facts point to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from graph.problems import BadInput
from graph.sources import decode

__all__ = ["read_sources"]


def _text(file: Path, sha256: str) -> str | None:
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(raw).hexdigest() != sha256:
        return None
    try:
        return decode(raw)[0]
    except BadInput:
        return None


def read_sources(documents: Iterable[dict[str, str]], roots: Iterable[Path]) -> dict[str, list[str]]:
    """``{path: lines}`` for each document (``documents`` query rows) found unchanged under ``roots``."""
    roots = [Path(r) for r in roots]
    found = {}
    for d in documents:
        for root in roots:
            file = root / d["source"] if root.is_dir() else root
            if root.is_file() and root.name != Path(d["source"]).name:
                continue
            text = _text(file, d["sha256"])
            if text is not None:
                found[d["source"]] = text.split("\n")
                break
    return found
