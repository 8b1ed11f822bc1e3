"""Render pages with Jinja2 (autoescaped) and write only the files whose bytes changed.

A manifest (``site-files.txt``) lists what the last run wrote, so a page that no longer
exists (its document was removed) is deleted, and nothing else in the folder is touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from graph.site.panels import Page

__all__ = ["environment", "Writer", "MANIFEST"]

HERE = Path(__file__).resolve().parent
MANIFEST = "site-files.txt"


def environment() -> Environment:
    """The template environment: every ``{{ value }}`` is HTML-escaped."""
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass
class Writer:
    """Writes files below ``out``, counting which changed."""

    out: Path
    written: int = 0
    unchanged: int = 0

    def __post_init__(self) -> None:
        self.files: list[str] = []

    def write(self, path: str, content: bytes) -> None:
        """Write ``content`` to ``out/path`` unless the file already holds exactly these bytes."""
        target = self.out / path
        self.files.append(path)
        try:
            if target.read_bytes() == content:
                self.unchanged += 1
                return
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(target)
        self.written += 1

    def pages(self, pages: Iterable[Page]) -> None:
        env = environment()
        for page in pages:
            html = env.get_template(page.template).render(page=page, root=page.root)
            self.write(page.path, html.encode("utf-8"))

    def static(self) -> None:
        """The stylesheet and the search script."""
        for file in sorted((HERE / "static").iterdir()):
            self.write(f"static/{file.name}", file.read_bytes())

    def finish(self) -> int:
        """Delete the files the last run wrote and this one did not; record this run's. Returns deletions."""
        manifest = self.out / MANIFEST
        before = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
        now = set(self.files) | {MANIFEST}
        removed = 0
        for path in before:
            if path not in now and (self.out / path).is_file():
                (self.out / path).unlink()
                removed += 1
        self.write(MANIFEST, "".join(f"{p}\n" for p in sorted(now)).encode("utf-8"))
        return removed
