from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from fakes import FakeVault

SEED_NAME = "Цели и задачи нетворкинга.md"
SEED_PATH = Path("/work/shared/seeds") / SEED_NAME
if not SEED_PATH.exists():  # a copy travels with the tests
    SEED_PATH = Path(__file__).parent / "data" / SEED_NAME


def _real_loader() -> Callable[..., Any] | None:
    try:
        from vaultnet.vault import load_vault
    except ImportError:
        return None
    return load_vault


def _real_parser() -> Callable[..., Any] | None:
    try:
        from vaultnet.parse import parse_note
    except ImportError:
        return None
    return parse_note


@pytest.fixture(params=["fake", "parsed", "real"])
def make_vault(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[dict[str, str]], Any]:
    """Build a vault from {path: text}: with the test stand-in, with the real parser and the
    stand-in's resolver, and with the real loader (each when it exists)."""
    loader = _real_loader()
    parser = _real_parser()
    if request.param == "real" and loader is None:
        pytest.skip("vaultnet.vault is not there yet")
    if request.param == "parsed" and parser is None:
        pytest.skip("vaultnet.parse is not there yet")

    def build(files: dict[str, str]) -> Any:
        if request.param == "fake":
            return FakeVault(files)
        if request.param == "parsed":
            return FakeVault(files, parser=parser)
        for path, text in files.items():
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return loader(tmp_path)  # type: ignore[misc]

    return build


@pytest.fixture
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")
