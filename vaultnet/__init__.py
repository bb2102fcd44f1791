"""vaultnet: read an Obsidian vault exactly as Obsidian does.

The public API is small and imported lazily, so that `vaultnet --help` and the pre-commit
hook start fast::

    from vaultnet import load_vault
    vault = load_vault("examples/vault")
    for resolved in vault.resolved_links():
        print(resolved.source, resolved.link.target, resolved.resolution.path)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from vaultnet.vault import Vault, load_vault

__all__ = ["Vault", "__version__", "load_vault"]


def __getattr__(name: str) -> Any:
    if name in ("Vault", "load_vault"):
        from vaultnet import vault

        return getattr(vault, name)
    raise AttributeError(f"module 'vaultnet' has no attribute {name!r}")
