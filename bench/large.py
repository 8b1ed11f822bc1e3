"""One large minutes file at a time: build seconds and peak memory against its size.

    python -m bench.large 1 4 20      # sizes in MB

Each file is made deterministically from the real minutes in ``../shared/corpus/cabforum``
(the benchmark is skipped, with the reason printed, when they are absent): many meetings'
bodies under one front matter, files that are all one thing (one attendee list, one
paragraph, one table, headings) and, when ``../shared/corpus/tc39`` is there, TC39 meeting
days one after the other. The build runs in a child process, so its peak memory (its own
or its worker's, the larger) is the build's alone; CPU seconds (its own and its worker's)
stay comparable on a busy machine, where wall-clock seconds do not. Cost per byte should
not grow with size: the last column (seconds per MB against the smallest file's) should
stay near 1.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.run import _in_child

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "cabforum"
MB = 1_000_000
FRONT = ("---\ntitle: 2023-05-04 Minutes of the Server Certificate Working Group\n"
         "date: 2023-05-04\ntags:\n- Minutes\n- Server Certificates\n---\n")


def bodies(corpus: Path = CORPUS) -> list[str]:
    """The bodies (front matter removed) of every minutes file of ``corpus``, in path order."""
    found = []
    for f in sorted(corpus.rglob("*.md")):
        text = f.read_text(encoding="utf-8")
        if "minutes" in f.name and text.startswith("---\n"):
            found.append(text[text.index("\n---\n", 3) + 5:])
    return found


def _fill(size: int, parts: Iterator[str], front: str = FRONT) -> str:
    """``front`` and ``parts`` while the file stays within ``size`` bytes (UTF-8)."""
    out, total = [front], len(front.encode("utf-8"))
    for part in parts:
        total += len(part.encode("utf-8"))
        if total > size:
            break
        out.append(part)
    return "".join(out)


def _cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def _sentences(texts: list[str]) -> list[str]:
    """The prose lines of ``texts`` that read as sentences."""
    return [line.strip("-* ") for text in texts for line in text.splitlines()
            if len(line) > 60 and line.count(".") >= 1 and not line.startswith(("|", "#"))]


def _people(texts: list[str]) -> list[str]:
    """Every ``Name (Organisation)`` written in ``texts``, first spelling kept, in order."""
    seen = dict.fromkeys(re.findall(r"([A-Z][a-z]+ [A-Z][a-z]+) \(([^()\n]{2,40})\)",
                                    "\n".join(texts)))
    return [f"{name} ({org})" for name, org in seen]


def meetings(size: int, texts: list[str]) -> str:
    """Many meetings' minutes, one after the other, under one front matter (a meeting that
    would not fit is cut at a paragraph)."""
    return _fill(size, (p + "\n\n" for text in _cycle(texts) for p in text.split("\n\n")))


def attendees(size: int, texts: list[str]) -> str:
    """One attendee list of every person named in ``texts``, repeated."""
    return _fill(size, _cycle(["**Attendance:**\n\n"] + [p + ",\n" for p in _people(texts)]))


def paragraph(size: int, texts: list[str]) -> str:
    """One paragraph of real sentences, hard-wrapped, no blank line."""
    return _fill(size, (s + "\n" for s in _cycle(_sentences(texts))))


def table(size: int, texts: list[str]) -> str:
    """One table: a person, an organisation and a vote per row."""
    rows = [f"| {p.split(' (')[0]} | {p.split(' (')[1].rstrip(')')} | Yes |\n"
            for p in _people(texts)]
    return _fill(size, _cycle(["## Votes\n\n| Name | Organisation | Vote |\n|---|---|---|\n"]
                              + rows))


def headings(size: int, texts: list[str]) -> str:
    """A heading before every sentence."""
    return _fill(size, (f"## {i}. Topic {s[:40]}\n\n{s}\n\n"
                        for i, s in enumerate(_cycle(_sentences(texts)))))


def tc39(size: int, texts: list[str]) -> str:
    """TC39 meeting days one after the other (read with the tc39 profile: speaker turns,
    topics by heading level, stage advancements), from the corpus beside ``CORPUS``."""
    days = [f.read_text(encoding="utf-8") for f in sorted((CORPUS.parent / "tc39").rglob("*.md"))
            if f.name != "README.md"]
    return _fill(size, (day + "\n\n" for day in _cycle(days)), front="") if days else ""


SHAPES: dict[str, Callable[[int, list[str]], str]] = {
    "meetings": meetings, "attendees": attendees, "paragraph": paragraph, "table": table,
    "headings": headings, "tc39": tc39}


def write_files(folder: Path, sizes_mb: list[int], corpus: Path = CORPUS) -> list[Path]:
    """One file per shape and size in ``folder`` (``meetings-4mb.md``, …)."""
    texts = bodies(corpus)
    made = []
    for shape, make in SHAPES.items():
        for mb in sizes_mb:
            if not (text := make(mb * MB, texts)):
                continue
            path = folder / f"{shape}-{mb}mb" / f"{shape}-{mb}mb.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            made.append(path)
    return made


def bench_large(sizes_mb: list[int]) -> None:
    """Print build seconds, peak memory and seconds per MB of one file of each shape and size;
    the last column compares seconds per MB with the smallest file's of the same shape."""
    if not CORPUS.is_dir():
        print(f"\n(large files skipped: no corpus at {CORPUS})")
        return
    print("\n## One large file: build seconds and peak memory (one worker)")
    print("| file | size MB | build s | CPU s | peak RSS MB | s per MB | ÷ smallest file's s per MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="wgkg-large-") as tmp:
        base: dict[str, float] = {}
        for path in write_files(Path(tmp), sorted(sizes_mb)):
            shape, mb = path.parent.name.rsplit("-", 1)[0], path.stat().st_size / MB
            out = Path(tmp) / "out" / path.stem
            built = _in_child(f"""
import resource, time
from graph.build import build
start = time.perf_counter()
report = build([{str(path.parent)!r}], {str(out)!r}, jobs=1, seconds_per_file=0)
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
RESULT = {{'seconds': time.perf_counter() - start, 'failed': len(report.failed),
          'cpu': sum(u.ru_utime + u.ru_stime for u in usage)}}""")
            per_mb = built["seconds"] / mb
            base.setdefault(shape, per_mb)
            failed = " (failed)" if built["failed"] else ""
            print(f"| {shape}{failed} | {mb:.1f} | {built['seconds']:.1f} | {built['cpu']:.1f} | "
                  f"{built['peak_mb']:.0f} | {per_mb:.2f} | "
                  f"{per_mb / base[shape]:.2f} |", flush=True)
            subprocess.run(["rm", "-rf", str(out)], check=True)


if __name__ == "__main__":
    bench_large([int(a) for a in sys.argv[1:]] or [1, 4, 20])
