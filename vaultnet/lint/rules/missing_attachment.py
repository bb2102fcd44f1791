"""An embed or link to a file that is not a note (an image, a PDF …) and is not in the vault.

Obsidian shows a broken embed. The target is taken as an attachment when its name ends in an
extension of a file type other than a note (`.png`, `.pdf`, `.canvas`, `.mp3` …); other
unresolved links are reported by `unresolved-link`.

PASS (the vault holds `Вложения/визитка.png`)::

    ![[визитка.png]]

FAIL::

    ![[визитка2.png]]          <- no file "визитка2.png" in the vault
    [скан](scan.pdf)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.links import describe, is_attachment, link_hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import Hit, LintContext

NAME = "missing-attachment"
DEFAULT_SEVERITY = "error"


def check(context: LintContext) -> Iterator[Hit]:
    for resolved in context.unresolved_links:
        link = resolved.link
        if is_attachment(link.target):
            what = "embedded file" if link.embed else "file"
            yield link_hit(resolved, f"no {what} {link.target!r} in the vault: {describe(link)}")
