"""The facts extractors find: small typed records, each with the Span it came from.

Names of people and organisations are kept as written; the resolve step maps
them to identities. Every record is a frozen dataclass, so facts compare and
sort by value and can be cached as plain data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

__all__ = [
    "Span", "Meeting", "Attendance", "Topic", "BallotMention", "BallotRole", "Vote",
    "UnsplitVotes", "Nomination", "Contribution", "Decision", "Action", "Fact",
    "fact_to_dict", "fact_from_dict",
]


@dataclass(frozen=True, order=True)
class Span:
    """Where a fact was read: document path and its first and last file lines."""

    source: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Meeting:
    """The event or post a document records (one per document).

    ``kind`` is 'minutes', 'ballot' (a ballot post) or 'other'; ``date`` the
    meeting date (ISO), which may differ from ``posted`` (the post date).
    """

    span: Span
    kind: str
    title: str
    date: str
    posted: str
    group: str
    minute_taker: str = ""


@dataclass(frozen=True)
class Attendance:
    """A person listed as present, with the organisation given beside the name."""

    span: Span
    name: str
    organization: str = ""


@dataclass(frozen=True)
class Topic:
    """An agenda item: a section heading or a bold label, numbering removed."""

    span: Span
    title: str


@dataclass(frozen=True)
class BallotMention:
    """A ballot referred to by id, with what the text says of its status.

    ``status`` is one of draft, discussion, voting, passed, failed, review,
    effective, withdrawn or ''; ``status_date`` the date the status refers to
    when the text gives one; ``title`` the ballot's title when given.
    """

    span: Span
    ballot: str
    as_written: str
    status: str = ""
    status_date: str = ""
    title: str = ""


@dataclass(frozen=True)
class BallotRole:
    """A person's role on a ballot: proposer, endorser or intended-endorser.

    An intent may name a proposal that has no ballot id yet: then ``ballot`` is
    '' and ``proposal`` holds the proposal's name (its section heading).
    """

    span: Span
    ballot: str
    name: str
    organization: str
    role: str
    proposal: str = ""


@dataclass(frozen=True)
class Vote:
    """One organisation's vote (yes, no, abstain) in a voter class."""

    span: Span
    ballot: str
    organization: str
    vote: str
    voter_class: str


@dataclass(frozen=True)
class UnsplitVotes:
    """Vote-table text that could not be split into known organisations."""

    span: Span
    ballot: str
    text: str
    vote: str
    voter_class: str


@dataclass(frozen=True)
class Nomination:
    """A person nominated, standing as candidate or elected for a role."""

    span: Span
    name: str
    role: str
    kind: str


@dataclass(frozen=True)
class Contribution:
    """A person recorded as speaking or acting; ``name`` as written."""

    span: Span
    name: str
    verb: str
    topic: str


@dataclass(frozen=True)
class Decision:
    """Something the meeting decided: minutes approved, an agreement."""

    span: Span
    kind: str
    text: str


@dataclass(frozen=True)
class Action:
    """A commitment: who will do what (``name`` as written)."""

    span: Span
    name: str
    text: str


Fact = (Meeting | Attendance | Topic | BallotMention | BallotRole | Vote | UnsplitVotes
        | Nomination | Contribution | Decision | Action)

_KINDS = {cls.__name__: cls for cls in (Meeting, Attendance, Topic, BallotMention, BallotRole,
                                         Vote, UnsplitVotes, Nomination, Contribution, Decision,
                                         Action)}


def fact_to_dict(fact: Fact) -> dict:
    """A fact as JSON-ready data, with its kind under ``"type"``."""
    data = {f.name: getattr(fact, f.name) for f in _FIELDS[type(fact)]}
    data["span"] = asdict(fact.span)
    data["type"] = type(fact).__name__
    return data


_FIELDS = {cls: fields(cls) for cls in _KINDS.values()}


def fact_from_dict(data: dict) -> Fact:
    """Inverse of :func:`fact_to_dict`."""
    cls = _KINDS[data["type"]]
    values = {f.name: data[f.name] for f in fields(cls)}
    values["span"] = Span(**values["span"])
    return cls(**values)

