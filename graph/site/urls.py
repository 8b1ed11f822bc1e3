"""Stable page addresses derived from IRIs.

A page's file name is the slug of its IRI's local part, so it moves only when the IRI
does (a person's IRI does not change when a spelling is added)::

    >>> u = Urls()
    >>> u.add("person", "https://w3id.org/wgkg/id/person/bruce-morton")
    'person/bruce-morton.html'
    >>> u.add("ballot", "https://w3id.org/wgkg/id/ballot/CSC-17")
    'ballot/csc-17.html'
    >>> u.add("source", "2022/2022-09-22-minutes.md")
    'source/2022-2022-09-22-minutes.md.html'

Two IRIs with the same slug are told apart by a short digest of the IRI::

    >>> u.add("person", "https://w3id.org/wgkg/id/person/Bruce-Morton")
    'person/bruce-morton-75904255.html'
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["Urls", "local_part"]

_UNSAFE = re.compile(r"[^a-z0-9._-]+")  # e.g. "/" and spaces in "2022/2022-01-05 x.md"
MAX_SLUG = 150


def local_part(iri: str) -> str:
    """What follows ``/id/KIND/`` in a wgkg IRI (the whole string otherwise)."""
    m = re.search(r"/id/[a-z]+/(.+)$", iri)
    return m[1] if m else iri


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def _slug(key: str) -> str:
    """A safe file name stem; a long one is cut and told apart by a digest (names stay < 255 bytes)."""
    slug = _UNSAFE.sub("-", local_part(key).lower()).strip("-.") or "unnamed"
    return slug if len(slug) <= MAX_SLUG else f"{slug[:MAX_SLUG - 9]}-{_digest(key)}"


class Urls:
    """Page paths (relative to the site root) for ``(kind, key)`` pairs; keys are IRIs or paths."""

    def __init__(self) -> None:
        self._paths: dict[tuple[str, str], str] = {}
        self._taken: set[str] = set()

    def add(self, kind: str, key: str) -> str:
        """The path of ``key``'s page, assigned on first sight."""
        if (kind, key) in self._paths:
            return self._paths[(kind, key)]
        path = f"{kind}/{_slug(key)}.html"
        if path in self._taken:
            path = f"{kind}/{_slug(key)}-{_digest(key)}.html"
        self._taken.add(path)
        self._paths[(kind, key)] = path
        return path

    def get(self, kind: str, key: str) -> str | None:
        """The path of ``key``'s page, or None when it has none."""
        return self._paths.get((kind, key))
