"""Normalised keys for names of people, organisations and groups.

Two spellings with the same key are the same entity. Keys fold case and
diacritics, drop punctuation and, for people, ignore name order and middle
initials:

>>> person_key("Iñigo Barreira") == person_key("inigo barreira")
True
>>> person_key("Inaba Atsushi") == person_key("Atsushi INABA")
True
>>> person_key("Corey J. Bonnell") == person_key("Corey Bonnell")
True
>>> org_key("DigiCert, Inc.") == org_key("Digicert")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "person_key", "org_key", "slug"]

_ORG_SUFFIXES = {
    "inc", "ltd", "llc", "gmbh", "ag", "sa", "as", "bv", "co", "corp", "corporation",
    "limited", "spa", "sdn", "bhd", "plc", "srl", "sl", "oy", "ab", "nv",
}


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, curly quotes made straight, spaces collapsed."""
    if text.isascii():
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("ı", "i")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w']+", fold(text).replace("'", "")) if t]


@functools.lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """Order-insensitive key of a person's name; middle initials are ignored."""
    tokens = _tokens(name)
    if len(tokens) > 2:
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if len(t) > 1] + [tokens[-1]]
    return " ".join(sorted(tokens))


@functools.lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    """Key of an organisation's name: case, punctuation and legal suffixes ignored."""
    tokens = _tokens(name.replace("&", " and "))
    while len(tokens) > 1 and tokens[-1] in _ORG_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable, IRI-safe slug: ``slug("Tim Hollebeek") == 'tim-hollebeek'``."""
    return "-".join(_tokens(text)) or "unnamed"
