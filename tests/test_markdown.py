"""The document model: sections (headings, bold labels, numbered agenda items), blocks, lines."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import markdown
from graph.markdown import plain, read_model, split_label, strip_numbering
from graph.sources import parse_document
from tests.conftest import CORPUS


def model(body: str):
    return read_model(parse_document("m.md", ("---\ntitle: T\n---\n" + body).encode()))


def test_headings_lose_their_numbering():
    assert strip_numbering("3. Approval of Minutes:") == "Approval of Minutes"
    assert strip_numbering("**2.   Roll Call**") == "Roll Call"
    assert strip_numbering("F2F Agenda") == "F2F Agenda"


def test_plain_removes_emphasis_and_links():
    assert plain("**Roll Call:**  Clint [notes](http://x) here") == "Roll Call: Clint notes here"


def test_blocks_keep_file_lines_and_their_section():
    m = model("## Minutes\n\nDean read it.\n\n- one\n- two\n")
    assert [(b.kind, b.first_line, b.heading) for b in m.blocks] == [
        ("heading", 4, "Minutes"), ("paragraph", 6, "Minutes"), ("item", 8, "Minutes"),
        ("item", 9, "Minutes")]


def test_numbered_agenda_items_are_sections_and_own_the_bullets_after_them():
    # 2023-01-26 Code Signing minutes
    m = model("# Minutes\n\n1. **Antitrust statement read**\n"
              "1. **Approval of minutes**: Minutes for 12 January 2023 approved\n"
              "1. Ballot: Malware base revocation (Martijn)\n\n"
              "- Bruce stated he would endorse after review.\n\n"
              "7. Next Meeting – 9 February 2023\n1. Adjourn\n")
    assert [(s.title, s.origin) for s in m.sections] == [
        ("Minutes", "heading"), ("Antitrust statement read", "item"),
        ("Approval of minutes", "item"), ("Ballot: Malware base revocation (Martijn)", "item"),
        ("Next Meeting", "item"), ("Adjourn", "item")]
    bullet = next(b for b in m.blocks if b.text.startswith("Bruce"))
    assert bullet.section.path == ("Minutes", "Ballot: Malware base revocation (Martijn)")


def test_a_numbered_sentence_is_no_section():
    m = model("1. Dean read the antitrust statement and asked for comments on the agenda.\n")
    assert m.sections == []


def test_bold_paragraphs_are_pseudo_headings():
    # 2023-02-01 ballot SC-60
    m = model("**Voting Results**\n\n**Certificate Issuers**\n\n- 4 Issuers voting YES: Entrust\n")
    item = m.blocks[-1]
    assert item.section.title == "Certificate Issuers"
    assert [s.title for s in m.sections] == ["Voting Results", "Certificate Issuers"]


def test_topic_lines_are_sections():
    m = model("Topic 2: Ballot SC-70 discussion\n\nDimitris said it is ready.\n")
    assert m.sections[0].title == "Ballot SC-70 discussion"
    assert m.blocks[-1].heading == "Ballot SC-70 discussion"


def test_labelled_lines_have_label_and_value_and_hard_wraps_are_joined():
    m = model("Attendees: Ann Lee (Acme), Bruce\nMorton (Entrust)\n")
    block = m.blocks[0]
    assert (block.label, block.value) == ("Attendees", "Ann Lee (Acme), Bruce Morton (Entrust)")
    assert block.line_at(block.text.index("Morton")) == 5


def test_a_paragraph_of_labelled_lines_is_one_block_per_label():
    m = model("Start time: 2023-01-05 19:00 UTC\nEnd time: Not before 2023-01-19\n")
    assert [(b.label, b.first_line) for b in m.blocks] == [("Start time", 4), ("End time", 5)]


def test_tables_have_header_and_rows_with_lines():
    m = model("| | Yes | No |\n|---|---|---|\n| Certificate Issuers | Actalis, HARICA | |\n")
    table = m.blocks[0]
    assert table.header == ("", "Yes", "No")
    assert table.rows == ((6, ("Certificate Issuers", "Actalis, HARICA", "")),)


def test_split_label_forms():
    assert split_label("**Roll Call:** Dean") == ("Roll Call", "Dean")
    assert split_label("**Approval of minutes**: approved") == ("Approval of minutes", "approved")
    assert split_label("Dean read it.") is None


def test_deep_nesting_does_not_crash():
    body = "".join("  " * i + "- x\n" for i in range(3000))
    assert model(body).blocks  # bounded nesting, no RecursionError


def test_sentences_split_on_sentence_ends_across_wrapped_lines():
    m = model("Dean read it. Bruce asked\nwhy? Tim agreed.\n")
    assert [(s.line, s.text) for s in m.sentences()] == [
        (4, "Dean read it."), (4, "Bruce asked why?"), (5, "Tim agreed.")]


def test_wide_list_markers_are_items_not_code():
    # 2023-01-03 NetSec minutes: "1.      **Straw Poll** – The straw poll …"
    m = model("1.      **Straw Poll** – The poll closed.\n\n2.\t**Air-Gapped CAs** (offline) – We hoped.\n\n"
              "-      Other item\n")
    assert [b.kind for b in m.blocks if b.kind != "heading"] == ["item", "item", "item"]
    assert [s.title for s in m.sections] == ["Straw Poll", "Air-Gapped CAs"]


def test_bold_heading_with_wrapped_closing_mark():
    # 2023-01-05 Server Certificate minutes: "**6. Any Other Business\n**"
    m = model("**6. Any Other Business\n**\n\n**Approval of\nminutes**\n")
    assert [s.title for s in m.sections] == ["Any Other Business", "Approval of minutes"]


def test_bold_label_closed_by_a_dash_inside_the_bold():
    # 2023-01-05 Server Certificate minutes: "**7. Next Meeting –** January 19th 2023"
    block = model("**7. Next Meeting –** January 19th 2023\n").blocks[0]
    assert (block.label, block.bold) == ("7. Next Meeting", "7. Next Meeting")
    assert block.value == "January 19th 2023"
    assert split_label("**Ballot Status —** two open") == ("Ballot Status", "two open")


def test_topic_lines_with_a_dash_or_emphasis():
    m = model("Agenda item 4 – Other business\n\n**Topic 5:** Next call\n\nItem 6. Adjourn\n")
    assert [s.title for s in m.sections] == ["Other business", "Next call", "Adjourn"]


def test_short_numbered_sentences_and_labelled_items_are_sections():
    # 2023-04-06 Code Signing minutes
    m = model("1. The Anti-Trust summary was read\n"
              "1. Malware based revocation: Martijn stated that this was ready for ballot. The PR is made.\n"
              "1. Next meeting on April 20th.\n")
    assert [s.title for s in m.sections] == ["The Anti-Trust summary was read", "Malware based revocation",
                                             "Next meeting on April 20th"]


def test_a_numbered_list_announced_by_a_sentence_has_no_sections():
    # 2024-02-08 Code Signing minutes: "Ian provided these topics:" then "2. Reduction of … to 15 months"
    m = model("### F2F discussion\n\nIan provided these topics:\n1. Certificate transparency\n"
              "2. Reduction of code signing certificate validity to 15 months\n\nAgenda:\n\n1. Welcome\n")
    assert [s.title for s in m.sections] == ["F2F discussion", "Welcome"]


# Blocks that end only where a later line says so: a fence with blank lines, a list whose item
# goes on after a blank line, a setext heading, a table, an unclosed fence at the end
TRICKY = ("# Minutes\n\n```\ncode\n\n# not a heading\n```\n\n- Dean read it.\n\n  Bruce agreed.\n"
          "- Tim H.: We agree.\n\nVoting Results\n---\n\n| Name | Vote |\n|---|---|\n| Ann | Yes |\n\n"
          "[ref]: http://example.org\n\n**Roll Call:** Ann Lee, Bob Stone\n\n1. **Adjourn**\n\n"
          "```\nnever closed\n\nstill code\n")


def _model_parsed_by(monkeypatch, part: int, body: str):
    monkeypatch.setattr(markdown, "PART", part)
    m = model(body)
    return [(b.kind, b.lines, b.section, b.depth, b.ordered, b.label, b.value, b.rows)
            for b in m.blocks], m.sections


def test_the_body_parsed_a_part_at_a_time_gives_the_model_of_the_whole(monkeypatch):
    body = TRICKY * 3
    whole = _model_parsed_by(monkeypatch, 10**9, body)
    for part in (1, 7, 40, 200):  # every way of cutting it
        assert _model_parsed_by(monkeypatch, part, body) == whole


def test_a_large_body_is_never_parsed_at_once(monkeypatch):
    """The tokens held at a time are those of one part, however long the body."""
    body = TRICKY.split("```\nnever")[0] * 3000  # 0.6 MB
    held = []
    parse = markdown.MarkdownIt.parse
    monkeypatch.setattr(markdown.MarkdownIt, "parse",
                        lambda self, text, env=None: held.append(len(text)) or parse(self, text, env))
    assert len(model(body).sections) == 3000 * 3
    assert sum(held) < 1.2 * len(body)  # each part parsed about once
    assert max(held) < 2 * markdown.PART


MARKS = ["-", "*", "_", "=", "+", ">", "<", "#", "|", "`", "~", "[", "]", ":", "1", ".", ")",
         " ", "  ", "    ", "\t", "\n", "\n\n", "a", "Ann Lee"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKS), max_size=60).map("".join))
def test_a_text_parsed_without_the_rules_it_cannot_match_gives_the_same_tokens(text):
    assert markdown._parser_for(text).parse(text) == markdown._parser_without(frozenset()).parse(text)


def test_the_real_corpus_parsed_without_the_rules_it_cannot_match_gives_the_same_tokens():
    texts = [TRICKY, "Title\n===\n\n> quote\n<div>x</div>\n\n[a]: /b\n\n***\n1) one\n  - two\n"]
    texts += [f.read_text(encoding="utf-8") for f in sorted(CORPUS.parent.rglob("*.md"))]
    if len(texts) == 2:
        pytest.skip(f"real corpus not found at {CORPUS.parent}")
    for text in texts:
        assert markdown._parser_for(text).parse(text) == markdown._parser_without(frozenset()).parse(text)
    assert markdown._parser_for("Ann Lee – Acme\n" * 1000).block.ruler.get_active_rules() == \
        ["code", "paragraph"]


def test_a_long_block_is_parsed_whole():
    body = "Ann Lee (X),\n" * 40_000  # 0.5 MB, one paragraph
    [block] = model(body).blocks
    assert block.first_line == 4 and block.last_line == 40_003


def test_sentences_of_many_long_lines_are_cut_at_their_lines():
    """Each long run of lines with no full stop is cut at its own lines (a bisection, not a
    scan of every line of the block for each run)."""
    run = "".join(f"word{i} and more words\n" for i in range(100))  # about 2,200 characters
    block = model((run.rstrip("\n") + ". And\n") * 200).blocks[0]
    lines = [s.line for s in block.sentences()]
    assert len(lines) == 200 * 101 and lines == sorted(lines)
    assert block.sentences() is block.sentences()  # read once, however many kinds ask
