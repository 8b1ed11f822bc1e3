"""The document model: a Document's body parsed once into sections and blocks.

Markdown is parsed by markdown-it-py (CommonMark plus tables), whose tokens carry
source line maps. Every extractor reads the :class:`Model` this module makes and
never looks at Markdown syntax or raw lines again:

- a :class:`Section` is a heading, a bold pseudo-heading (a paragraph that is only
  bold text: ``**Voting Results**``), a numbered agenda item (``1. **Opening:**``,
  ``3. Ballot: Malware revocation (Martijn)``) or a ``Topic 2: …`` line, with its
  path of titles from the top (a numbered list announced by a sentence, "Ian provided
  these topics:", opens no sections);
- a :class:`Block` is a paragraph, a list item (with its depth), a table (header and
  rows) or code, with its plain text per source line, the text with hard-wrapped
  lines joined, and, for a labelled line (``Attendees: …``, ``**Roll Call:** …``),
  its label and value. A list marker followed by many spaces (``1.      **Straw Poll**``)
  still makes a list item, not code.

>>> from graph.sources import parse_document
>>> doc = parse_document("m.md", b"---\\ntitle: T\\n---\\n## 1. Roll Call\\n\\n- Ann (X)\\n")
>>> model = read_model(doc)
>>> [(b.kind, b.text, b.first_line, b.section.title) for b in model.blocks]
[('heading', 'Roll Call', 4, 'Roll Call'), ('item', 'Ann (X)', 6, 'Roll Call')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from graph.sources import Document

__all__ = ["Line", "Section", "Block", "Sentence", "Model", "read_model", "plain",
           "strip_numbering", "split_label", "ROOT"]

# What a text must hold for each block rule to match in it: one of the characters and, for
# some, a pattern. A paragraph tries every rule that may end it at each of its lines (twice:
# as a setext heading, then as a paragraph), so a text without a rule's marks is parsed with
# that rule off: the same tokens, found without trying it (a 250,000-line attendee list: 7 s
# of parsing -> 2 s)
_RULE_NEEDS: dict[str, tuple[str, re.Pattern[str] | None]] = {
    "table": ("|", None),
    "fence": ("`~", None),
    "blockquote": (">", None),
    "html_block": ("<", None),
    "heading": ("#", None),
    "reference": ("[", None),
    "hr": ("-*_", re.compile(r"(?<![^\s>])[-*_]")),
    "list": ("-*+.)", re.compile(r"(?<![^\s>])(?:[-*+]|\d{1,9}[.)])(?![^ \t\n])")),
    "lheading": ("-=", re.compile(r"(?<![^\s>])(?:=+|-+)[ \t]*$", re.M)),
}
# Characters of Markdown parsed at a time (see :func:`_parts`): the tokens of one part are
# held at once, not those of the whole body
PART = 1 << 17

# "1. ", "2.3 ", "IV. ", "a) " or "4 - " at the start of a heading: "1. Roll Call" -> "Roll Call"
_NUMBERING = re.compile(r"^\s*(?:(?:\d+|[ivxIVX]+|[a-hA-H])(?:\.\d+)*[.):]?\s*[-–—:]?\s+)")
# Markdown emphasis and link syntax removed for plain text: "**Roll Call:**" -> "Roll Call:"
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?!\s)|(?<!\s)[*_](?!\w))")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
# A line that opens with a label: "Attendees: …", "**Roll Call:** …", "**Approval of minutes**: …",
# "**7. Next Meeting –** January 19th 2023"
_LABEL = re.compile(r"^\s*(?:\*\*|__)(?P<inside>[^*_\n]{2,100}?)(?::|\s[–—-])\s*(?:\*\*|__)\s*"
                    r"|^\s*(?:\*\*|__)(?P<bold>[^*_\n]{2,100}?)(?:\*\*|__)\s*(?::\s*(?:\*\*)?|[–—]\s+|\s*$)"
                    r"|^\s*(?P<plain>[A-Z][\w’'()/&.,\- ]{0,50}?)\s*:(?:\s+|$)")
# A numbered agenda label written as a line: "Topic 2: Ballot SC-70", "Agenda item 4 – Other
# business", "IV. Adjourn"
_TOPIC_LINE = re.compile(r"^(?:(?:agenda\s+)?(?:topic|item)\s*#?\s*\d+[a-z]?\s*(?:[:.)]|\s[–—-])|"
                         r"(?-i:[IVX]{1,5})\.(?=\s+[A-Z]))\s*(?P<title>\S.*)$", re.I)
# The bold text a line opens with: "**Air-Gapped CAs** (offline, …) – We were hoping …"
_BOLD_RUN = re.compile(r"^\s*(?:\*\*|__)([^*_\n]{1,120}?)(?:\*\*|__)")
# A list marker followed by five or more spaces, which CommonMark reads as code: "1.      **Straw Poll**"
_WIDE_MARKER = re.compile(r"^( {0,3}(?:\d{1,3}[.)]|[-*+]))(?: {5,}|\t+)(?=\S)", re.M)
# A paragraph that is only bold text, the closing mark maybe wrapped: "**Voting Results**",
# "**6. Any Other Business\n**"
_BOLD_ONLY = re.compile(r"\s*(\*\*|__)[^*_]{2,100}?(\*\*|__)\s*:?\s*")
# A paragraph that leads in to a list of its own: "Ian provided these topics:"
_LEAD_IN = re.compile(r"^\S+\s+\S+\s+.*:\W*$")
# Longer sentences are read line by line (see Block.sentences)
MAX_SENTENCE = 2000
# Sentence ends: ". " or "? " or "! " before an upper-case letter, digit or quote
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def plain(markdown: str) -> str:
    """Markdown inline source as plain text: emphasis and link syntax removed.

    >>> plain("**Roll Call:**  Clint [notes](http://x) here")
    'Roll Call: Clint notes here'
    """
    text = markdown
    if "[" in text:
        text = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "")
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def strip_numbering(heading: str) -> str:
    """Heading text without its agenda numbering and trailing colon.

    >>> strip_numbering("3. Approval of Minutes:")
    'Approval of Minutes'
    """
    text = plain(heading)
    text = _NUMBERING.sub("", text, count=1) if _NUMBERING.match(text) and len(text) > 4 else text
    return text.strip().rstrip(":").strip()


def split_label(markdown_line: str) -> tuple[str, str] | None:
    """``(label, value)`` of a labelled line, or None.

    >>> split_label("**Roll Call:** Dean Coclin, Bruce Morton")
    ('Roll Call', 'Dean Coclin, Bruce Morton')
    >>> split_label("Start time: 2023-01-05 19:00 UTC")
    ('Start time', '2023-01-05 19:00 UTC')
    >>> split_label("Dean read the statement.") is None
    True
    """
    m = _LABEL.match(markdown_line)
    if not m:
        return None
    label = plain(m["inside"] or m["bold"] or m["plain"]).strip(" :")
    if not label or len(label.split()) > 12:
        return None
    return label, plain(markdown_line[m.end():]).strip()


@dataclass(frozen=True)
class Line:
    """One source line of a block: its file line number and plain text."""

    number: int
    text: str


@dataclass(frozen=True)
class Section:
    """A part of the document: a heading, bold pseudo-heading, agenda item or topic line.

    ``path`` holds the titles from the top down to this one; ``origin`` says how it
    was written ('root', 'heading', 'bold', 'item', 'topic-line'); ``written`` is
    the plain text as written, numbering kept.
    """

    title: str
    path: tuple[str, ...]
    line: int
    level: int
    origin: str
    written: str = ""


ROOT = Section("", (), 0, 0, "root")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block, with the file line it starts on."""

    line: int
    text: str
    block: Block
    index: int  # 0 for the first sentence of its block


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item, table or code block with its file lines.

    ``lines`` holds the plain text of each source line; ``text`` joins them with
    spaces (hard wraps undone). ``label``/``value`` are set for a labelled line.
    ``depth`` is the list nesting (1 for a top-level item), ``ordered`` whether
    the list is numbered. Tables have ``header`` and ``rows`` (each a row's cells
    and its line number).
    """

    kind: str
    lines: tuple[Line, ...]
    section: Section
    depth: int = 0
    ordered: bool = False
    label: str = ""
    value: str = ""
    bold: str = ""  # the bold text the block opens with, if any
    header: tuple[str, ...] = ()
    rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    @functools.cached_property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines if line.text)

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else self.section.line

    @property
    def last_line(self) -> int:
        return self.lines[-1].number if self.lines else self.section.line

    @property
    def heading(self) -> str:
        """The title of the section the block is in."""
        return self.section.title

    @functools.cached_property
    def _offsets(self) -> tuple[list[int], list[int]]:
        """Where each non-empty line starts in :attr:`text`, and its file line."""
        starts, numbers = [], []
        position = 0
        for line in self.lines:
            if not line.text:
                continue
            starts.append(position)
            numbers.append(line.number)
            position += len(line.text) + 1
        return starts, numbers

    def line_at(self, offset: int) -> int:
        """The file line of character ``offset`` of :attr:`text`."""
        starts, numbers = self._offsets
        if not starts:
            return self.first_line
        return numbers[max(bisect.bisect_right(starts, offset) - 1, 0)]

    def sentences(self) -> tuple[Sentence, ...]:
        """The block's sentences, each with the line it starts on (found once per block).

        >>> from graph.sources import parse_document
        >>> doc = parse_document("m.md", b"---\\nt: 1\\n---\\nDean read it. Bruce\\nasked why.\\n")
        >>> [(s.line, s.text) for s in read_model(doc).blocks[0].sentences()]
        [(4, 'Dean read it.'), (4, 'Bruce asked why.')]
        """
        return self._sentences

    @functools.cached_property
    def _sentences(self) -> tuple[Sentence, ...]:
        text = self.text
        found: list[Sentence] = []
        position = 0
        for part in _SENTENCE_END.split(text):
            start = text.find(part, position)
            position = start + len(part)
            # a "sentence" of thousands of characters is a list with no full stops:
            # read it line by line, so no rule ever scans the whole list at once
            pieces = [(0, part)] if len(part) <= MAX_SENTENCE else self._line_pieces(start, part)
            for offset, piece in pieces:
                if piece.strip():
                    found.append(Sentence(self.line_at(start + offset), piece.strip(), self,
                                          len(found)))
        return tuple(found)

    def _line_pieces(self, start: int, part: str) -> list[tuple[int, str]]:
        """``part`` (at ``start`` of :attr:`text`) cut where its source lines begin."""
        offsets = self._offsets[0]
        inside = offsets[bisect.bisect_right(offsets, start):
                         bisect.bisect_left(offsets, start + len(part))]
        bounds = [0, *(s - start for s in inside), len(part)]
        return [(a, part[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


@dataclass
class Model:
    """A document read once: its sections and blocks in document order."""

    doc: Document
    blocks: list[Block]
    sections: list[Section]

    def prose(self) -> list[Block]:
        """Paragraphs, list items and labelled lines (no headings, tables or code)."""
        return [b for b in self.blocks if b.kind in ("paragraph", "item")]

    def sentences(self) -> Iterator[Sentence]:
        for block in self.prose():
            yield from block.sentences()


def _title_like(text: str) -> bool:
    """Short, and no full sentence: "Ballot: Signing Service Update (Bruce)", "Adjourn"."""
    words = text.split()
    return 0 < len(words) <= 14 and len(text) <= 100 and not re.search(r"[.;]\s*$", text) \
        or text.endswith("...")


class _Reader:
    """Walks markdown-it tokens, keeping the section stack and list state."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.offset = doc.body_first_line
        self.blocks: list[Block] = []
        self.sections: list[Section] = []
        self.stack: list[Section] = [ROOT]
        self.lists: list[bool] = []  # ordered?, one per open list
        self.enumerations: list[bool] = []  # led in by a sentence ("these topics:")?, one per open list
        self.items = 0  # open list items

    @property
    def section(self) -> Section:
        return self.stack[-1]

    def heading_level(self) -> int:
        return max((s.level for s in self.stack if s.origin == "heading"), default=0)

    def open_section(self, title: str, line: int, level: int, origin: str, written: str) -> Section:
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        section = Section(title, (*self.section.path, title), line, level, origin, written)
        self.stack.append(section)
        self.sections.append(section)
        self.blocks.append(Block("heading", (Line(line, title),), section))
        return section

    def lines(self, content: str, first: int) -> tuple[Line, ...]:
        return tuple(Line(first + i, plain(part)) for i, part in enumerate(content.split("\n")))

    def inline(self, content: str, first: int) -> None:
        in_item = self.items > 0
        depth = len(self.lists)
        ordered = bool(self.lists) and self.lists[-1]
        raw = content.split("\n")
        lines = self.lines(content, first)
        whole = plain(content)
        if _BOLD_ONLY.fullmatch(content) and not in_item:
            whole = " ".join(whole.split())
            self.open_section(strip_numbering(whole).strip(" :"), first,
                              self.heading_level() * 10 + 5, "bold", whole)
            return
        labels = [split_label(text) for text in raw] if not in_item else [split_label(raw[0])]
        label = labels[0]
        if in_item and ordered and depth == 1 and not self.enumerations[0]:
            title = _item_title(raw[0], lines[0].text, label)
            if title:
                self.open_section(title, first, self.heading_level() * 10 + 7, "item",
                                  lines[0].text)
        elif (topic := _TOPIC_LINE.match(lines[0].text)) and not in_item:
            self.open_section(_agenda_title(topic["title"]) or topic["title"], first,
                              self.heading_level() * 10 + 7, "topic-line", whole)
        kind = "item" if in_item else "paragraph"
        # a paragraph of several labelled lines ("Start time: …" / "End time: …") is
        # one block per labelled line, continuation lines joined to the label above
        starts = [i for i, found in enumerate(labels) if found] if not in_item else []
        if len(starts) >= 2 and starts[0] == 0:
            bounds = [*starts, len(raw)]
            for a, b in zip(bounds, bounds[1:], strict=False):
                self.add_block(kind, lines[a:b], raw[a], labels[a], depth, ordered)
            return
        self.add_block(kind, lines, raw[0], label, depth, ordered)

    def add_block(self, kind: str, lines: tuple[Line, ...], first_raw: str,
                  label: tuple[str, str] | None, depth: int, ordered: bool) -> None:
        value = ""
        if label:
            rest = " ".join(line.text for line in lines[1:] if line.text)
            value = (label[1] + " " + rest).strip()
        bold = _BOLD_RUN.match(first_raw)
        self.blocks.append(Block(kind, lines, self.section, depth, ordered,
                                 label[0] if label else "", value,
                                 plain(bold[1]).strip(" :–—-") if bold else ""))

    def table(self, tokens: list, start: int) -> int:
        """Read the table opening at ``tokens[start]``; return the index after it."""
        header: list[str] = []
        rows: list[tuple[int, tuple[str, ...]]] = []
        cells: list[str] = []
        row_line = 0
        in_head = False
        i = start
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                cells, row_line = [], (tok.map[0] + self.offset if tok.map else 0)
            elif tok.type == "inline":
                cells.append(plain(tok.content))
            elif tok.type == "tr_close":
                if in_head:
                    header = cells
                else:
                    rows.append((row_line, tuple(cells)))
            i += 1
        first = tokens[start].map[0] + self.offset if tokens[start].map else 0
        last = tokens[start].map[1] - 1 + self.offset if tokens[start].map else first
        lines = tuple(Line(n, "") for n in range(first, last + 1))
        lines = ((Line(first, " | ".join(header)),) + lines[1:]) if lines else lines
        self.blocks.append(Block("table", lines, self.section, header=tuple(header),
                                 rows=tuple(rows)))
        return i

    def led_in(self) -> bool:
        """Whether a list opening now follows a sentence that announces it ("Ian provided these topics:")."""
        if self.lists[:-1] or not self.blocks:
            return False
        last = self.blocks[-1]
        return last.kind == "paragraph" and last.section is self.section and \
            bool(_LEAD_IN.match(last.lines[-1].text)) and not last.bold

    def read(self) -> None:
        body = self.doc.body
        if "     " in body or "\t" in body:  # what _WIDE_MARKER needs
            body = _WIDE_MARKER.sub(r"\1 ", body)
        for first, tokens in _parts(body, PART):
            self.offset = self.doc.body_first_line + first
            self.read_tokens(tokens)

    def read_tokens(self, tokens: list[Token]) -> None:
        """Read the tokens of whole top-level blocks (``self.offset``: their first line)."""
        pending: tuple[int, int] | None = None
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(tok.type == "ordered_list_open")
                self.enumerations.append(self.led_in())
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.enumerations.pop()
            elif tok.type == "list_item_open":
                self.items += 1
            elif tok.type == "list_item_close":
                self.items -= 1
            elif tok.type == "heading_open":
                pending = (int(tok.tag[1]), tok.map[0] + self.offset if tok.map else 0)
            elif tok.type == "table_open":
                i = self.table(tokens, i)
            elif tok.type == "inline" and tok.map is not None:
                first = tok.map[0] + self.offset
                if pending is not None:
                    level, line = pending
                    written = plain(tok.content)
                    self.open_section(strip_numbering(tok.content), line, level * 10, "heading",
                                      written)
                    pending = None
                else:
                    self.inline(tok.content, first)
            elif tok.type in ("fence", "code_block", "html_block") and tok.map:
                first = tok.map[0] + self.offset
                self.blocks.append(Block("code", self.lines(tok.content.rstrip("\n"), first),
                                         self.section))
            i += 1


# A short item written as one sentence: "Next meeting on April 20th.", "Review open Github items."
_SHORT_SENTENCE = re.compile(r"^(?!(?:\S+\s+){10})[^.!?]+[^.\s]\.$")
# "Next Meeting – 9 February 2023" -> "Next Meeting", "Roll Call – Bruce Morton – Entrust, …"
# -> "Roll Call": what follows a dash after a short title is no part of it
_AFTER_DASH = re.compile(r"^(?P<title>(?:\S+\s+){0,5}?\S*[^\s–—-])\s*(?:\s[–—-]|[–—]|-\s)\s*(?P<rest>.+)$")


def _agenda_title(text: str) -> str:
    """The title of a numbered agenda item, or '' when the item reads as a sentence.

    >>> _agenda_title("Next meeting on April 20th.")
    'Next meeting on April 20th'
    """
    text = strip_numbering(text)
    if m := _AFTER_DASH.match(text):
        text = m["title"]
    if _SHORT_SENTENCE.match(text):
        text = text[:-1]
    if not _title_like(text):
        return ""
    return text.strip(" :–—-")


def _item_title(raw: str, text: str, label: tuple[str, str] | None) -> str:
    """The title of a numbered list item: its bold label, its whole first line when that is
    title-like, else a short plain label ("Malware based revocation: Martijn stated …")."""
    if label and raw.lstrip().startswith(("**", "__")):
        return strip_numbering(label[0]).strip(" :–—-")
    if bold := _BOLD_RUN.match(raw):
        return _agenda_title(plain(bold[1]))
    title = _agenda_title(text)
    if not title and label and len(label[0].split()) <= 8:
        title = _agenda_title(label[0])
    return title


def _parser_for(text: str) -> MarkdownIt:
    """The parser for ``text``, without the block rules that cannot match in it.

    >>> sorted(_parser_for("Ann Lee, Bob Stone\\nCy Dee").block.ruler.get_active_rules())
    ['code', 'paragraph']
    """
    return _parser_without(frozenset(
        rule for rule, (marks, pattern) in _RULE_NEEDS.items()
        if not any(mark in text for mark in marks) or (pattern and not pattern.search(text))))


@functools.cache
def _parser_without(rules: frozenset[str]) -> MarkdownIt:
    """CommonMark with tables, without the block ``rules``. Only the block structure is
    parsed: the reader takes each block's inline source (``Token.content``) as it is, so
    markdown-it's inline tokens would be made for nothing."""
    return (MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
            .disable(["inline", "text_join", *sorted(rules)]))


def _parts(text: str, size: int) -> Iterator[tuple[int, list[Token]]]:
    """``(line, tokens)``: the tokens of ``text`` a part at a time, each part's lines counted
    from ``line``. A part is parsed with what follows it up to about ``size`` characters and
    ends where the last top-level block found there begins (that block may go on further);
    a block longer than that is parsed with sixteen times as much, and so on. Top-level blocks are
    parsed alone (``env`` aside, whose link references the reader never uses), so the
    tokens are those of the whole text, made a part at a time.

    >>> [(line, [t.type for t in tokens if t.type != "inline"])
    ...  for line, tokens in _parts("# A\\n\\nb\\n\\nc\\n", 5)]
    [(0, ['heading_open', 'heading_close']), (2, ['paragraph_open', 'paragraph_close', \
'paragraph_open', 'paragraph_close'])]
    """
    start, line, length = 0, 0, size
    while start < len(text):
        end = text.find("\n", start + length) + 1 or len(text)
        tokens = _parser_for(text[start:end]).parse(text[start:end])
        if end == len(text):
            yield line, tokens
            return
        last = max((i for i, t in enumerate(tokens) if t.level == 0 and t.nesting >= 0), default=0)
        lines = tokens[last].map[0] if tokens and tokens[last].map else 0
        if not lines:  # one block so far: read on
            length *= 16
            continue
        yield line, tokens[:last]
        for _ in range(lines):
            start = text.index("\n", start) + 1
        line, length = line + lines, size


def read_model(doc: Document) -> Model:
    """Parse the body of ``doc`` once into its :class:`Model`."""
    reader = _Reader(doc)
    reader.read()
    return Model(doc, reader.blocks, reader.sections)
