"""Find Markdown files, read them safely and turn each into a :class:`Document`.

A Document owns the decoded text of one file, its parsed YAML front matter and
a line map: ``body_first_line`` says which line of the file the body starts on,
so any line of the body can be traced back to the file.

>>> doc = parse_document("a.md", b"---\\ntitle: T\\n---\\n\\nHello\\n")
>>> doc.front_matter["title"], doc.body_first_line, doc.line(5)
('T', 4, 'Hello')
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.problems import BadInput, Problem

try:  # the C loader is ~10x faster; both are safe loaders
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["Document", "Limits", "find_sources", "parse_document", "read_document",
           "read_key_values"]


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one bad file from stalling or exhausting a build."""

    max_file_bytes: int = 20_000_000
    max_line_chars: int = 200_000
    max_front_matter_bytes: int = 100_000


@dataclass
class Document:
    """One source file, decoded, with its front matter split off."""

    path: str
    sha256: str
    text: str
    front_matter: dict
    body: str
    body_first_line: int
    problems: list[Problem] = field(default_factory=list)

    def line(self, number: int) -> str:
        """The text of line ``number`` (1-based) of the file, or ''."""
        lines = self.text.split("\n")
        return lines[number - 1] if 0 < number <= len(lines) else ""


def find_sources(root: Path) -> Iterator[tuple[Path, str]]:
    """Yield ``(file, path relative to root)`` for every ``*.md`` under ``root``, sorted.

    Symbolic links are never followed, so a link cannot lead out of the tree or
    into a loop; a linked ``*.md`` is yielded so that :func:`read_document` can
    report it. A single file given as ``root`` is yielded with its own name.
    """
    root = Path(root)
    if root.is_file():
        yield root, root.name
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            full = Path(dirpath) / name
            if name.endswith(".md") and (full.is_symlink() or full.is_file()):
                yield full, full.relative_to(root).as_posix()


# Byte order marks of the encodings that say what they are, longest first (UTF-32 LE
# starts with the UTF-16 LE mark)
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))


def _decode_marked(raw: bytes) -> str | None:
    """The text of a UTF-16 or UTF-32 file with a byte order mark; None for other files."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise BadInput(f"the file starts with a {encoding.upper()} byte order mark but "
                               f"is not valid {encoding.upper()} (byte {err.start})") from None
    return None


def decode(raw: bytes) -> tuple[str, list[Problem]]:
    """Decode bytes as UTF-8 (BOM stripped, CRLF/CR normalised to LF).

    UTF-16 and UTF-32 with a byte order mark are decoded as such. Other encodings
    are decoded as Windows-1252 (then Latin-1) with a warning, so nothing is
    dropped silently.
    """
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    marked = _decode_marked(raw)
    if marked is not None:
        if "\x00" in marked:
            raise BadInput("the file contains NUL characters: it looks binary, not Markdown")
        return marked.replace("\r\n", "\n").replace("\r", "\n"), problems
    if b"\x00" in raw:
        raise BadInput("the file contains NUL bytes: it looks binary, not Markdown")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
            guess = "Windows-1252"
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
            guess = "Latin-1"
        problems.append(
            Problem(
                "warning",
                f"not valid UTF-8 (first bad byte on line {line}); decoded as {guess}. "
                "Re-save the file as UTF-8 to silence this.",
                line,
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


NO_FRONT_MATTER = Problem("warning", "no YAML front matter (title, date); add a '---' block at the "
                          "top of the file (or name a profile whose layout has none: --profile)", 1)


def split_front_matter(text: str, limits: Limits) -> tuple[dict, str, int, list[Problem]]:
    """Split ``---`` YAML front matter from the body.

    Returns ``(front_matter, body, body_first_line, problems)``. A file with no
    front matter is a body only; malformed YAML raises :class:`BadInput`.
    """
    if not text.startswith("---\n"):
        return {}, text, 1, [NO_FRONT_MATTER]
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        raise BadInput("front matter starts with '---' on line 1 but is never closed; "
                       "add a closing '---' line", 1)
    block = text[4 : end + 1]
    if len(block) > limits.max_front_matter_bytes:
        raise BadInput(f"front matter is larger than {limits.max_front_matter_bytes} bytes", 1)
    problems: list[Problem] = []
    try:
        data = yaml.load(block, Loader=SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        data = read_key_values(block)
        problems.append(Problem("warning", f"front matter is not valid YAML ({reason}); its lines "
                                "were read one by one as 'key: value' — fix the YAML (quote values "
                                "that contain ':' or quotes) to silence this", line))
    except RecursionError:
        raise BadInput("front matter is nested too deeply to read", 1) from None
    except (ValueError, TypeError, OverflowError) as err:
        # e.g. "date: 2022-02-30": valid YAML syntax, impossible value; read every value as text
        data = yaml.load(block, Loader=yaml.BaseLoader)  # noqa: S506 - strings only
        problems.append(Problem("warning", f"front matter has an impossible value ({err}); "
                                "values were read as plain text", 2))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem("warning", f"front matter must be a mapping of keys to values, "
                                f"not a {type(data).__name__}; it was ignored", 2))
        data = {}
    body_start = end + 5  # skip "\n---\n"
    body_first_line = text.count("\n", 0, body_start) + 1
    return data, text[body_start:], body_first_line, problems


# A front-matter line "key: value" and a list entry "- value" below a key
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]{0,40})\s*:\s*(?P<value>.*)$")
_LIST_ENTRY = re.compile(r"^\s+-\s+(?P<value>.+)$|^-\s+(?P<top>.+)$")


def read_key_values(block: str) -> dict:
    """Front matter that is not valid YAML, read line by line: values stay plain text.

    >>> read_key_values('title: Ballot SC-60: "ZT" Browser\\ntags:\\n- Ballot\\n')
    {'title': 'Ballot SC-60: "ZT" Browser', 'tags': ['Ballot']}
    """
    data: dict = {}
    key = ""
    for line in block.split("\n"):
        if m := _KEY_VALUE.match(line):
            key = m["key"]
            value = m["value"].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            data[key] = value if value else []
        elif (m := _LIST_ENTRY.match(line)) and key and isinstance(data.get(key), list):
            data[key].append((m["value"] or m["top"]).strip().strip("'\""))
    return data


def parse_document(path: str, raw: bytes, limits: Limits = Limits()) -> Document:
    """Turn the bytes of one file into a Document; raise :class:`BadInput` if unreadable."""
    if not raw.strip():
        raise BadInput("the file is empty")
    if len(raw) > limits.max_file_bytes:
        raise BadInput(f"the file is {len(raw):,} bytes, over the limit of "
                       f"{limits.max_file_bytes:,} (raise it with --max-file-bytes)")
    text, problems = decode(raw)
    front, body, first, more = split_front_matter(text, limits)
    problems += more
    long_lines = [i for i, line in enumerate(text.split("\n"), 1) if len(line) > limits.max_line_chars]
    if long_lines:
        problems.append(Problem(
            "warning",
            f"{len(long_lines)} line(s) longer than {limits.max_line_chars:,} characters were "
            f"not read for facts (first: line {long_lines[0]})",
            long_lines[0],
        ))
        body = "\n".join(
            "" if len(line) > limits.max_line_chars else line for line in body.split("\n")
        )
    return Document(
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        front_matter=front,
        body=body,
        body_first_line=first,
        problems=problems,
    )


def read_document(file: Path, relative: str, limits: Limits = Limits()) -> Document:
    """Read ``file`` from disk (size checked before reading) into a Document.

    A symbolic link is not followed: it raises :class:`BadInput` naming its target.
    """
    if file.is_symlink():
        raise BadInput(f"a symbolic link (to {os.readlink(file)!r}) is never followed; build "
                       "the folder it points to, or copy the file here")
    size = file.stat().st_size
    if size > limits.max_file_bytes:
        raise BadInput(f"the file is {size:,} bytes, over the limit of "
                       f"{limits.max_file_bytes:,} (raise it with --max-file-bytes)")
    return parse_document(relative, file.read_bytes(), limits)
