"""Decisions: minutes approved and agreements, from real lines."""

from graph.kinds.decision import Decision
from tests.conftest import doc_from, facts_of


def decisions(body: str) -> list[str]:
    return [d.kind for d in facts_of(doc_from(body), Decision)]


def test_minutes_approved_in_a_numbered_agenda_item():
    # 2023-01-26 Code Signing minutes
    assert decisions("1. **Approval of minutes**: Minutes for 12 January 2023 approved\n") == [
        "minutes-approved"]


def test_agreements_and_their_negation():
    assert decisions("- It was agreed to discuss further at the F2F.\n") == ["agreement"]
    assert decisions("- Decided not to import 4.2.1 from SSL BRs\n") == ["agreement"]
    assert decisions("- The minutes were not approved yet.\n") == []
