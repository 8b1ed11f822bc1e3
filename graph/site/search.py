"""The offline search index: names, ballots and topics with the page each opens.

Written as a script (``search-index.js``) that sets one global, so pages opened from
the file system can load it without fetching anything; ``search.js`` reads it and
shows matches with ``textContent`` only.
"""

from __future__ import annotations

import json

from graph.site.facts import Facts

__all__ = ["search_index", "search_script"]


def search_index(f: Facts) -> list[list[str]]:
    """``[text, kind, path]`` rows: people (and their other spellings), organisations,
    groups, ballots (id and title) and agenda topics (opening their meeting)."""
    links, d = f.links, f.data
    rows = [[n, "person", links.person(n)] for n in links.names("person")]
    rows += [
        [r["alias"], f"person ({r['person']})", links.person(r["person"])] for r in d["people"] if r["alias"]
    ]
    rows += [[n, "organisation", links.org(n)] for n in links.names("organization")]
    rows += [[n, "group", links.group(n)] for n in links.names("group")]
    rows += [
        [f"{b} {f.ballot[b]['title']}".strip(), "ballot", links.ballot(b)] for b in links.names("ballot")
    ]
    rows += [
        [r["topic"], f"topic, {r['date']}", links.meeting(r["meeting"])]
        for r in d["topics"]
        if links.meeting(r["meeting"])
    ]
    return sorted({tuple(r) for r in rows if r[2]})


def search_script(index: list[list[str]]) -> str:
    """The script that defines ``window.WGKG_SEARCH`` (``<`` escaped, so it cannot close a tag)."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.WGKG_SEARCH = {data};\n"
