"""``make run``: build the bundled sample, then show a summary and two example queries."""

from __future__ import annotations

import sys
from pathlib import Path

from graph.build import build
from graph.query import find_query, run_query
from graph.store import open_store


def main(source: str = "data", out: str = "out") -> int:
    report = build([Path(source)], out)
    c = report.counts
    print(f"Built {out}/ from {source}/: {len(report.files)} documents, "
          f"{c.get('Attendance', 0)} attendances, {c.get('Topic', 0)} topics, "
          f"{c.get('BallotMention', 0)} ballot mentions, {c.get('triples', 0)} triples.")
    for f in report.failed:
        print(f"  failed: {f.path}: {f.problems[-1].message}")
    store = open_store(out)
    examples = [("meetings", {}, ["date", "group", "title"]),
                ("attendance", {"person": _someone(store)}, ["date", "person", "organization"]),
                ("ballot-roles", {}, ["ballot", "person", "organization", "role"])]
    for name, params, columns in examples:
        rows = run_query(store, find_query(name), params)
        shown = " ".join(f"-p {k}={v!r}" for k, v in params.items())
        print(f"\n$ wgkg query {name} {shown}".rstrip() + f"   ({len(rows.rows)} rows; first 5, "
              f"columns {', '.join(columns)})")
        index = [rows.columns.index(c) for c in columns]
        for row in rows.rows[:5]:
            print("  " + " | ".join(row[i] or "–" for i in index))
    views = _views(out)
    print("\nNext: wgkg query --list · wgkg query attendance --format csv · "
          "notebooks/ (jupyter lab) · wgkg build YOUR_MINUTES/ --out mine/")
    for path in views:
        print(f"View: {path}")
    print(f"Site: {_site(out, source)} (open it in a browser; wgkg site --help)")
    return report.exit_code


def _someone(store) -> str:
    rows = store.select("PREFIX wg: <https://w3id.org/wgkg/ontology#> "
                        "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
                        "SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a a wg:Attendance ; wg:person ?p . "
                        "?p foaf:name ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1")
    return rows.rows[0][0] if rows.rows else ""


def _site(out: str, source: str) -> Path:
    from graph.site import site

    return site(out, Path(out) / "site", sources=[source]).index


def _views(out: str) -> list[Path]:
    from graph.views import write_default_views

    return write_default_views(Path(out))


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
