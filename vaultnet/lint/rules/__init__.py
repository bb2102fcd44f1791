"""The rule registry: one module per rule, listed here explicitly (as yamllint does).

Each rule module has `NAME` (kebab-case, stable), `DEFAULT_SEVERITY`, a module docstring that
is its user documentation (first line: a one-line summary; then PASS and FAIL examples) and
`check(context) -> Iterator[Hit]`.
"""
from __future__ import annotations

from importlib import import_module
from types import ModuleType

__all__ = ["RULES", "get", "summary"]

# The modules of this package, one per rule; a test checks that none is left out.
_MODULES = (
    "alias_link",
    "ambiguous_link",
    "duplicate_alias",
    "invalid_frontmatter",
    "legacy_property",
    "missing_attachment",
    "missing_block",
    "missing_heading",
    "unquoted_property_link",
    "unreadable_file",
    "unresolved_link",
)

RULES: dict[str, ModuleType] = {
    module.NAME: module for module in (import_module(f"{__name__}.{name}") for name in _MODULES)
}


def get(name: str) -> ModuleType:
    """The rule called `name`; ValueError for an unknown name."""
    try:
        return RULES[name]
    except KeyError:
        raise ValueError(f"no such rule: {name!r}") from None


def summary(module: ModuleType) -> str:
    """The first line of the rule's documentation."""
    return (module.__doc__ or module.NAME).strip().splitlines()[0]
