from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLE_VAULT = Path(__file__).resolve().parent.parent / "examples" / "vault"


@pytest.fixture(scope="session")
def example_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/vault without reports a reader may have generated into it.

    The README's first command writes reports into `examples/vault/vaultnet/`; tests must give
    the same answers whether or not someone ran it.
    """
    copy = tmp_path_factory.mktemp("example") / "vault"
    shutil.copytree(EXAMPLE_VAULT, copy, ignore=lambda folder, names: (
        ["vaultnet"] if Path(folder) == EXAMPLE_VAULT else []))
    return copy
