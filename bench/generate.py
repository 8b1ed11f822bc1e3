"""A synthetic corpus of minutes and ballot posts, in the real records' formats.

Deterministic for a seed. Attendance is skewed (a few regulars, many occasional
attendees), people change organisation, names come with and without
organisations and diacritics, prose mentions people by first name, ballots are
spelled several ways, and ballot posts carry proposers, endorsers and votes.

    python -m bench.generate --documents 10000 --out bench/out/corpus-10k
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
from pathlib import Path

FIRST = ("Ana Bjørn Chen Dana Élodie Farid Grace Hiro Ines Jonas Kofi Lena Mateo Nadia Omar Priya "
         "Quentin Rosa Sven Tomás Uma Viktor Wen Ximena Yusuf Zoë Tim Tim Ben Ben Dean").split()
LAST = ("Souza Halvorsen Wei Whitfield Marchand Haddad Okafor Tanaka Vidal Berg Mensah Novak Ruiz "
        "Karimi Farouk Iyer Dubois Alvarez Lund García Rao Petrov Zhang López Aydın Müller Baxter "
        "Crawford Hollebeek Wilson Coclin Nakamura Schmidt Rossi Kowalski Jensen Silva").split()
ORGS = ("Quillon NordTrust Lumen CA Certeza Acme Browser Vantage PKI Orbis Trust Kestrel Sign "
        "Meridian CA Halcyon Root Polaris Certs Aster Security Borealis ID Cobalt Trust Delta PKI "
        "Equinox CA").split(" ")
ORGS = [" ".join(ORGS[i:i + 2]) if ORGS[i] in ("Lumen", "Acme", "Vantage", "Orbis", "Kestrel",
                                                 "Meridian", "Halcyon", "Polaris", "Aster",
                                                 "Borealis", "Cobalt", "Delta", "Equinox") else ""
        for i in range(len(ORGS))]
ORGS = [o for o in ORGS if o] + ["Quillon", "NordTrust", "Certeza"]
GROUPS = [("Timestamping Working Group", "TSWG", "Timestamping"),
          ("Code Signing Certificate Working Group", "CSC", "Code Signing"),
          ("Server Certificate Working Group", "SC", "Server Certificates"),
          ("S/MIME Certificate Working Group", "SMC", "S/MIME"),
          ("Network Security Working Group", "NS", "Network Security")]
TOPICS = ["Clock accuracy", "Revocation timelines", "Audit evidence", "Key protection",
          "Certificate profiles", "Logging requirements", "Signing services", "Threat model",
          "Validation methods", "Membership applications", "F2F planning", "Any other business"]
VERBS = ["said", "asked", "suggested", "noted", "explained", "agreed", "presented", "mentioned"]


class Corpus:
    def __init__(self, seed: int = 7, people: int | None = None, documents: int = 1000):
        self.rng = random.Random(seed)
        n_people = people or max(40, int(documents ** 0.9))
        names: set[str] = set()
        while len(names) < n_people:  # double-barrelled surnames once simple ones run short
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            if len(names) >= len(FIRST) * len(LAST) // 2:
                last = f"{last}-{self.rng.choice(LAST)}"
            names.add(f"{first} {last}")
        self.people = sorted(names)
        self.org_of = {p: self.rng.choice(ORGS) for p in self.people}
        # Zipf-like skew: person i attends with weight 1/(i+1)
        weights = [1 / (i + 1) ** 0.8 for i in range(len(self.people))]
        self.cum_weights = list(itertools.accumulate(weights))
        self.ballot_no = {g[1]: 0 for g in GROUPS}

    def attendees(self, k: int) -> list[str]:
        chosen = set()
        while len(chosen) < k:
            chosen.add(self.rng.choices(self.people, cum_weights=self.cum_weights)[0])
        return sorted(chosen)

    def ballot_spelling(self, prefix: str, number: int) -> str:
        return self.rng.choice([f"{prefix}-{number}", f"{prefix}{number}", f"{prefix}-{number:03d}",
                                f"Ballot {prefix}-{number}", f"{prefix} {number}",
                                f"Ballot {prefix}{number}v2"])

    def attendee_block(self, people: list[str]) -> str:
        style = self.rng.randrange(5)
        org = self.org_of
        if style == 0:
            return "## Attendees\n\n" + ", ".join(f"{p} ({org[p]})" for p in people) + "\n"
        if style == 1:
            return "**Roll Call:**  " + "; ".join(
                f"{p} – {org[p]}" if self.rng.random() < 0.7 else p for p in people) + ".\n"
        if style == 2:
            return "**Attendance:**\n\n" + "".join(f"- {p} – {org[p]}\n" for p in people)
        if style == 3:
            return "## Attendees\n\n" + ", ".join(people[:-1]) + f", and {people[-1]}\n"
        return "Attendance:\n" + "".join(f"{p} – {org[p]}\n" for p in people)

    def minutes(self, date: dt.date, group: tuple) -> str:
        name, prefix, tag = group
        people = self.attendees(self.rng.randint(6, 30))
        author = self.rng.choice(people)
        lines = ["---", f"author: {author}", f"date: {date} 16:00:00", "tags:", f"- {tag}",
                 "- Minutes", f"title: {date} Minutes of the {name}", "type: post", "---", "",
                 self.attendee_block(people), "## Minutes", "",
                 f"{people[0].split()[0]} read the antitrust statement.", "",
                 "The minutes of the previous meeting were approved.", ""]
        for i, topic in enumerate(self.rng.sample(TOPICS, self.rng.randint(2, 5)), 1):
            lines += [f"### {i}. {topic}", ""]
            for _ in range(self.rng.randint(1, 4)):
                who = self.rng.choice(people).split()[0]
                lines.append(f"{who} {self.rng.choice(VERBS)} that the {topic.lower()} text "
                             "needs another review before the next call.")
            if self.rng.random() < 0.4 and self.ballot_no[prefix]:
                number = self.rng.randint(1, self.ballot_no[prefix])
                state = self.rng.choice(["is in discussion period until next week",
                                         "is in voting period that closes on Friday",
                                         "has passed", "is in the IPR review period"])
                lines.append(f"{self.ballot_spelling(prefix, number)} {state}.")
            if self.rng.random() < 0.2:
                a, b = self.rng.sample(people, 2)
                lines.append(f"{a} and {b} plan to endorse after review.")
            lines.append("")
        lines.append("Meeting adjourned.")
        return "\n".join(lines) + "\n"

    def ballot(self, date: dt.date, group: tuple) -> str:
        name, prefix, tag = group
        self.ballot_no[prefix] += 1
        number = self.ballot_no[prefix]
        proposer, *endorsers = self.attendees(3)
        orgs = self.rng.sample(ORGS, self.rng.randint(4, min(12, len(ORGS))))
        yes = orgs[: len(orgs) - 2]
        no, abstain = orgs[-2:-1], orgs[-1:]
        return "\n".join([
            "---", f"author: {proposer}", f"date: {date} 12:00:00", "tags:", f"- {tag}", "- Ballot",
            f"title: 'Ballot {prefix}-{number}: Synthetic change {number}'", "type: post", "---", "",
            "## Voting Results", "",
            f"The voting on ballot {prefix}-{number} has completed, and the ballot has **passed**.", "",
            "### Certificate Issuers", "", f"- {len(yes)} Yes votes: {', '.join(yes)}",
            f"- {len(no)} No votes: {', '.join(no)}", f"- {len(abstain)} Abstain: {', '.join(abstain)}",
            "", "## Ballot Contents", "",
            f"The following motion has been proposed by {proposer} of {self.org_of[proposer]} and "
            f"endorsed by {endorsers[0]} of {self.org_of[endorsers[0]]} and {endorsers[1]} of "
            f"{self.org_of[endorsers[1]]}.", ""]) + "\n"


def generate(out: Path, documents: int, seed: int = 7, ballot_share: float = 0.1) -> Path:
    """Write ``documents`` files under ``out`` (one folder per year); return ``out``."""
    corpus = Corpus(seed, documents=documents)
    out.mkdir(parents=True, exist_ok=True)
    start = dt.date(2020, 1, 1)
    for i in range(documents):
        date = start + dt.timedelta(days=i * 3650 // max(documents, 1))
        group = GROUPS[i % len(GROUPS)]
        folder = out / str(date.year)
        folder.mkdir(exist_ok=True)
        if corpus.rng.random() < ballot_share:
            text, kind = corpus.ballot(date, group), "ballot"
        else:
            text, kind = corpus.minutes(date, group), "minutes"
        (folder / f"{date}-{i:06d}-{kind}-{group[1].lower()}.md").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.documents, args.seed)
    print(f"wrote {args.documents} documents to {args.out}")


if __name__ == "__main__":
    main()
