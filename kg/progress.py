"""Progress of a long build: a live bar on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts articles done; redraws at most every ``interval`` seconds (plain lines every ``every``)."""

    def __init__(self, total: int, stream: TextIO | None = None, quiet: bool = False,
                 interval: float = 0.2, every: float = 10.0) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.quiet = quiet or total == 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.last = 0.0
        self.interval = interval if self.tty else every

    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        pct = 100 * self.done / self.total if self.total else 100
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        return (f"[{bar}] {self.done}/{self.total} {pct:3.0f}%  {rate:6.1f} articles/s  "
                f"ETA {int(eta) // 60}:{int(eta) % 60:02d}")

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.quiet:
            return
        now = time.monotonic()
        if now - self.last >= self.interval or self.done == self.total:
            self.last = now
            if self.tty:
                self.stream.write("\r" + self.line())
                if self.done == self.total:
                    self.stream.write("\n")
            else:
                self.stream.write(self.line() + "\n")
            self.stream.flush()

    def message(self, text: str) -> None:
        """A line (an error, say) that must not be overwritten by the bar."""
        if self.tty and not self.quiet:
            self.stream.write("\r" + " " * 90 + "\r")
        self.stream.write(text + "\n")
        self.stream.flush()
