"""A status line on stderr for a step that turns out to take over a second (contracts.md).

Only on a terminal and never under `--quiet`: stdout carries results (JSON, SARIF), and a
status that appears in pipes or logs is noise. The line is erased when the step ends.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator, TextIO

DELAY_SECONDS = 1.0


@contextmanager
def status(message: str, stream: TextIO, *, enabled: bool, delay: float = DELAY_SECONDS
           ) -> Iterator[None]:
    """Show `message` on `stream` if the block is still running after `delay` seconds."""
    if not enabled or not stream.isatty():
        yield
        return
    shown = threading.Event()
    lock = threading.Lock()

    def show() -> None:
        with lock:
            if not finished:
                stream.write(f"{message}\r")
                stream.flush()
                shown.set()

    finished = False
    timer = threading.Timer(delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            finished = True
        timer.cancel()
        if shown.is_set():
            stream.write("\r\033[K")  # erase the status line
            stream.flush()
