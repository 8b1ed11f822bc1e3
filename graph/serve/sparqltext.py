"""What a SPARQL request asks for, read from its words before it is run.

A small lexer skips comments, strings, IRIs, variables and prefixed names, so a
keyword is only found where it is a keyword: ``?service``, ``ex:load``,
``"DROP ALL"`` and ``# SERVICE`` are not.

>>> read_operation('PREFIX ex: <http://e/> SELECT ?service WHERE { ?s ex:load "DROP" } # SERVICE')
Operation(form='SELECT', service=False, dataset=False)
>>> read_operation("prefix x: <http://e/>\\nINSERT DATA { x:a x:b x:c }").form
'INSERT'
>>> read_operation("SELECT * FROM NAMED <http://g> { SERVICE <http://e/> { ?s ?p ?o } }")
Operation(form='SELECT', service=True, dataset=True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Operation", "read_operation", "QUERY_FORMS", "UPDATE_WORDS"]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# The first word of every SPARQL 1.1 Update operation.
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH")

# One token: what is not a keyword is matched first, so its words are never read as keywords.
_TOKEN = re.compile(r"""
      \#[^\n]*                                        # comment:  # SERVICE here is no keyword
    | '''(?:[^'\\]|\\.|'(?!''))*'''                   # long strings: '''DROP ALL'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"        # strings: "LOAD <x>"
    | <[^<>"{}|^`\\\s]*>                              # IRI: <http://example.org/service>
    | [?$]\w+                                         # variable: ?service
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*                    # language tag: @en-GB
    | (?:[A-Za-z][\w.-]*)?:[\w.:%\\-]*                # prefixed name: ex:load, :a
    | (?P<word>[A-Za-z_]\w*)                          # a word: SELECT, SERVICE, FROM
    | \S                                              # anything else: { } . ; ( )
""", re.VERBOSE)


@dataclass(frozen=True)
class Operation:
    """``form``: the first keyword after the prologue (SELECT, INSERT, …, or '' when none)."""

    form: str
    service: bool
    dataset: bool


def _words(text: str) -> list[str]:
    return [m["word"].upper() for m in _TOKEN.finditer(text) if m["word"]]


def read_operation(text: str) -> Operation:
    """The operation's form, whether it calls SERVICE and whether it names its dataset (FROM)."""
    words = _words(text)
    form = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    return Operation(form, "SERVICE" in words, "FROM" in words)
