"""The ``wgkg`` command: a thin shell over the library functions of the same names."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

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
@click.option("--profile", default="",
              help="Read every document with this source profile (ontology/profiles/), e.g. "
                   "tc39; by default a folder's wgkg.yaml or each document's layout decides.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list every warning and the seconds spent in each stage.")
def build_cmd(sources, out, jobs, max_file_bytes, max_line_chars, seconds_per_file, profile,
              quiet, verbose):
    """Read minutes and ballot posts (*.md, recursively) into a knowledge graph.

    Writes OUT/graph.trig (every named graph, deterministic), the embedded
    SPARQL store OUT/store/ and OUT/report.json. Rebuilding into the same OUT
    re-reads only changed files. Exit status: 0 all files built, 1 some files
    failed (the rest is built), 2 bad usage, another build writing into OUT, or
    an OUT that wgkg did not make (nothing in it is touched).

    \b
    Examples:
      wgkg build data/
      wgkg build minutes/2023 minutes/2024 --out build/
      wgkg build ../shared/corpus/cabforum/2022 -q && wgkg query meetings
      wgkg build ../shared/corpus/tc39 --out tc39/          # TC39 notes: profile chosen by layout
      wgkg build notes/ --profile tc39                      # name the profile yourself
    """
    from graph.build import UsageError, build

    limits = Limits(max_file_bytes=max_file_bytes, max_line_chars=max_line_chars)
    try:
        report = build(list(sources), out, limits=limits, jobs=jobs,
                       seconds_per_file=seconds_per_file,
                       progress=_progress_factory(quiet, "extracting"), profile=profile)
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
        if c.get("unattributed"):
            click.echo(f"{c['unattributed']} statements or actions read in prose name no one "
                       f"present (often a capitalised word taken for a name) and were not "
                       f"written; each is listed with its line under \"unread\" in "
                       f"{out}/report.json.")
        if report.failed:
            click.echo(f"{len(report.failed)} file(s) failed: see the errors above.", err=True)
    if verbose:
        stages = sorted(report.stages.items(), key=lambda kv: -kv[1])
        click.echo("Seconds by stage (workers: summed over the files they read): " +
                   ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in stages), err=True)
    for note in report.repairs:
        click.echo(f"note: {note}", err=True)
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
        sys.stdout.flush()  # the count follows the table, on a line of its own
        click.echo(f"({len(rows.rows)} rows)", err=True)


def _unknown_value(err: Exception) -> None:
    """Say on stderr what a parameter value was looked for as, and exit with EXIT_UNKNOWN."""
    from graph.parameters import EXIT_UNKNOWN

    click.echo(f"error: {err}", err=True)
    sys.exit(EXIT_UNKNOWN)


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
@click.option("--allow-service", is_flag=True, help="Let the query call other endpoints "
              "(SERVICE); off by default.")
def query_cmd(query_name, store_dir, endpoint, backend, params, fmt, query_dirs, list_, describe,
              allow_service):
    """Run a named query, a .rq file or SPARQL text against a build.

    Parameters are bound as RDF terms, never pasted into the query. Values
    are resolved like the data: a person, organisation, group or ballot by
    any spelling the build has seen (-p person="Inaba Atsushi", -p ballot=csc17,
    -p group=CSCWG); dates are exactly YYYY-MM-DD.

    Exit status: 0 rows printed (maybe none), 1 the query failed, 2 bad usage
    (unknown parameter, a date not written YYYY-MM-DD), 3 a parameter value
    matches nothing in the build (the closest known values are printed).

    \b
    Examples:
      wgkg query --list
      wgkg query attendance --format csv
      wgkg query attendance -p person="Dean Coclin" -p from=2022-06-01
      wgkg query my-query.rq --store build/
      wgkg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      wgkg query meetings --endpoint http://127.0.0.1:7878/query
    """
    from graph.query import UnknownValue, catalogue, find_query, run_query
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
        store = open_store(store_dir, backend=backend, endpoint=endpoint,
                           allow_service=allow_service)
        rows = run_query(store, q, _parse_params(params))
    except UnknownValue as err:
        _unknown_value(err)
    except (FileNotFoundError, ValueError) as err:
        raise click.UsageError(str(err)) from None
    except (SyntaxError, RuntimeError, OSError) as err:
        click.echo(f"error: query {q.name} failed: {err}", err=True)
        sys.exit(1)
    _print_rows(rows, fmt)


SEARCH_FILTERS = {"group": "group", "from": "date_from", "to": "date_to", "meeting": "meeting"}


@cli.command("search")
@click.argument("text")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder to search.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Filter: group=NAME|SHORT|PREFIX, from=YYYY-MM-DD, to=YYYY-MM-DD, "
                   "meeting=IRI|PATH (repeatable).")
@click.option("--words", is_flag=True, help="Match every word in any order, not the phrase.")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def search_cmd(store_dir, text, params, words, limit, fmt):
    """Full-text search over every paragraph, list item, heading and table of the build.

    TEXT is matched as a phrase (case, accents and punctuation ignored; its
    last word also as the start of a longer one: service, services); rows are
    ranked best first, each with its file (source), line, date, group,
    meeting, section and a snippet with the match in [brackets]. Exit status:
    0 rows printed (maybe none), 1 the index cannot be read (rebuild), 2 bad
    usage (a date not YYYY-MM-DD), 3 a group that matches nothing in the build.

    \b
    Examples:
      wgkg search "signing service"
      wgkg search "signing service" -p group=CSCWG -p from=2023-01-01
      wgkg search "key escrow" --words --format csv
    """
    from graph.parameters import UnknownValue
    from graph.search import find

    filters = {}
    for key, value in _parse_params(params).items():
        if key not in SEARCH_FILTERS:
            raise click.UsageError(f"search has no filter {key!r}; it takes: "
                                   f"{', '.join(SEARCH_FILTERS)}")
        filters[SEARCH_FILTERS[key]] = value
    try:
        rows = find(text, store_dir, words=words, limit=limit, **filters)
    except UnknownValue as err:
        _unknown_value(err)
    except (FileNotFoundError, ValueError) as err:
        raise click.UsageError(str(err)) from None
    except RuntimeError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(1)
    _print_rows(rows, fmt)


@cli.command("push")
@click.option("--graph-store", required=True, help="Graph Store Protocol URL, e.g. "
              "http://127.0.0.1:7878/store")
@click.option("--endpoint", help="Query endpoint, used to find and delete graphs of removed "
              "documents.")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path))
@click.option("--delete-others", is_flag=True, help="Also delete remote wgkg graphs that were "
              "not pushed from this build folder (by default they are kept and listed).")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds one request may take in all, however slowly the server answers.")
@click.option("--total", type=click.FloatRange(min=1), default=600.0, show_default=True,
              help="Seconds the whole push may take; no request starts after that.")
@click.option("--update", help="SPARQL 1.1 Update endpoint: send up to --batch graphs per "
              "request instead of one PUT per graph.")
@click.option("--batch", type=click.IntRange(min=1), default=100, show_default=True,
              help="Graphs per request with --update.")
@click.option("--parallel", type=click.IntRange(min=1), default=1, show_default=True,
              help="Requests in flight at a time.")
@click.option("--request-bytes", type=click.IntRange(min=1), default=8_000_000,
              show_default=True, help="N-Triples bytes per request at most; a larger graph "
              "goes in several requests (Virtuoso refuses a body over 10 MB).")
@click.option("-q", "--quiet", is_flag=True)
def push_cmd(graph_store, endpoint, store_dir, delete_others, timeout, total, update, batch,
             parallel, request_bytes, quiet):
    """Load every document's named graph into a remote store (HTTP PUT per graph, or
    batches of SPARQL updates with --update).

    Idempotent: pushing twice leaves the same data. With --endpoint, graphs the
    server already holds as this build has them (by digest, recorded in
    STORE/pushed.json) are not sent again, so an interrupted push resumes; graphs this
    build folder pushed before whose documents are gone are deleted remotely; other
    wgkg graphs on the server are kept unless --delete-others. Transient failures are
    retried; after 3 failed requests in a row, or a server that does not answer, the
    push stops and says why.

    \b
    Examples:
      wgkg push --graph-store http://127.0.0.1:7878/store --endpoint http://127.0.0.1:7878/query
      wgkg push --graph-store http://localhost:3030/wg/data --endpoint http://localhost:3030/wg/sparql
      wgkg push --graph-store http://localhost:8890/sparql-graph-crud \\
        --endpoint http://localhost:8890/sparql --update http://localhost:8890/sparql --parallel 4
    """
    from graph.store import push

    if not (store_dir / "store").is_dir():
        raise click.UsageError(f"no store in {store_dir}: run 'wgkg build' first")
    result = push(store_dir, graph_store, endpoint, delete_others=delete_others,
                  progress=_progress_factory(quiet, "pushing"), timeout=timeout, total=total,
                  update=update, batch=batch, parallel=parallel, request_bytes=request_bytes)
    for cause, graphs in result.causes().items():
        click.echo(f"error: {len(graphs)} graph(s): {cause} (first: {graphs[0]})", err=True)
    if result.kept and not quiet:
        click.echo(f"Kept {len(result.kept)} remote graphs not pushed from {store_dir} "
                   "(--delete-others deletes them).")
    if not quiet or result.failed:
        same = f" ({len(result.unchanged)} already up to date, not sent)" if result.unchanged else ""
        click.echo(f"Pushed {len(result.pushed) + len(result.unchanged)} graphs, removed "
                   f"{len(result.removed)}, {len(result.failed)} failed.{same}", err=bool(quiet))
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
    except OSError as err:  # a store that cannot be read
        click.echo(f"error: {err}", err=True)
        sys.exit(1)
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


def _view_help() -> str:
    from graph.view_kinds import VIEW_KINDS

    kinds = "\n".join(f"  {name:<13} {kind.description}" for name, kind in VIEW_KINDS.items())
    return "\n".join([
        "Write an interactive network page (self-contained HTML, works offline).", "",
        "\b", "Kinds:", kinds, "",
        "\b", "Examples:",
        "  wgkg view coattendance -o coattendance.html",
        '  wgkg view attendance --group "Code Signing Certificate Working Group" --from 2023-01-01',
        "  wgkg view coattendance --min-weight 5",
        '  wgkg view ego --center "Dean Coclin" --radius 2 --top 60',
        "  wgkg view votes --export votes.gexf"])


def _view_kinds() -> list[str]:
    from graph.view_kinds import VIEW_KINDS

    return list(VIEW_KINDS)


@cli.command("view", help=_view_help())
@click.argument("kind", type=click.Choice(_view_kinds()))
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="HTML file to write (default: KIND.html).")
@click.option("--group", help="Only meetings of this working group (name, short name or prefix: "
                              "CSCWG, Code Signing).")
@click.option("--from", "date_from", help="Only meetings on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Only meetings on or before this date (YYYY-MM-DD).")
@click.option("--min-weight", type=int, default=1, show_default=True,
              help="Hide links lighter than this (e.g. meetings shared).")
@click.option("--top", type=int, default=None,
              help="Keep only the N most connected nodes (ego: the N strongest neighbours, "
                   "default 40).")
@click.option("--center", help="For ego: the person, ballot or organisation at the centre.")
@click.option("--radius", type=int, default=1, show_default=True, help="For ego: how many hops.")
@click.option("--size-by", type=click.Choice(["weighted_degree", "degree", "betweenness", "count"]),
              default="weighted_degree", show_default=True, help="Node size metric.")
@click.option("--export", "export_path", type=click.Path(path_type=Path), default=None,
              help="Also write the network as .graphml or .gexf (Gephi).")
@click.option("--all-topics", is_flag=True,
              help="For topics: also show routine items (roll call, minutes, antitrust…).")
def view_cmd(kind, store_dir, output, group, date_from, date_to, min_weight, top, center, radius,
             size_by, export_path, all_topics):
    from graph.network import export
    from graph.views import view

    try:
        page = view(kind, store_dir, group=group, date_from=date_from, date_to=date_to,
                    min_weight=min_weight, top=top, center=center, radius=radius, size_by=size_by,
                    all_topics=all_topics)
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


@cli.command("serve")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens it to the network).")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=int, default=100_000, show_default=True,
              help="Rows (or triples) a result may hold; longer results are cut.")
@click.option("--workers", type=int, default=None,
              help="Queries run at once, each in its own process (default: cores, 2 to 4).")
@click.option("--queries", "query_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Extra folder of NAME.rq files (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
def serve_cmd(store_dir, host, port, timeout, max_rows, workers, query_dirs, quiet):
    """Serve a build read-only: a SPARQL 1.1 endpoint and a query page.

    \b
    URLs:
      /                           the query page (editor, examples, table, chart)
      /sparql                     SPARQL 1.1 Protocol: GET or POST; JSON, XML, CSV, TSV,
                                  Turtle, N-Triples, JSON-LD by Accept or format=
      /query/NAME.csv?KEY=VALUE   a named query (also .json, .tsv)
      /site/                      the site of 'wgkg site', when generated
    A rebuild into the same folder is picked up without a restart. Ctrl-C stops.

    \b
    Examples:
      wgkg serve
      wgkg serve --store build/ --port 8000 --timeout 10 --max-rows 5000
      curl 'http://127.0.0.1:7878/query/attendance.csv?person=Dean%20Coclin'
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from graph.serve import DEFAULT_WORKERS, serve

    def ready(server) -> None:
        click.echo(f"Serving {store_dir} at {server.url} (SPARQL endpoint {server.url}sparql); "
                   "Ctrl-C stops.")

    try:
        serve(store_dir, host, port, on_ready=ready, timeout=timeout, max_rows=max_rows,
              workers=workers or DEFAULT_WORKERS, query_dirs=list(query_dirs), quiet=quiet)
    except (FileNotFoundError, ValueError) as err:
        raise click.UsageError(str(err)) from None
    except OSError as err:
        raise click.UsageError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    click.echo("Stopped.")


@cli.command("site")
@click.option("--store", "store_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Build output folder.")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=None,
              help="Folder to write the site into (default: STORE/site).")
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path, exists=True),
              help="A folder given to build: its documents are shown line by line (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the path of index.html.")
def site_cmd(store_dir, out, sources, quiet):
    """Write a static site that opens offline: a page per person, organisation, ballot,
    meeting, group and source document, with index.html at the top.

    Every table names the query that gives its rows and links each row to the line of the
    document it was read from. A rebuild rewrites only the pages that changed.

    \b
    Examples:
      wgkg site --source data/                       # out/site/index.html
      wgkg site --store build/ -o public/ --source minutes/
      python -m http.server -d out/site              # or open out/site/index.html
    """
    from graph.site import site

    try:
        report = site(store_dir, out, sources=sources)
    except FileNotFoundError as err:
        raise click.UsageError(str(err)) from None
    if not quiet:
        click.echo(f"Wrote {report.written} files, {report.unchanged} unchanged, {report.removed} removed "
                   f"({report.pages} pages) in {report.seconds:.1f} s.", err=True)
    click.echo(str(report.index))


def main() -> None:
    cli(prog_name="wgkg")


if __name__ == "__main__":  # python -m graph.cli
    main()
