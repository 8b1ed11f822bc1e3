"""Seconds spent per named stage, summed over every call: a build's profile.

Stages may nest; time is charged to the innermost stage running, so the stages
add up to the time measured and nothing is counted twice.

>>> clock = Stopwatch()
>>> with clock("write"):
...     with clock("digest"):
...         pass
>>> sorted(clock.seconds)
['digest', 'write']
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Stopwatch"]


class Stopwatch:
    """Adds the time of each ``with clock(stage):`` block to ``seconds[stage]``,
    less the time of the blocks nested in it."""

    def __init__(self, seconds: dict[str, float] | None = None):
        self.seconds = {} if seconds is None else seconds
        self._running: list[str] = []
        self._since = 0.0

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self._charge()
        self._running.append(stage)
        try:
            yield
        finally:
            self._charge()
            self._running.pop()

    def _charge(self) -> None:
        now = time.perf_counter()
        if self._running:
            stage = self._running[-1]
            self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._since
        self._since = now
