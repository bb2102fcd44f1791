from __future__ import annotations

import pytest
from hardkit import Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI, asserting on every call that nothing printed a traceback."""
    return Cli(capsys)
