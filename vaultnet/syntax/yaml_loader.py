"""A PyYAML loader that reads scalars like Obsidian's YAML 1.2 parser does.

PyYAML implements YAML 1.1, where `yes`/`no`/`on`/`off` are booleans, `12:30` is the
integer 750 and `012` is octal. Obsidian's JavaScript parser follows the YAML 1.2 core
schema (plus timestamps), so those stay strings or decimals there. The loader keeps
PyYAML's fast C parser when it is available; only the implicit resolvers and two
constructors change. An impossible date (`2023-02-30`) stays text instead of failing.
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ObsidianYamlLoader(_Base):  # type: ignore[misc]
    """SafeLoader (C-accelerated when possible) with YAML 1.2 core-schema scalars."""


_CORE_RESOLVERS: list[tuple[str, str, str]] = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$",
        "0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
]

ObsidianYamlLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _CORE_RESOLVERS:
    ObsidianYamlLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
# The empty plain scalar (`key:`) is null too; PyYAML looks it up under "".
ObsidianYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^$"), [""]
)


def _construct_int(loader: SafeConstructor, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text[:2] in ("0o", "0x"):
        return int(text, 0)
    return int(text, 10)  # YAML 1.2: leading zeros are decimal


def _construct_timestamp(loader: SafeConstructor, node: yaml.ScalarNode) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


ObsidianYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
ObsidianYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
# A `<<` that is not a mapping key (`key: <<`) is just text.
ObsidianYamlLoader.add_constructor("tag:yaml.org,2002:merge", SafeConstructor.construct_scalar)
