from __future__ import annotations

import io
import time

from vaultnet.progress import status


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_slow_step_shows_the_status_then_erases_it():
    stream = Terminal()
    with status("vaultnet: reading 3 notes…", stream, enabled=True, delay=0.01):
        time.sleep(0.2)
    assert stream.getvalue() == "vaultnet: reading 3 notes…\r\r\x1b[K"


def test_a_fast_step_shows_nothing():
    stream = Terminal()
    with status("vaultnet: reading", stream, enabled=True, delay=5):
        pass
    assert stream.getvalue() == ""


def test_never_on_a_pipe_nor_under_quiet():
    pipe = io.StringIO()
    with status("x", pipe, enabled=True, delay=0):
        time.sleep(0.05)
    terminal = Terminal()
    with status("x", terminal, enabled=False, delay=0):
        time.sleep(0.05)
    assert pipe.getvalue() == terminal.getvalue() == ""
