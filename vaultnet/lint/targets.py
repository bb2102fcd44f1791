"""`vaultnet lint [VAULT] [FILES…]`: which argument is the vault, and FILES as vault paths.

pre-commit appends the staged files to the hook's arguments, so the first argument is the vault
only when it is a folder (or does not exist: then "vault not found" is the helpful message);
otherwise every argument is a file and the vault is the current folder.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Sequence

from vaultnet.errors import VaultnetError

__all__ = ["split_arguments", "vault_paths"]


def split_arguments(arguments: Sequence[Path]) -> tuple[Path, list[Path]]:
    """(vault folder, files) from the command line's paths."""
    if not arguments:
        return Path("."), []
    first, rest = arguments[0], list(arguments[1:])
    if first.is_dir() or not first.exists():
        return first, rest
    return Path("."), list(arguments)


def vault_paths(vault_root: Path, files: Sequence[Path]) -> tuple[set[str] | None, list[Path]]:
    """FILES as vault paths (a folder as `path/`; None when the vault itself is named), and the
    files outside the vault.

    Files outside the vault are not an error: pre-commit passes every staged Markdown file of
    the repository, and the vault may be one folder of it.
    """
    root = vault_root.resolve()
    selected: set[str] = set()
    outside: list[Path] = []
    for file in files:
        if not file.exists() and not file.is_absolute() and (vault_root / file).exists():
            file = vault_root / file  # typed relative to the vault rather than the cwd
        if not file.exists():
            raise VaultnetError(f"no such file: {file}")
        absolute = file.resolve()
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            outside.append(file)
            continue
        if absolute == root:
            return None, outside
        path = unicodedata.normalize("NFC", relative.as_posix())
        selected.add(path + "/" if absolute.is_dir() else path)
    return selected, outside
