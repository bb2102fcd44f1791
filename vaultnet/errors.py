"""Errors the user can fix: the CLI prints their one-line message and exits 2, never a traceback."""
from __future__ import annotations

__all__ = ["ConfigError", "VaultnetError"]


class VaultnetError(Exception):
    """A problem the user can fix (no vault, bad configuration …); the message is one line."""


class ConfigError(VaultnetError):
    """The configuration file cannot be read or holds an invalid value."""
