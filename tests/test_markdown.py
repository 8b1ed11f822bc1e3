from graph.markdown import parse_blocks, plain, sentences, strip_numbering
from graph.sources import parse_document


def test_headings_lose_their_numbering():
    assert strip_numbering("3. Approval of Minutes:") == "Approval of Minutes"
    assert strip_numbering("**2.   Roll Call**") == "Roll Call"
    assert strip_numbering("F2F Agenda") == "F2F Agenda"


def test_plain_removes_emphasis_and_links():
    assert plain("**Roll Call:**  Clint [notes](http://x) here") == "Roll Call: Clint notes here"


def test_blocks_keep_file_lines_and_their_heading():
    doc = parse_document("m.md", b"---\ntitle: T\n---\n## Minutes\n\nDean read it.\n\n- one\n- two\n")
    blocks = parse_blocks(doc)
    assert [(b.kind, b.first_line, b.heading) for b in blocks] == [
        ("heading", 4, ""), ("paragraph", 6, "Minutes"), ("item", 8, "Minutes"),
        ("item", 9, "Minutes")]


def test_deep_nesting_does_not_crash():
    body = "".join("  " * i + "- x\n" for i in range(3000)).encode()
    doc = parse_document("m.md", b"---\ntitle: T\n---\n" + body)
    assert parse_blocks(doc)  # bounded nesting, no RecursionError


def test_sentences_split_on_sentence_ends():
    doc = parse_document("m.md", b"---\nt: 1\n---\nDean read it. Bruce asked why? Tim agreed.\n")
    assert [s for _, s, _, _ in sentences(parse_blocks(doc))] == [
        "Dean read it.", "Bruce asked why?", "Tim agreed."]
