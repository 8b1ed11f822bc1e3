"""Lines that look like a fact but yielded none are listed with their line and reason."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.kinds.unread import Unread, _Names
from tests.conftest import doc_from, facts_of

POST = "title: 'Ballot SC-60: Membership of ZT Browser'\ndate: 2023-02-01\ntags: [Ballot]\n"


def unread(body: str, front: str | None = None) -> list[tuple[int, str]]:
    doc = doc_from(body, front) if front else doc_from(body)
    return [(u.span.first_line, u.kind) for u in facts_of(doc, Unread)]


def test_a_stated_vote_count_that_differs_from_the_names_listed():
    # the form of 2023-02-01 ballot SC-60, with one name missing
    body = "**Certificate Issuers**\n\n- 4 Issuers voting YES: Entrust, HARICA, Izenpe\n"
    assert (8, "vote") in unread(body, POST)


def test_an_attendee_opening_a_sentence_with_no_statement_read():
    body = ("## Attendees\n\nDean Coclin (DigiCert), Bruce Morton (Entrust)\n\n## Minutes\n\n"
            "Dean's proposal was on the agenda.\n")
    assert (13, "contribution") in unread(body)


def test_a_ballot_like_id_with_an_unknown_prefix():
    assert (9, "ballot-mention") in unread("## Minutes\n\nBallot XYZ-12 was discussed.\n")


def test_a_clean_document_has_nothing_unread():
    body = ("## Attendees\n\nDean Coclin (DigiCert), Bruce Morton (Entrust)\n\n## Minutes\n\n"
            "Dean read the antitrust statement.\n")
    assert unread(body) == []


def test_an_unread_attendee_list_is_reported_but_not_a_repeat_or_prose():
    # an attendee list that reads as no names is reported with its line
    assert (9, "attendance") in unread("## Attendees\n\nacme corp 1, acme corp 2, acme corp 3\n")
    # a roll call repeating the list above it, and prose in the roll-call item, are not
    body = ("## Attendees\n\nDean Coclin (DigiCert), Bruce Morton (Entrust), Ian McMillan (Microsoft)\n\n"
            "## Minutes\n\n1. Roll Call – Bruce Morton – Entrust, Dean Coclin, Ian McMillan\n"
            "1. Keys feedback – There was no input, as to whether this should be on the agenda, "
            "and Ian stated it would be good to bring it up at the next meeting\n")
    assert [u for u in unread(body) if u[1] == "attendance"] == []


def test_a_document_lists_a_bounded_number_of_candidates_and_says_how_many_more():
    from graph.kinds import unread as module

    body = "## Attendees\n\nDean Coclin (DigiCert), Bruce Morton (Entrust)\n\n## Minutes\n\n" + "".join(
        f"Dean's point {i} was discussed.\n\n" for i in range(module.MAX_PER_KIND + 7))
    found = facts_of(doc_from(body), Unread)
    assert len(found) == module.MAX_PER_KIND + 1
    assert found[-1].reason.startswith("7 more contribution candidates")


NAME_PARTS = ["Tim", "Tim H.", "Ann", "Ann-Marie", "O'Brien", "Zoë", "\u200bAnn", "_x", "Dean Coclin"]
TEXT_PARTS = NAME_PARTS + [" ", ", ", ".", "Timothy", "said", "é", "-", "’", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=6),
       st.lists(st.sampled_from(TEXT_PARTS), max_size=12).map("".join))
def test_names_are_found_as_the_pattern_of_one_alternative_per_name_finds_them(names, text):
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, set(names)), key=len, reverse=True))
                         + r")\b")
    index = _Names(names)
    assert index.at(text) == ((m := pattern.match(text)) and m[1] or "")
    assert index.count(text) == len(pattern.findall(text))


def test_the_lines_of_an_attendee_list_are_no_sentences_opening_with_a_name():
    """Only the prose sentence is a candidate, not the list's entries written twice."""
    people = "".join(f"Ann{chr(97 + i % 26)}{chr(97 + i // 26 % 26)} Lee – Acme\n" for i in range(600))
    found = unread("Attendance:\n" + people * 2 + "\n## Minutes\n\nAnnfa Lee was on the agenda.\n")
    assert [kind for _, kind in found] == ["contribution"] and found[0][0] > 1200
