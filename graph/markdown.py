"""The body of a Document as a sequence of blocks under their headings.

Parsing is done by markdown-it-py (CommonMark plus tables), whose tokens carry
source line maps; every block here knows the file lines it came from.

>>> from graph.sources import parse_document
>>> doc = parse_document("m.md", b"---\\ntitle: T\\n---\\n## 1. Roll Call\\n\\n- Ann (X)\\n")
>>> [(b.kind, b.text, b.first_line, b.heading) for b in parse_blocks(doc)]
[('heading', '1. Roll Call', 4, ''), ('item', 'Ann (X)', 6, 'Roll Call')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from graph.sources import Document

__all__ = ["Block", "parse_blocks", "strip_numbering", "plain"]

_PARSER = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")

# "1. ", "2.3 ", "IV. ", "a) " or "4 - " at the start of a heading: "1. Roll Call" -> "Roll Call"
_NUMBERING = re.compile(r"^\s*(?:(?:\d+|[ivxIVX]+|[a-hA-H])(?:\.\d+)*[.):]?\s*[-–—:]?\s+)")
# Markdown emphasis and link syntax removed for plain text: "**Roll Call:**" -> "Roll Call:"
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?!\s)|(?<!\s)[*_](?!\w))")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item or table cell row with its file lines.

    ``text`` is the Markdown source of the block's inline content; ``heading``
    the plain text (numbering stripped) of the nearest heading above it, and
    ``heading_line`` where that heading is. ``depth`` is the list nesting level.
    """

    kind: str
    text: str
    first_line: int
    last_line: int
    heading: str = ""
    heading_line: int = 0
    level: int = 0
    depth: int = 0

    def lines(self) -> list[tuple[int, str]]:
        """The block's text split into ``(file line, text)`` pairs."""
        return [(self.first_line + i, part) for i, part in enumerate(self.text.split("\n"))]


def plain(markdown: str) -> str:
    """Markdown inline source as plain text: emphasis and link syntax removed."""
    text = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", markdown)
    text = _EMPHASIS.sub("", text).replace("\\", "")
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def strip_numbering(heading: str) -> str:
    """Heading text without its agenda numbering and trailing colon.

    >>> strip_numbering("3. Approval of Minutes:")
    'Approval of Minutes'
    """
    text = plain(heading)
    text = _NUMBERING.sub("", text, count=1) if _NUMBERING.match(text) and len(text) > 4 else text
    return text.strip().rstrip(":").strip()


def parse_blocks(doc: Document) -> list[Block]:
    """Parse the body of ``doc`` into blocks in document order."""
    offset = doc.body_first_line
    tokens = _PARSER.parse(doc.body)
    blocks: list[Block] = []
    heading, heading_line, depth, in_item = "", 0, 0, []
    pending_heading: tuple[int, int] | None = None
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "list_item_open":
            in_item.append(True)
        elif tok.type == "list_item_close":
            in_item.pop()
        elif tok.type == "heading_open":
            pending_heading = (int(tok.tag[1]), tok.map[0] + offset if tok.map else 0)
        elif tok.type == "inline" and tok.map is not None:
            first, last = tok.map[0] + offset, tok.map[1] - 1 + offset
            prev = tokens[i - 1].type if i else ""
            if pending_heading is not None:
                level, line = pending_heading
                blocks.append(Block("heading", tok.content, line, line, heading, heading_line, level))
                heading, heading_line, pending_heading = strip_numbering(tok.content), line, None
            elif prev in ("th_open", "td_open"):
                blocks.append(Block("cell", tok.content, first, last, heading, heading_line, 0, depth))
            else:
                kind = "item" if in_item else "paragraph"
                blocks.append(Block(kind, tok.content, first, last, heading, heading_line, 0, depth))
        elif tok.type in ("fence", "code_block", "html_block") and tok.map:
            first, last = tok.map[0] + offset, tok.map[1] - 1 + offset
            blocks.append(Block("code", tok.content, first, last, heading, heading_line))
    return blocks


# Sentence ends: ". " or "? " or "! " before an upper-case letter, digit or quote
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def sentences(blocks: list[Block]):
    """Yield ``(file line, plain sentence, block, opens block)`` for the prose of ``blocks``.

    >>> from graph.sources import parse_document
    >>> doc = parse_document("m.md", b"---\\nt: 1\\n---\\nDean read it. Bruce asked why.\\n")
    >>> [(n, s, first) for n, s, _, first in sentences(parse_blocks(doc))]
    [(4, 'Dean read it.', True), (4, 'Bruce asked why.', False)]
    """
    for block in blocks:
        if block.kind not in ("paragraph", "item", "cell"):
            continue
        first = True
        for number, line in block.lines():
            for part in _SENTENCE_END.split(plain(line)):
                if part.strip():
                    yield number, part.strip(), block, first
                    first = False
