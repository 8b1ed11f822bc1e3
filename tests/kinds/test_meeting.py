import pytest

from graph.config import load_config
from graph.kinds.meeting import Meeting
from graph.lexicon import parse_date
from tests.conftest import SEED, doc_from, facts_of, real_doc

CFG = load_config()


def extract_meeting(doc, config):
    return facts_of(doc, Meeting)[0]


@pytest.mark.parametrize("text, date", [
    ("2021-12-09 Minutes of the Server Certificate Working Group", "2021-12-09"),
    ("Network Security Working Group – August 30, 2022", "2022-08-30"),
    ("Minutes of the F2F 59 Meeting in Redmond, WA, USA, 6-8 June 2023", "2023-06-06"),
    ("2022-02-30 impossible", ""),
    ("no date", ""),
])
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_seed_meeting():
    m = extract_meeting(real_doc(f"2022/{SEED}"), CFG)
    assert (m.kind, m.date, m.group, m.minute_taker) == (
        "minutes", "2022-09-22", "Code Signing Certificate Working Group", "Corey Bonnell")


def test_meeting_date_comes_from_the_title_not_the_post_date():
    m = extract_meeting(real_doc(
        "2022/2022-01-11-2021-12-09-minutes-of-the-server-certificate-working-group.md"), CFG)
    assert (m.date, m.posted) == ("2021-12-09", "2022-01-11")


@pytest.mark.parametrize("name, group", [
    ("2022/2022-04-27-5055.md", "S/MIME Certificate Working Group"),
    ("2023/2023-01-03-2023-01-03-minutes-of-netsec-wg-meeting.md", "Network Security Working Group"),
    ("2024/2024-01-03-minutes-SMCWG.md", "S/MIME Certificate Working Group"),
    ("2024/2024-01-04-minutes-forum.md", "CA/Browser Forum"),
])
def test_group_from_title_or_tags(name, group):
    assert extract_meeting(real_doc(name), CFG).group == group


def test_ballot_post_kind_and_group_from_prefix():
    m = extract_meeting(real_doc("2022/2022-09-27-ballot-csc-17-subscriber-private-key-extension.md"),
                        CFG)
    assert (m.kind, m.group, m.minute_taker) == ("ballot", "Code Signing Certificate Working Group", "")


def test_missing_title_and_date_do_not_fail():
    m = extract_meeting(doc_from("text\n", front="author: [1, 2]\n"), CFG)
    assert (m.title, m.date, m.kind, m.minute_taker) == ("t.md", "", "other", "")
