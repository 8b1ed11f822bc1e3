"""The ``wgkg`` command: a thin shell over the library functions of the same names."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from graph.build import UsageError, build
from graph.sources import Limits

__all__ = ["main"]


def _progress_factory(quiet: bool, label: str):
    """A tqdm bar on a terminal; nothing when piped or --quiet."""
    if quiet or not sys.stderr.isatty():
        return None

    def factory(total: int):
        from tqdm import tqdm

        bar = tqdm(total=total, desc=label, unit="file", file=sys.stderr, leave=False)
        return lambda: bar.update(1)

    return factory


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wgkg")
def cli() -> None:
    """wgkg: working-group minutes and ballot posts as a queryable knowledge graph.

    \b
    Typical session:
      wgkg build data/                 # read the bundled sample into out/
      wgkg query --list                # the named queries
      wgkg query attendance --format csv
      wgkg view coattendance -o coattendance.html
    """


@cli.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Output folder: graph.trig, store/, report.json.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: cores, max 4).")
@click.option("--max-file-bytes", type=int, default=Limits.max_file_bytes, show_default=True,
              help="Larger files are reported and skipped.")
@click.option("--max-line-chars", type=int, default=Limits.max_line_chars, show_default=True,
              help="Longer lines are reported and not read for facts.")
@click.option("--seconds-per-file", type=float, default=60.0, show_default=True,
              help="Extraction of one file is stopped after this long.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every warning.")
def build_cmd(sources, out, jobs, max_file_bytes, max_line_chars, seconds_per_file, quiet,
              verbose):
    """Read minutes and ballot posts (*.md, recursively) into a knowledge graph.

    Writes OUT/graph.trig (every named graph, deterministic), the embedded
    SPARQL store OUT/store/ and OUT/report.json. Rebuilding into the same OUT
    re-reads only changed files. Exit status: 0 all files built, 1 some files
    failed (the rest is built), 2 bad usage.

    \b
    Examples:
      wgkg build data/
      wgkg build minutes/2023 minutes/2024 --out build/
      wgkg build ../shared/corpus/cabforum/2022 -q && wgkg query meetings
    """
    limits = Limits(max_file_bytes=max_file_bytes, max_line_chars=max_line_chars)
    try:
        report = build(list(sources), out, limits=limits, jobs=jobs,
                       seconds_per_file=seconds_per_file,
                       progress=_progress_factory(quiet, "extracting"))
    except UsageError as err:
        raise click.UsageError(str(err)) from None
    for f in report.files:
        for p in f.problems:
            if p.severity == "error" or verbose:
                where = f"{f.path}:{p.line}" if p.line else f.path
                click.echo(f"{p.severity}: {where}: {p.message}", err=True)
    if not quiet:
        c = report.counts
        click.echo(
            f"Built {len(report.files) - len(report.failed)} of {len(report.files)} documents "
            f"into {out}/ in {report.seconds:.1f} s: {c.get('Meeting', 0)} documents, "
            f"{c.get('Attendance', 0)} attendances, {c.get('Topic', 0)} topics, "
            f"{c.get('BallotMention', 0)} ballot mentions, {c.get('triples', 0)} triples "
            f"({report.changed_graphs} graphs changed, {report.removed_graphs} removed).")
        warnings = sum(p.severity == "warning" for f in report.files for p in f.problems)
        if warnings and not verbose:
            click.echo(f"{warnings} warnings (see {out}/report.json or use --verbose).")
        if report.failed:
            click.echo(f"{len(report.failed)} file(s) failed: see the errors above.", err=True)
    sys.exit(report.exit_code)


def _print_rows(rows, fmt: str) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\r\n")
        writer.writerow(rows.columns)
        writer.writerows(rows.rows)
    elif fmt == "json":
        json.dump([dict(zip(rows.columns, r, strict=True)) for r in rows.rows], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        widths = [min(max([len(c)] + [len(r[i]) for r in rows.rows]), 60)
                  for i, c in enumerate(rows.columns)]
        line = "  ".join(c.ljust(w) for c, w in zip(rows.columns, widths, strict=True))
        click.echo(line.rstrip())
        click.echo("  ".join("-" * w for w in widths))
        for r in rows.rows:
            cells = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w)
                     for v, w in zip(r, widths, strict=True)]
            click.echo("  ".join(cells).rstrip())
        click.echo(f"({len(rows.rows)} rows)", err=True)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.UsageError(f"--param {pair!r} must be KEY=VALUE")
        key, value = pair.split("=", 1)
        params[key.strip()] = value
    return params


@cli.command("query")
@click.argument("query_name", required=False)
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder to query.")
@click.option("--endpoint", help="Query a remote SPARQL 1.1 endpoint instead.")
@click.option("--backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
              show_default=True, help="Embedded store, or rdflib in memory (slower).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--queries", "query_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Extra folder of NAME.rq files (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("--describe", is_flag=True, help="Describe the query's parameters and columns.")
def query_cmd(query_name, store_dir, endpoint, backend, params, fmt, query_dirs, list_, describe):
    """Run a named query, a .rq file or SPARQL text against a build.

    Parameters are bound as RDF terms, never pasted into the query.

    \b
    Examples:
      wgkg query --list
      wgkg query attendance --format csv
      wgkg query attendance -p person="Dean Coclin" -p from=2022-06-01
      wgkg query my-query.rq --store build/
      wgkg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      wgkg query meetings --endpoint http://127.0.0.1:7878/query
    """
    from graph.query import catalogue, find_query, run_query
    from graph.store import open_store

    extra = list(query_dirs)
    if list_:
        for name, q in sorted(catalogue(extra).items()):
            click.echo(f"{name:18} {q.description}")
        return
    if not query_name:
        raise click.UsageError("name a query (wgkg query --list shows them)")
    try:
        q = find_query(query_name, extra)
    except (KeyError, FileNotFoundError) as err:
        raise click.UsageError(str(err).strip('"')) from None
    if describe:
        click.echo(f"{q.name}: {q.description}")
        for name, (kind, help_) in q.params.items():
            click.echo(f"  --param {name}=<{kind}>  {help_}")
        click.echo(f"  columns: {', '.join(q.columns)}")
        return
    try:
        store = open_store(store_dir, backend=backend, endpoint=endpoint)
        rows = run_query(store, q, _parse_params(params))
    except (FileNotFoundError, ValueError) as err:
        raise click.UsageError(str(err)) from None
    except (SyntaxError, RuntimeError, OSError) as err:
        click.echo(f"error: query {q.name} failed: {err}", err=True)
        sys.exit(1)
    _print_rows(rows, fmt)


@cli.command("push")
@click.option("--graph-store", required=True, help="Graph Store Protocol URL, e.g. "
              "http://127.0.0.1:7878/store")
@click.option("--endpoint", help="Query endpoint, used to find and delete graphs of removed "
              "documents.")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True)
def push_cmd(graph_store, endpoint, store_dir, quiet):
    """Load every document's named graph into a remote store (HTTP PUT per graph).

    Idempotent: pushing twice leaves the same data. With --endpoint, graphs of
    documents no longer in the build are deleted remotely.

    \b
    Examples:
      wgkg push --graph-store http://127.0.0.1:7878/store --endpoint http://127.0.0.1:7878/query
      wgkg push --graph-store http://localhost:3030/wg/data --endpoint http://localhost:3030/wg/sparql
    """
    from graph.store import OxigraphStore, RemoteStore

    if not (store_dir / "store").is_dir():
        raise click.UsageError(f"no store in {store_dir}: run 'wgkg build' first")
    local = OxigraphStore(store_dir / "store", read_only=True)
    graphs = list(local.named_graph_ntriples())
    factory = _progress_factory(quiet, "pushing")
    tick = factory(len(graphs)) if factory else None
    result = RemoteStore(endpoint, graph_store).push(graphs, progress=tick)
    for graph, error in result.failed:
        click.echo(f"error: {graph}: {error}", err=True)
    if not quiet:
        click.echo(f"Pushed {len(result.pushed)} graphs, removed {len(result.removed)}, "
                   f"{len(result.failed)} failed.")
    sys.exit(1 if result.failed else 0)


@cli.command("validate")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder to check.")
@click.option("--shapes", type=click.Path(path_type=Path, exists=True), default=None,
              help="SHACL shapes file (default: ontology/shapes.ttl).")
def validate_cmd(store_dir, shapes):
    """Check a build against the SHACL shapes; exit 1 on violations.

    \b
    Examples:
      wgkg validate
      wgkg validate --store build/ --shapes my-shapes.ttl
    """
    from graph.validate import validate

    try:
        violations = validate(store_dir, **({"shapes": shapes} if shapes else {}))
    except FileNotFoundError as err:
        raise click.UsageError(str(err)) from None
    for v in violations:
        click.echo(str(v))
    click.echo(f"{len(violations)} violation(s)." if violations else "The build conforms to the shapes.")
    sys.exit(1 if violations else 0)


@cli.command("explain")
@click.argument("name")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder.")
def explain_cmd(name, store_dir):
    """Show every spelling taken as NAME's person, and the rule that joined it.

    \b
    Examples:
      wgkg explain "Inaba Atsushi"
      wgkg explain "Martijn Katerbarg" --store build/
    """
    from graph.explaining import explain

    try:
        rows = explain(name, store_dir)
    except FileNotFoundError as err:
        raise click.UsageError(str(err)) from None
    if not rows:
        click.echo(f"No person named {name!r} in {store_dir}.", err=True)
        sys.exit(1)
    click.echo(f"{rows[0]['person']}:")
    for row in rows:
        click.echo(f"  {row['spelling']!r} ({row['documents']} listing(s)): {row['rule']}")


@cli.command("view")
@click.argument("kind", type=click.Choice(["attendance", "coattendance", "ballots", "votes",
                                           "topics", "ego"]))
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="HTML file to write (default: KIND.html).")
@click.option("--group", help="Only meetings of this working group (full name).")
@click.option("--from", "date_from", help="Only meetings on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Only meetings on or before this date (YYYY-MM-DD).")
@click.option("--min-weight", type=int, default=1, show_default=True,
              help="Hide links lighter than this (e.g. meetings shared).")
@click.option("--top", type=int, default=None, help="Keep only the N most connected nodes.")
@click.option("--center", help="For ego: the person, ballot or organisation at the centre.")
@click.option("--radius", type=int, default=1, show_default=True, help="For ego: how many hops.")
@click.option("--size-by", type=click.Choice(["weighted_degree", "degree", "betweenness", "count"]),
              default="weighted_degree", show_default=True, help="Node size metric.")
@click.option("--export", "export_path", type=click.Path(path_type=Path), default=None,
              help="Also write the network as .graphml or .gexf (Gephi).")
def view_cmd(kind, store_dir, output, group, date_from, date_to, min_weight, top, center, radius,
             size_by, export_path):
    """Write an interactive network page (self-contained HTML, works offline).

    \b
    Kinds:
      attendance    people and the meetings they attended
      coattendance  people linked by meetings attended together
      ballots       people and the ballots they proposed, endorsed or meant to endorse
      votes         organisations and their votes on ballots
      topics        people and the agenda topics they spoke under
      ego           the neighbourhood of one person, ballot or organisation (--center)

    \b
    Examples:
      wgkg view coattendance -o coattendance.html
      wgkg view attendance --group "Code Signing Certificate Working Group" --from 2023-01-01
      wgkg view ego --center "Dean Coclin" --radius 2
      wgkg view votes --export votes.gexf
    """
    from graph.network import export
    from graph.views import view

    try:
        page = view(kind, store_dir, group=group, date_from=date_from, date_to=date_to,
                    min_weight=min_weight, top=top, center=center, radius=radius, size_by=size_by)
    except (FileNotFoundError, ValueError, KeyError) as err:
        raise click.UsageError(str(err).strip('"')) from None
    output = page.save(output or Path(f"{kind}.html"))
    g = page.graph
    if export_path:
        try:
            export(g, export_path)
        except ValueError as err:
            raise click.UsageError(str(err)) from None
    click.echo(f"Wrote {output} ({len(g)} nodes, {g.number_of_edges()} links).")


def main() -> None:
    cli(prog_name="wgkg")
