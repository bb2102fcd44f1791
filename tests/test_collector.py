"""The cyclic collector is paused only for the block, and a caller's own pause is kept."""
from __future__ import annotations

import gc

import pytest

from vaultnet.collector import collector_paused


def test_paused_inside_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_linting_and_the_model_leave_the_collector_running(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from vaultkit import write_vault

    from vaultnet.lint.engine import lint_vault
    from vaultnet.network.model import build_model
    from vaultnet.vault import load_vault

    write_vault(tmp_path, {"A.md": "[[B]] [[Nowhere]]\n", "B.md": "# B\n"})
    vault = load_vault(tmp_path)
    assert [f.rule for f in lint_vault(vault)] == ["unresolved-link"]
    build_model(vault, date(2026, 11, 28))
    assert gc.isenabled()
