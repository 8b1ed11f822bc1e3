"""What went wrong with an input file, said so that a person can act on it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BadInput", "Problem"]


@dataclass(frozen=True)
class Problem:
    """A warning or error about one file: ``severity`` is 'warning' or 'error'."""

    severity: str
    message: str
    line: int | None = None

    def as_dict(self, file: str) -> dict:
        return {"file": file, "severity": self.severity, "message": self.message,
                "line": self.line}


class BadInput(Exception):
    """A file that cannot be read as a document; the message says why and what to do."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
