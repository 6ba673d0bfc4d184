"""A small text progress bar for management commands."""

import sys
import time
from typing import TextIO

from django.core.management.base import OutputWrapper


class ProgressBar:
    """``[#######.............]  35% 3,500/10,000  12.3 s`` redrawn in place.

    On a terminal the line is redrawn; in logs (not a TTY) a line is printed
    every 10 % so CI output stays short.
    """

    def __init__(
        self,
        total: int,
        *,
        label: str = "",
        stream: TextIO | OutputWrapper | None = None,
        width: int = 30,
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stdout
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._last_decile = -1
        self._printed_done = -1
        self._interactive = hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total) if self.total else self.done + count
        self._draw()

    def finish(self) -> float:
        """Draw the final state, end the line, return the elapsed seconds."""
        elapsed = time.monotonic() - self.started
        if self._interactive:
            self._write(self._line())
            self._put("\n")
        elif self._printed_done != self.done:
            self._write(self._line())
        self.stream.flush()
        return elapsed

    def _draw(self) -> None:
        fraction = self.done / self.total if self.total else 1.0
        decile = int(fraction * 10)
        if self._interactive or decile != self._last_decile:
            self._last_decile = decile
            self._write(self._line())

    def _line(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.monotonic() - self.started
        return f"{self.label}[{bar}] {fraction:4.0%} {self.done:,}/{self.total:,}  {elapsed:.1f} s"

    def _write(self, line: str) -> None:
        self._printed_done = self.done
        self._put("\r" + line if self._interactive else line + "\n")
        self.stream.flush()

    def _put(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            # A command's stdout ends every write with a newline unless told otherwise,
            # which would print each redraw on a line of its own.
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
