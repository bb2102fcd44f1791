"""The language of the reports: `--lang`, else the configuration, else guessed from the vault.

The guess counts letters in what the user named: note names and headings. Property keys and
tags are left out because vaultnet's own conventions put English keys into Russian vaults.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Iterable

__all__ = ["CYRILLIC_SHARE", "choose_language", "cyrillic_share", "detect_language"]

# A Russian vault keeps Latin names too (companies, "John Smith"), so a third is enough.
CYRILLIC_SHARE = 0.33


def cyrillic_share(texts: Iterable[str]) -> float | None:
    """Cyrillic letters / all letters; None when there is no letter at all."""
    cyrillic = letters = 0
    for text in texts:
        for char in text:
            if char.isalpha():
                letters += 1
                if unicodedata.name(char, "").startswith("CYRILLIC"):
                    cyrillic += 1
    return cyrillic / letters if letters else None


def _names_and_headings(vault: Any) -> Iterable[str]:
    notes = getattr(vault, "notes", {}) or {}
    for path in sorted(notes):
        yield path.rsplit("/", 1)[-1].removesuffix(".md")
        for heading in getattr(notes[path], "headings", ()) or ():
            yield heading.text


def detect_language(vault: Any) -> str:
    """"ru" when at least a third of the letters in note names and headings are Cyrillic."""
    share = cyrillic_share(_names_and_headings(vault))
    return "ru" if share is not None and share >= CYRILLIC_SHARE else "en"


def choose_language(option: str | None, config: Any, vault: Any) -> str:
    """The command-line option wins, then `language` in the configuration, then the guess."""
    if option:
        return option
    configured = getattr(config, "language", None)
    if configured in ("ru", "en"):
        return str(configured)
    return detect_language(vault)
