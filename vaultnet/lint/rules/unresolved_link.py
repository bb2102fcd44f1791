"""A link whose path matches no file of the vault (Obsidian's own resolution, R12–R17).

An unresolved link is normal in Obsidian: it is a note still to be written, and clicking it
creates the note. So it is a **warning**, and becomes an **error** when it is very probably a
mistake:

* it sits in a property (`company: "[[Acme Corp]]"`): structured data should point somewhere;
* its name is one or two edits (insert, delete, replace, swap two neighbours; compared
  lower-cased) from an existing note name or alias: the message says which, "did you mean
  [[Резюме]]?". Names of up to 5 characters allow one edit, of up to 2 none, because short
  names are all close to one another.

Links to attachments (`![[photo.png]]`) are reported by `missing-attachment`, links to an
alias by `alias-link`. Setting a severity for this rule in the configuration applies it to all
its findings.

PASS (a note `Резюме.md` exists)::

    См. [[Резюме]] и [[Собеседования]]   <- the second one: a warning, a note to write later

FAIL::

    См. [[Резюмэ]]                      <- error: did you mean [[Резюме]]?
    company: "[[Acme Corp]]"            <- error: in a property
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator

from vaultnet.lint.engine import note_name
from vaultnet.lint.links import alias_claims, describe, is_attachment, link_hit
from vaultnet.lint.nearest import NameFinder
from vaultnet.resolve import unresolved_key

if TYPE_CHECKING:
    from vaultnet.lint.engine import Hit, LintContext

NAME = "unresolved-link"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    suggest = _suggester(context)
    for resolved in context.unresolved_links:
        link = resolved.link
        if is_attachment(link.target) or alias_claims(context, link):
            continue
        key = unresolved_key(link.target)
        message = f"no note named {key!r}: {describe(link)} does not resolve"
        suggestion = suggest(key.rsplit("/", 1)[-1])
        if suggestion is not None:
            message += f"; did you mean {suggestion}?"
        yield link_hit(resolved, message, severity="error" if suggestion else None,
                       error_in_property=True)


def _suggester(context: LintContext) -> Callable[[str], str | None]:
    """name -> "[[Note]]" or "[[Note|Alias]]" for the closest name or alias, or None.

    The finder indexes every name and alias of the vault: built on the first unresolved
    link, not before (re-linting one edited note usually meets none)."""

    @lru_cache(maxsize=None)
    def finder() -> NameFinder:
        return NameFinder([*context.note_names, *context.aliases])

    @lru_cache(maxsize=None)
    def suggest(name: str) -> str | None:
        closest = finder().closest(name)
        if closest is None:
            return None
        if closest in context.note_names:
            path = context.note_names[closest][0]
            return f"[[{context.link_text_for(path)}]]"
        path, alias = context.aliases[closest][0]
        if note_name(path).lower() == alias.lower():
            return f"[[{context.link_text_for(path)}]]"
        return f"[[{context.link_text_for(path)}|{alias}]]"

    return suggest
