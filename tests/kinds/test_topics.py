from graph.kinds.topic import Topic
from tests.conftest import SEED, doc_from, facts_of, real_doc


def topics(doc):
    return [t.title for t in facts_of(doc, Topic)]


def test_seed_topics_are_its_headings():
    assert topics(real_doc(f"2022/{SEED}")) == [
        "Malware proposal", "Special election ballot", "Vice chair nomination",
        "Signing service discussion", "Timestamping", "Other business"]


def test_numbered_headings_and_bold_labels():
    body = ("### 1. Roll Call\n\nx\n\n**Update from Threat Modeling Subcommittee:**\n\n"
            "**Minutes of Last Meeting**:  Minutes of August 16, 2022 were approved.\n\n"
            "**Network Security Working Group  –  August 30, 2022**\n")
    assert topics(doc_from(body)) == ["Roll Call", "Update from Threat Modeling Subcommittee",
                                      "Minutes of Last Meeting"]


def test_topic_lines_are_kept():
    found = facts_of(real_doc(f"2022/{SEED}"), Topic)
    assert found[0].span.first_line == 27
