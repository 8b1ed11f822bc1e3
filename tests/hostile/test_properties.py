"""Property-based tests: the parsers take any input without crashing or inventing."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ballot_ids import find_ballot_ids
from graph.config import load_config
from graph.kinds import extract_all
from graph.kinds.attendance import looks_like_name, parse_attendee_entry
from graph.names import fold, person_key
from graph.problems import BadInput
from graph.sources import parse_document

CFG = load_config()
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_bad_input(raw):
    try:
        doc = parse_document("x.md", raw)
    except BadInput as err:
        assert err.message
        return
    extract_all(doc, CFG)  # never raises


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "date", "author", "tags"]),
                       st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                                    lambda c: st.lists(c, max_size=3), max_leaves=6)),
       TEXT)
def test_any_front_matter_values_are_read_safely(front, body):
    import yaml

    raw = ("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body).encode()
    try:
        doc = parse_document("x.md", raw)
    except BadInput:
        return
    meeting = extract_all(doc, CFG)[0]
    assert isinstance(meeting.title, str) and isinstance(meeting.date, str)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_attendee_entries_never_invent_text(entry):
    name, org = parse_attendee_entry(entry, CFG)
    assert fold(name) in fold(entry) or not name
    if looks_like_name(name):
        assert not re.search(r"[<>{}\[\]|=#]", name)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_ballot_ids_are_canonical(text):
    for _, _, ballot, written in find_ballot_ids(text, CFG):
        assert re.fullmatch(r"[A-Z]+-[1-9][0-9]*|[1-9][0-9]*", ballot)
        assert written in text


@given(st.lists(st.from_regex(r"[A-Z][a-zé]{1,8}", fullmatch=True), min_size=2, max_size=3))
def test_person_key_ignores_order_and_case(tokens):
    name = " ".join(tokens)
    assert person_key(name) == person_key(" ".join(reversed(tokens)).upper())
    assert person_key(person_key(name)) == person_key(name)
