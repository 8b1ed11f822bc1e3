"""Full-text search over every heading, paragraph, list item and table of every document.

The index is ``OUT/search.sqlite``, an SQLite FTS5 table (SQLite ships with
Python; FTS5 tokenises with ``unicode61``, so case and accents are ignored) with
one row per block of the document model (:func:`graph.markdown.read_model`): its
text with hard-wrapped lines joined, the document's path, date, working group and
meeting, and the file line of each of its lines. :class:`IndexUpdate` is run by
every build, fed the blocks of each document as it is read; documents whose content
and description did not change are left as they are.

:func:`find` answers a search as :class:`~graph.store.Rows` (``wgkg search``),
:func:`search` as a pandas DataFrame. The text is matched as a phrase (its words
in order, punctuation ignored, the last word also as the start of a longer one);
``words=True`` matches blocks holding every word in any order. Rows are ranked
by BM25, then by date and place.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from graph.markdown import Model, read_model
from graph.parameters import check_date
from graph.sources import read_document
from graph.store import Rows, Store, open_store
from graph.vocab import meeting_iri

__all__ = ["INDEX_NAME", "COLUMNS", "IndexUpdate", "index_rows", "find",
           "search", "fts_query"]

INDEX_NAME = "search.sqlite"
INDEX_VERSION = "3"  # bump when what a row holds changes: every document is re-indexed
COLUMNS = ["source", "line", "date", "group", "meeting", "section", "snippet"]
SNIPPET_WORDS = 16

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, stamp TEXT, date TEXT, grp TEXT,
                                 meeting TEXT, first_row INTEGER, last_row INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS blocks USING fts5(
    text, section UNINDEXED, path UNINDEXED, line UNINDEXED, lines UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2');
"""
_WORD = re.compile(r"\w+")  # what FTS5's unicode61 tokeniser keeps: letters and digits


class Extracted(Protocol):
    """What the build knows of one document: its sha256, its facts and, when it was
    read by this build, its index rows (None: read the file again)."""

    sha256: str
    facts: list
    index_rows: list[Row] | None


def _describe(path: str, facts: list) -> tuple[str, str, str]:
    """``(date, group, meeting IRI)`` of a document from its Meeting fact."""
    from graph.kinds.meeting import Meeting

    m = next((f for f in facts if isinstance(f, Meeting)), None)
    if m is None:
        return "", "", ""
    meeting = meeting_iri(path).value if m.records_meeting else ""
    return (m.date if meeting else m.posted) or "", m.group, meeting


Row = tuple[str, str, str, int, str]


def index_rows(model: Model, path: str) -> list[Row]:
    """``(text, section, path, line, lines)`` of every block of a document's model with text.

    Made where the document is read (the build's workers), so the index never
    parses a document a second time.
    """
    rows = []
    for block in model.blocks:
        lines = [(line.number, line.text) for line in block.lines if line.text]
        if not lines and block.kind == "table":
            lines = [(n, " | ".join(cells)) for n, cells in block.rows]
        if lines:
            text = " ".join(t for _, t in lines)
            offsets = [0]
            for _, t in lines[:-1]:
                offsets.append(offsets[-1] + len(t) + 1)
            starts = " ".join(f"{n}:{o}" for (n, _), o in zip(lines, offsets, strict=True))
            rows.append((text, block.section.title, path, lines[0][0], starts))
    return rows


class IndexUpdate:
    """One build's update of the index: a copy of it, changed a document at a time as
    the build reads them, that replaces the index on :meth:`commit` (so a reader never
    sees half an update). An index that cannot be read is made afresh.

    Documents are :meth:`put` as they are read (their rows then leave memory);
    :meth:`finish` drops the documents no longer built and re-reads those whose rows
    were not put (cached documents whose date or group changed, say).
    """

    def __init__(self, index: Path):
        self.index = index
        self.tmp = index.with_name(index.name + ".tmp")
        self.db = self._open(fresh=False)

    def _open(self, fresh: bool) -> sqlite3.Connection:
        self.tmp.unlink(missing_ok=True)
        if self.index.exists() and not fresh:
            shutil.copyfile(self.index, self.tmp)
        db = sqlite3.connect(self.tmp)
        try:
            self.indexed = _prepare(db)
        except sqlite3.DatabaseError:
            db.close()
            if fresh:
                raise
            return self._open(fresh=True)
        return db

    def __enter__(self) -> IndexUpdate:
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()
        self.tmp.unlink(missing_ok=True)

    def put(self, path: str, doc: Extracted) -> None:
        """Index one document read by this build, unless the index has it as it is."""
        stamp, described = _stamp(path, doc)
        if doc.index_rows is not None and self.indexed.get(path, ("",))[0] != stamp:
            self._write(path, stamp, described, doc.index_rows)

    def finish(self, files: Iterable[tuple[str, str]], extracted: Mapping[str, Extracted]) -> None:
        """Bring the copy up to date with the documents ``extracted`` (path -> sha256,
        facts, rows) read from ``files`` (``(file, path)`` pairs)."""
        wanted = {path: file for file, path in files if path in extracted}
        for path in sorted(set(self.indexed) - set(wanted)):
            _forget(self.db, path, self.indexed.pop(path)[1])
        for path, file in sorted(wanted.items()):
            stamp, described = _stamp(path, extracted[path])
            if self.indexed.get(path, ("",))[0] == stamp:
                continue
            try:
                rows = index_rows(read_model(read_document(Path(file), path)), path)
            except Exception:  # noqa: BLE001 - changed or unreadable since extraction: next build
                continue
            self._write(path, stamp, described, rows)
        self.db.commit()

    def commit(self) -> None:
        """Put the updated copy in place of the index."""
        self.db.close()
        os.replace(self.tmp, self.index)

    def _write(self, path: str, stamp: str, described: tuple[str, str, str],
               rows: list[Row]) -> None:
        if path in self.indexed:
            _forget(self.db, path, self.indexed[path][1])
        first = (self.db.execute("SELECT max(rowid) FROM blocks").fetchone()[0] or 0) + 1
        last = first + len(rows) - 1
        self.db.executemany("INSERT INTO blocks (rowid, text, section, path, line, lines) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            ((first + i, *row) for i, row in enumerate(rows)))
        self.db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (path, stamp, *described, first, last))
        self.indexed[path] = (stamp, [first, last])


def _prepare(db: sqlite3.Connection) -> dict[str, tuple[str, list[int]]]:
    """Make ``db`` an index of this version; ``{path: (stamp, [first, last row])}`` in it."""
    db.executescript("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);")
    version = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    if version != (INDEX_VERSION,):  # made by other code: start afresh
        db.executescript("DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS blocks;")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
    db.executescript(_SCHEMA)
    return {path: (stamp, rows) for path, stamp, *rows in
            db.execute("SELECT path, stamp, first_row, last_row FROM docs")}


def _stamp(path: str, doc: Extracted) -> tuple[str, tuple[str, str, str]]:
    """What the index records of a document's version: sha256, date, group and meeting."""
    described = _describe(path, doc.facts)
    return "\t".join((doc.sha256, *described)), described


def _forget(db: sqlite3.Connection, path: str, rows: list[int]) -> None:
    """Remove a document and its blocks (by their rowids: ``path`` is not indexed)."""
    db.execute("DELETE FROM blocks WHERE rowid BETWEEN ? AND ?", rows)
    db.execute("DELETE FROM docs WHERE path = ?", (path,))


def fts_query(text: str, words: bool = False) -> str:
    """An FTS5 query for ``text``: one phrase, or (``words``) every word; never FTS syntax.
    The last word also matches longer words, as a plain substring search would
    ("signing service" finds "signing services").

    >>> fts_query('signing service'), fts_query('"x" OR y', words=True)
    ('"signing service"*', '"x" "OR" "y"*')
    """
    tokens = _WORD.findall(text)
    if not tokens:
        raise ValueError(f"{text!r} has no word to search for")
    return (" ".join(f'"{t}"' for t in tokens) if words else f'"{" ".join(tokens)}"') + "*"


def _match_line(text: str, lines: str, tokens: list[str]) -> int:
    """The file line where the first searched word occurs in a block's text.

    ``lines`` is the block's ``line:offset`` pairs (where each file line starts in ``text``).
    """
    starts = [tuple(int(x) for x in pair.split(":")) for pair in lines.split()]
    m = re.search(r"(?<!\w)" + re.escape(tokens[0]), text, re.I) if tokens else None
    offset = m.start() if m else 0
    before = [n for n, start in starts if start <= offset]  # starts are in text order
    return before[-1] if before else starts[0][0]


def find(text: str, out: Path | str = "out", *, group: str | None = None,
         date_from: object = None, date_to: object = None, meeting: str | None = None,
         words: bool = False, limit: int | None = None, store: Store | None = None) -> Rows:
    """Blocks of the build in ``out`` matching ``text``, ranked; see the module docstring.

    ``group`` is a working group by name, short name or ballot prefix (resolved
    against the store, :func:`graph.query.resolve_group`); ``date_from``/``date_to``
    are ``YYYY-MM-DD`` (or dates); ``meeting`` a meeting IRI or a document path.
    """
    index = Path(out) / INDEX_NAME
    if not index.exists():
        raise FileNotFoundError(f"no search index in {out}: run 'wgkg build SOURCE --out {out}'")
    where, args = ["blocks MATCH ?"], [fts_query(text, words)]
    if group:
        from graph.query import resolve_group

        where.append("docs.grp = ?")
        args.append(resolve_group(store or open_store(out), group))
    if date_from is not None:
        where.append("docs.date >= ?")
        args.append(check_date(date_from))  # type: ignore[arg-type]
    if date_to is not None:
        where.append("docs.date <= ? AND docs.date != ''")
        args.append(check_date(date_to))  # type: ignore[arg-type]
    if meeting:
        where.append("(docs.meeting = ? OR docs.path = ?)")
        args += [meeting, meeting]
    sql = (f"SELECT blocks.path, blocks.line, docs.date, docs.grp, docs.meeting, blocks.section, "
           f"snippet(blocks, 0, '[', ']', '…', {SNIPPET_WORDS}), blocks.text, blocks.lines "
           f"FROM blocks JOIN docs ON docs.path = blocks.path WHERE {' AND '.join(where)} "
           f"ORDER BY bm25(blocks), docs.date, blocks.path, blocks.line")
    if limit:
        sql += f" LIMIT {int(limit)}"
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        found = db.execute(sql, args).fetchall()
    except sqlite3.DatabaseError as err:
        raise RuntimeError(f"the search index {index} cannot be read ({err}): "
                           f"rebuild with 'wgkg build SOURCE --out {out}'") from None
    finally:
        db.close()
    tokens = _WORD.findall(text)
    rows, seen = [], set()
    for path, _, date, grp, mt, section, snippet, body, lines in found:
        row = [path, str(_match_line(body, lines, tokens)), date, grp, mt, section, snippet]
        if (path, row[1], snippet) not in seen:  # a numbered heading is also a list item
            seen.add((path, row[1], snippet))
            rows.append(row)
    return Rows(list(COLUMNS), rows)


def search(text: str, out: Path | str = "out", **filters):
    """:func:`find` as a pandas DataFrame::

        df = search("signing service", "out", group="CSCWG", date_from="2023-01-01")
    """
    return find(text, out, **filters).to_dataframe()
