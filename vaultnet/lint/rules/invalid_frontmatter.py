"""Frontmatter whose YAML does not parse, or parses to something other than a mapping.

Obsidian then gives the note no properties at all: no aliases, no tags, no property links
(R28). **Error.** The position is where YAML found the problem.

PASS::

    ---
    tags: [person]
    company: "[[Acme]]"
    ---

FAIL::

    ---
    tags: [person
    company: "[[Acme]]"
    ---
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "invalid-frontmatter"
DEFAULT_SEVERITY = "error"


def check(context: LintContext) -> Iterator[Hit]:
    return context.problems_of(NAME)
