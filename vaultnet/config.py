"""Configuration: discovery, defaults and validation (contracts.md "Configuration").

Discovery: ``--config FILE`` → ``.vaultnet.toml`` at the vault root → ``[tool.vaultnet]`` in the
nearest ``pyproject.toml`` walking up from the vault (up to the git root) → defaults. Unknown
keys are returned as warnings; an invalid value raises ``ConfigError`` with one line that names
the file and the key.
"""
from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from vaultnet.errors import ConfigError
from vaultnet.text import DEFAULT_MAX_FILE_BYTES

if TYPE_CHECKING:
    import pathspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "ALWAYS_EXCLUDED",
    "CONFIG_FILE",
    "Config",
    "SEVERITIES",
    "find_config_file",
    "load_config",
]

CONFIG_FILE = ".vaultnet.toml"
SEVERITIES = ("error", "warning", "info", "off")
LANGUAGES = ("ru", "en")
# Shown in the effective configuration; the walk skips every dot-named file and folder anyway
# (R18: Obsidian does not index them).
ALWAYS_EXCLUDED = (".obsidian/", ".trash/", ".git/", ".vaultnet/")


def _frozen_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec | None:
    if not patterns:
        return None  # the common case; pathspec is then never imported (~40 ms of start-up)
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass(frozen=True)
class Config:
    """The effective configuration; every field has the default a vault without a file gets."""

    exclude: tuple[str, ...] = ()  # gitignore-style patterns, matched on vault paths
    report_folder: str = "vaultnet"  # vault-relative, `/`-separated, NFC, no trailing `/`
    language: str | None = None  # "ru", "en" or None = follow the vault
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    rules: Mapping[str, str] = field(default_factory=dict)  # rule name -> severity
    types: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # type -> {tags, folders}
    cadence: Mapping[str, int | None] = field(default_factory=dict)  # tier -> days (None: none)
    # Networking-model settings (vaultnet.network.settings reads them when present).
    kind_weights: Mapping[str, float] = field(default_factory=dict)
    excluded_sections: tuple[str, ...] = ()
    daily_folders: tuple[str, ...] = ()
    goal_tags: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None  # the file the values came from; None for the defaults
    _spec: pathspec.GitIgnoreSpec | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiled once: the walk asks for every file and folder of the vault.
        object.__setattr__(self, "_spec", _frozen_spec(tuple(self.exclude)))

    def __hash__(self) -> int:
        # The tables are dicts; hash what they say, so a Config can key a cache.
        return hash(json.dumps(self.to_dict(), sort_keys=True))

    def is_excluded(self, path: str, *, is_dir: bool = False) -> bool:
        """Whether a vault path is excluded by the `exclude` patterns (dot-names aside)."""
        if self._spec is None:
            return False
        return bool(self._spec.match_file(path + "/" if is_dir else path))

    def to_dict(self) -> dict[str, Any]:
        """The effective values, in the shape of the TOML file (JSON-able, sorted tables)."""
        return {
            "exclude": list(self.exclude),
            "always_excluded": list(ALWAYS_EXCLUDED) + ["every dot-named file and folder"],
            "report_folder": self.report_folder,
            "language": self.language or "auto",
            "max_file_bytes": self.max_file_bytes,
            "rules": dict(sorted(self.rules.items())),
            "types": {k: _plain(v) for k, v in sorted(self.types.items())},
            "cadence": {k: (v if v is not None else 0) for k, v in sorted(self.cadence.items())},
            "kind_weights": dict(sorted(self.kind_weights.items())),
            "excluded_sections": list(self.excluded_sections),
            "daily_folders": list(self.daily_folders),
            "goal_tags": dict(sorted(self.goal_tags.items())),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------
# Discovery and reading


def find_config_file(vault_root: Path) -> tuple[Path, bool] | None:
    """The file that configures this vault and whether it is a `pyproject.toml`, or None."""
    root = vault_root.resolve()
    dedicated = root / CONFIG_FILE
    if dedicated.is_file():
        return dedicated, False
    for folder in (root, *root.parents):
        candidate = folder / "pyproject.toml"
        # Like ruff: a pyproject.toml without our table does not stop the search.
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate, True
        if (folder / ".git").exists():  # the repository root: a vault never reaches above it
            break
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = _read_toml(pyproject)
    except ConfigError:
        return False  # someone else's broken pyproject.toml is not our configuration
    tool = data.get("tool")
    return isinstance(tool, dict) and "vaultnet" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"configuration file not found: {path}") from None
    except OSError as error:
        raise ConfigError(f"cannot read configuration {path}: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {_one_line(str(error))}") from None


def load_config(vault_root: Path, config_file: Path | None = None) -> tuple[Config, list[str]]:
    """The configuration of a vault and the warnings about it (unknown keys …)."""
    vault_root = Path(vault_root)
    if config_file is not None:
        path = Path(config_file)
        is_pyproject = path.name == "pyproject.toml"
    else:
        found = find_config_file(vault_root)
        if found is None:
            return Config(), []
        path, is_pyproject = found
    data = _read_toml(path)
    warnings: list[str] = []
    if is_pyproject:
        tool = data.get("tool", {})
        table = tool.get("vaultnet") if isinstance(tool, dict) else None
        if table is None:
            warnings.append(f"{path}: no [tool.vaultnet] table; using the defaults")
            return Config(), warnings
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.vaultnet] must be a table")
        data = table
    return config_from_mapping(data, source=str(path), warnings=warnings), warnings


def config_from_mapping(
    data: Mapping[str, Any], *, source: str = "<configuration>", warnings: list[str] | None = None
) -> Config:
    """Validate a parsed TOML table into a `Config`; unknown keys are appended to `warnings`."""
    values: dict[str, Any] = {}
    for key, raw in data.items():
        check = _CHECKS.get(key)
        if check is None:
            if warnings is not None:
                warnings.append(f"{source}: unknown configuration key {key!r}{_hint(key)}")
            continue
        try:
            values[key] = check(raw)
        except _Invalid as error:
            raise ConfigError(f"{source}: {key}: {error}") from None
    return Config(source=source, **values)


def _hint(key: str) -> str:
    close = difflib.get_close_matches(key, list(_CHECKS), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Validation of each key: raise _Invalid with what is wrong; the caller adds file and key.


class _Invalid(Exception):
    pass


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"


def _string_list(value: Any, what: str = "a list of strings") -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"expected {what}, got {_describe(value)}")
    return tuple(value)


def _check_exclude(value: Any) -> tuple[str, ...]:
    patterns = _string_list(value, "a list of gitignore-style patterns")
    for pattern in patterns:
        try:
            _frozen_spec((pattern,))
        except (ValueError, TypeError, re.error) as error:
            raise _Invalid(f"invalid pattern {pattern!r}: {_one_line(str(error))}") from None
    return patterns


def _vault_folder(value: Any) -> str:
    """A folder inside the vault, as a vault path: `/`-separated, NFC, no leading/trailing `/`."""
    if not isinstance(value, str):
        raise _Invalid(f"expected a folder path, got {_describe(value)}")
    text = unicodedata.normalize("NFC", value.strip().replace("\\", "/"))
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise _Invalid(f"{value!r} is outside the vault; give a folder relative to the vault")
    parts: list[str] = []
    for part in text.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise _Invalid(f"{value!r} is outside the vault")
            parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def _check_report_folder(value: Any) -> str:
    folder = _vault_folder(value)
    if not folder:
        raise _Invalid(f"{value!r} is the vault root; give a folder inside the vault")
    return folder


def _check_language(value: Any) -> str | None:
    if value is None or value == "auto":
        return None
    if value not in LANGUAGES:
        raise _Invalid(f"expected one of 'ru', 'en', 'auto', got {_describe(value)}")
    return str(value)


def _check_max_file_bytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _Invalid(f"expected a positive number of bytes, got {_describe(value)}")
    return value


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"expected a table, got {_describe(value)}")
    return value


def _check_rules(value: Any) -> dict[str, str]:
    rules = {}
    for rule, severity in _table(value).items():
        if severity not in SEVERITIES:
            raise _Invalid(
                f"{rule}: expected one of {', '.join(SEVERITIES)}, got {_describe(severity)}"
            )
        rules[rule] = severity
    return rules


def _check_types(value: Any) -> dict[str, dict[str, Any]]:
    types: dict[str, dict[str, Any]] = {}
    for name, spec in _table(value).items():
        if not isinstance(spec, dict):
            raise _Invalid(f"{name}: expected a table of tags and folders, got {_describe(spec)}")
        checked = dict(spec)  # free-form: other keys pass through to the networking model
        try:
            if "tags" in spec:
                checked["tags"] = list(_string_list(spec["tags"]))
            if "folders" in spec:
                checked["folders"] = [_vault_folder(f) for f in _string_list(spec["folders"])]
        except _Invalid as error:
            raise _Invalid(f"{name}: {error}") from None
        types[name] = checked
    return types


def _check_cadence(value: Any) -> dict[str, int | None]:
    cadence: dict[str, int | None] = {}
    for tier, days in _table(value).items():
        # 0 or false: this tier has no cadence (e.g. dormant contacts).
        if days is False or days == 0:
            cadence[tier] = None
        elif isinstance(days, int) and not isinstance(days, bool) and days > 0:
            cadence[tier] = days
        else:
            raise _Invalid(f"{tier}: expected a number of days, got {_describe(days)}")
    return cadence


def _check_kind_weights(value: Any) -> dict[str, float]:
    weights = {}
    for kind, weight in _table(value).items():
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
            raise _Invalid(f"{kind}: expected a non-negative number, got {_describe(weight)}")
        weights[kind] = float(weight)
    return weights


def _check_goal_tags(value: Any) -> dict[str, str]:
    tags = _table(value)
    for tag, goal in tags.items():
        if not isinstance(goal, str):
            raise _Invalid(f"{tag}: expected a goal name, got {_describe(goal)}")
    return dict(tags)


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "exclude": _check_exclude,
    "report_folder": _check_report_folder,
    "language": _check_language,
    "max_file_bytes": _check_max_file_bytes,
    "rules": _check_rules,
    "types": _check_types,
    "cadence": _check_cadence,
    "kind_weights": _check_kind_weights,
    "excluded_sections": _string_list,
    "daily_folders": lambda value: tuple(_vault_folder(f) for f in _string_list(value)),
    "goal_tags": _check_goal_tags,
}
