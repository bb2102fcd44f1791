"""Which link occurrences count as contact (§4.4), and the dates notes and headings carry.

Counts: a person link in a dated context, `with`, a completed task. Does not count: open tasks
(a plan), quotes, code, embeds, excluded sections (`См. также`, `Related`), self links.
Reports are never read at all.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from vaultnet.resolve import normalize_heading
from vaultnet.network.notes import NoteView, section_chains
from vaultnet.network.properties import parse_date
from vaultnet.records import Heading, Link

_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{8})(?!\d)")
_HEADING_DATE = re.compile(r"^\s*(?:\[\[\s*(\d{4}-\d{2}-\d{2})(?:[|#][^\]]*)?\]\]|(\d{4}-\d{2}-\d{2}))")
# Keys whose links name who took part (an intro names `by`, `introduced` and `to`; events `met`).
PARTICIPANT_KEYS = ("with", "by", "introduced", "to", "met")


@dataclass(frozen=True, slots=True)
class Ref:
    """A link an interaction or person makes, kept so coverage can say why something counts."""

    path: str  # the resolved target
    heading: str | None
    block: str | None
    via: str  # "property:goals", "field:goals", "text", …
    line: int


def note_date(view: NoteView) -> date | None:
    """Dataview's `file.day`: a `date` property, else a `yyyy-mm-dd` / `yyyymmdd` file name."""
    explicit = parse_date(view.props.get("date"))
    if explicit is not None:
        return explicit
    match = _NAME_DATE.match(view.title)
    return parse_date(match.group(1)) if match else None


def heading_date(heading: Heading) -> date | None:
    """`### [[2025-01-10]] …` or `### 2025-01-10 …`."""
    match = _HEADING_DATE.match(heading.text)
    return parse_date(match.group(1) or match.group(2)) if match else None


class CountedLines:
    """Per note: whether a body line may carry contact, computed once per note."""

    def __init__(self, view: NoteView, excluded_sections: tuple[str, ...]) -> None:
        excluded = {normalize_heading(text) for text in excluded_sections}
        chains = section_chains(view.record.headings, len(view.lines))
        self._excluded = [
            any(normalize_heading(h.text) in excluded for h in chain) for chain in chains
        ]
        self.view = view
        self._by_line: list[tuple[int, tuple[Link, str | None]]] | None = None
        self._link_lines: list[int] = []

    def body_links_between(self, start: int, end: int) -> list[tuple[Link, str | None]]:
        """The note's body links on lines `start`…`end`, in the note's order.

        A daily note asks once per list item; bisecting a line-sorted copy keeps that linear
        in the note's links rather than items × links.
        """
        if self._by_line is None:
            self._by_line = sorted(enumerate(self.view.body_links()),
                                   key=lambda item: item[1][0].line)
            self._link_lines = [pair[0].line for _, pair in self._by_line]
        low = bisect_left(self._link_lines, start)
        high = bisect_right(self._link_lines, end)
        return [pair for _, pair in sorted(self._by_line[low:high], key=lambda item: item[0])]

    def line_counts(self, number: int) -> bool:
        if not 0 < number <= len(self._excluded) or self._excluded[number - 1]:
            return False
        line = self.view.line(number)
        if line.in_code or line.in_quote:
            return False
        return line.task is None or line.task in "xX"

    def link_counts(self, link: Link, target: str | None) -> bool:
        if link.embed or target is None or target == self.view.path:
            return False
        if link.kind == "property":
            return True  # property links are judged by their key, by the caller
        return self.line_counts(link.line)


def ref_of(link: Link, target: str, via: str) -> Ref:
    return Ref(target, link.heading, link.block, via, link.line)
