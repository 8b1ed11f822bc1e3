"""One large file: every meeting written in it gives its facts, whatever the file's size.

How long a large file takes is measured by ``bench/large.py``; here, that a 2 MB file of the
same minutes written 2,500 times over gives 2,500 times each statement, decision and action
item, on the lines they are written on.
"""

from collections import Counter

from graph.kinds import extract_all
from tests.conftest import DATA, doc_from

MINUTES = DATA / "2025" / "2025-01-09-minutes-of-the-timestamping-working-group.md"
PER_COPY = ("Contribution", "Decision", "Action")


def _facts(copies: int) -> tuple[list, int]:
    """The facts of a file holding the body of MINUTES ``copies`` times, and the lines of one."""
    text = MINUTES.read_text(encoding="utf-8")
    body = text[text.index("\n---\n", 3) + 5:] + "\n\n"
    doc = doc_from(body * copies)
    return [f for f in extract_all(doc) if type(f).__name__ in PER_COPY], body.count("\n")


def test_a_2_mb_file_gives_the_facts_of_every_meeting_in_it():
    one, step = _facts(1)
    many, _ = _facts(2_500)
    assert len(many) == 2_500 * len(one) > 20_000
    assert Counter((type(f).__name__, f.span.first_line) for f in many) == Counter(
        (type(f).__name__, f.span.first_line + copy * step) for copy in range(2_500) for f in one)
