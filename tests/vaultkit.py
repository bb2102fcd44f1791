"""Helpers shared by the tests: write a small vault, load the benchmark's vault generator.

Importable from every test folder: pytest puts `tests/` on sys.path for its conftest.py.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Mapping

ROOT = Path(__file__).resolve().parent.parent


def write_vault(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Create `files` (vault path -> text or bytes) under `root`; text as UTF-8, byte for byte
    (line endings as written: a test of CRLF notes gets CRLF)."""
    root.mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def vault_generator() -> ModuleType:
    """`benchmarks/generate_vault.py`, which is a script, not a package module."""
    if "generate_vault" in sys.modules:
        return sys.modules["generate_vault"]
    spec = importlib.util.spec_from_file_location(
        "generate_vault", ROOT / "benchmarks" / "generate_vault.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
