"""`vaultnet config`: the effective configuration, as TOML (the file's own shape) or JSON.

Rule severities are shown for every rule, the configured ones and the defaults alike, so a
user sees what `vaultnet lint` will do. The TOML writer covers exactly the value types a
configuration holds: strings, numbers, booleans, lists of those, and tables.
"""
from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from vaultnet.config import Config

__all__ = ["effective_config", "to_json", "to_toml"]


def effective_config(config: Config) -> dict[str, Any]:
    from vaultnet.lint.rules import RULES

    data = config.to_dict()
    severities = {name: module.DEFAULT_SEVERITY for name, module in RULES.items()}
    severities.update(config.rules)
    data["rules"] = dict(sorted(severities.items()))
    return data


def to_json(config: Config) -> str:
    shown = {"source": config.source, **effective_config(config)}
    return json.dumps(shown, ensure_ascii=False, indent=2) + "\n"


def to_toml(config: Config) -> str:
    data = effective_config(config)
    # Not a setting (it cannot be changed), so a comment: the output stays a valid config file.
    always = ", ".join(data.pop("always_excluded", []))
    header = (
        f"# effective vaultnet configuration; from {config.source or 'the defaults'}\n"
        f"# always excluded: {always}\n"
    )
    return header + _table(data, ())


def _table(data: Mapping[str, Any], path: tuple[str, ...]) -> str:
    plain = [(k, v) for k, v in data.items() if not isinstance(v, Mapping)]
    tables = [(k, v) for k, v in data.items() if isinstance(v, Mapping)]
    out = "".join(f"{_key(k)} = {_value(v)}\n" for k, v in plain)
    for key, value in tables:
        inner = path + (key,)
        out += f"\n[{'.'.join(_key(part) for part in inner)}]\n" + _table(value, inner)
    return out


def _key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else _string(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if value != value else
                                                            ("inf" if value > 0 else "-inf"))
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    return _string(str(value))


def _string(text: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes, except \/ which json never writes.
    return json.dumps(text, ensure_ascii=False)
