"""Source profiles: what is particular to one body's layout, declared in a file.

Each ``ontology/profiles/NAME.yaml`` describes where a body's records keep the date,
group and attendees, how speakers are written and what a decision looks like; the
extractors of :mod:`graph.kinds` read the document model with the profile of the
document. A document names its profile in its front matter (``profile: tc39``);
otherwise the first profile whose ``detect`` rules match is chosen, else the default
one. See ``ontology/README.md`` for every key.

>>> choose_by_text("# 8th April 2024 101st TC39 Meeting", []).name
'tc39'
>>> choose_by_text("# Minutes of the Server Certificate WG", []).name
'cabforum'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.config import ONTOLOGY_DIR

__all__ = ["Profile", "profiles", "profile_named", "choose_by_text", "read_delegates",
           "find_delegates", "folder_profile", "FOLDER_CONFIG"]

FOLDER_CONFIG = "wgkg.yaml"
"""A file in a source folder that names the profile of the documents below it."""


@dataclass(frozen=True)
class Profile:
    """One body's layout (see the module docstring and ``ontology/README.md``)."""

    name: str
    description: str = ""
    default: bool = False
    first_heading: re.Pattern | None = None
    table_header: tuple[str, ...] = ()
    group: str = ""
    document_kind: str = ""
    summary: re.Pattern | None = None
    session: str = ""
    turn: re.Pattern | None = None
    not_speakers: frozenset[str] = frozenset()
    delegates: str = ""
    front_matter: bool = True
    """Whether the layout's documents carry YAML front matter (its absence is worth a warning)."""
    prose_speakers: bool = True
    presenter: re.Pattern | None = None
    topic_heading_level: int = 0
    conclusions: tuple[str, ...] = ()
    stages: bool = False
    not_organizations: frozenset[str] = frozenset()
    """What an attendee table writes in the organisation column that is no organisation
    ("Invited Expert"), case-folded."""

    def is_conclusion(self, title: str) -> bool:
        """Whether a section titled ``title`` states a topic's outcome."""
        folded = title.strip().casefold()
        return any(folded.startswith(c.casefold()) for c in self.conclusions)

    def matches(self, first_heading: str, table_headers: list[tuple[str, ...]]) -> bool:
        if self.first_heading and self.first_heading.search(first_heading):
            return True
        wanted = {h.casefold() for h in self.table_header}
        return bool(wanted) and any(wanted <= {h.strip().casefold() for h in header}
                                    for header in table_headers)


def _compile(pattern: str | None, flags: int = 0) -> re.Pattern | None:
    return re.compile(pattern, flags) if pattern else None


def _profile(data: dict, path: Path) -> Profile:
    speakers = data.get("speakers") or {}
    detect = data.get("detect") or {}
    try:
        return Profile(
            name=str(data["name"]), description=str(data.get("description", "")),
            default=bool(data.get("default", False)),
            first_heading=_compile(detect.get("first_heading"), re.I),
            table_header=tuple(detect.get("table_header") or ()),
            group=str(data.get("group", "")), document_kind=str(data.get("document_kind", "")),
            summary=_compile(data.get("summary"), re.I),
            session=str(data.get("session", "")), turn=_compile(speakers.get("turn")),
            not_speakers=frozenset(speakers.get("not_speakers") or ()),
            delegates=str(speakers.get("delegates", "")),
            prose_speakers=bool(data.get("prose_speakers", True)),
            front_matter=bool(data.get("front_matter", True)),
            presenter=_compile(data.get("presenter"), re.I),
            topic_heading_level=int(data.get("topic_heading_level", 0)),
            conclusions=tuple(data.get("conclusions") or ()), stages=bool(data.get("stages")),
            not_organizations=frozenset(str(x).casefold()
                                        for x in data.get("not_organizations") or ()))
    except (KeyError, TypeError, ValueError, re.error) as err:
        raise ValueError(f"{path}: not a valid profile ({err}); see ontology/README.md") from None


@functools.lru_cache(maxsize=4)
def profiles(directory: Path = ONTOLOGY_DIR / "profiles") -> tuple[Profile, ...]:
    """Every profile, the default one last (so it is chosen only when no other matches)."""
    found = []
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            found.append(_profile(yaml.safe_load(f) or {}, path))
    if sum(p.default for p in found) != 1:
        raise ValueError(f"{directory}: exactly one profile must say 'default: true'")
    return tuple(sorted(found, key=lambda p: (p.default, p.name)))


def profile_named(name: str) -> Profile:
    """The profile called ``name``, or a ValueError that lists them."""
    for p in profiles():
        if p.name == name:
            return p
    raise ValueError(f"unknown profile {name!r}; the profiles are: "
                     + ", ".join(p.name for p in profiles()))


def choose_by_text(first_heading: str, table_headers: list[tuple[str, ...]]) -> Profile:
    """The first profile whose ``detect`` rules match, else the default one."""
    return next((p for p in profiles() if not p.default and p.matches(first_heading,
                                                                       table_headers)),
                profiles()[-1])


_DELEGATE = re.compile(r"^\s*(?P<name>[^()\n]+?)\s*\((?P<abbr>[A-Z][A-Z0-9]{0,5})\)\s*$", re.M)


def read_delegates(text: str) -> dict[str, str]:
    """Abbreviation → name from a delegates list ("Kevin Gibbons (KG)" per line).

    >>> read_delegates("Kevin Gibbons (KG)\\nbad line\\nRob Palmer (RPR)\\n")
    {'KG': 'Kevin Gibbons', 'RPR': 'Rob Palmer'}
    """
    return {m["abbr"]: " ".join(m["name"].split()) for m in _DELEGATE.finditer(text)}


def find_delegates(sources: list[Path | str]) -> dict[str, str]:
    """Every delegates list a profile names, found in the source folders or above them.

    Lists nearer the documents win over lists further up; within one folder, files
    are read in name order.
    """
    names = sorted({p.delegates for p in profiles() if p.delegates})
    found: dict[str, str] = {}
    folders: list[Path] = []
    for source in sources:
        start = Path(source).resolve()
        start = start if start.is_dir() else start.parent
        folders += [*reversed(start.parents), start]
        folders += sorted({f.parent for name in names for f in start.rglob(name)})
    for folder in dict.fromkeys(folders):
        for name in names:
            path = folder / name
            if path.is_file() and path.stat().st_size < 10_000_000:
                found.update(read_delegates(path.read_text(encoding="utf-8", errors="replace")))
    return found


def _named_in(folder: Path) -> str | None:
    """The profile a folder's ``wgkg.yaml`` names, '' for none, None without the file."""
    path = folder / FOLDER_CONFIG
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ValueError(f"{path}: not readable YAML ({err})") from None
    name = str(data.get("profile", "")) if isinstance(data, dict) else ""
    if name:
        profile_named(name)  # an unknown name is an error that lists the profiles
    return name


def folder_profile(file: Path, sources: list[Path | str]) -> str:
    """The profile named by the nearest ``wgkg.yaml`` from ``file``'s folder up to the
    source folder it was found in ('' when none names one)."""
    roots = [Path(s).resolve() for s in sources]
    folder = file.resolve().parent
    while True:
        named = _named_in(folder)
        if named is not None:
            return named
        if folder in roots or folder.parent == folder or not any(
                folder.is_relative_to(r) for r in roots):
            return ""
        folder = folder.parent
