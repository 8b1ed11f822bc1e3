"""``explain``: which spellings make up a person, and by which rule they were joined."""

from __future__ import annotations

import json
from pathlib import Path

from graph.config import load_config
from graph.facts import fact_from_row
from graph.names import person_key
from graph.resolve import resolve_names

__all__ = ["explain"]


def explain(name: str, out: Path | str = "out") -> list[dict]:
    """Rows ``{person, spelling, rule, documents}`` for the person named ``name`` in a build."""
    cache = Path(out) / "cache.json"
    if not cache.exists():
        raise FileNotFoundError(f"{cache} not found: run 'wgkg build SOURCE --out {out}' first")
    docs = json.loads(cache.read_text(encoding="utf-8"))["docs"]
    facts = {path: [fact_from_row(f, path) for f in d["facts"]] for path, d in docs.items()}
    res = resolve_names(facts, load_config())
    key = res.listed.get((name, "")) or res.full_name(name)[0]
    if key not in res.display:
        matches = [k for k, display in res.display.items() if person_key(display) == person_key(name)]
        key = matches[0] if matches else key
    if key not in res.display:
        return []
    rows = []
    for spelling, count in sorted(res.spellings[key].items()):
        rows.append({"person": res.display[key], "spelling": spelling,
                     "rule": res.reasons.get((spelling, key), ""), "documents": count})
    return rows
