"""Interactions (§4.4) from the notes people already write.

(a) a dated note (file-name date or `date` property): a typed interaction is one interaction
with everyone in `with` and every person linked in counted text; other dated notes
(daily notes) give (b) one interaction per list item that links a person, with its Dataview
fields, plus one for person links elsewhere in the note; (c) a dated heading in a person note is
an interaction with that person and anyone linked under it; (d) a completed task with a `✅`
date that links a person, in any other note. Future dates go to `upcoming` when `planned`, and
are otherwise left out (the linter reports them). Event notes are context, not interactions:
their `met`/`with` people join the alter graph (structure.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from vaultnet.network.context import (
    PARTICIPANT_KEYS,
    CountedLines,
    Ref,
    heading_date,
    note_date,
    ref_of,
)
from vaultnet.network.fields import InlineField, completion_date_text, field_value, inline_fields
from vaultnet.network.notes import NoteView, section_end
from vaultnet.network.properties import (
    canonical_key,
    canonical_value,
    parse_bool,
    parse_date,
    parse_int,
)
from vaultnet.network.settings import Settings
from vaultnet.network.types import INTERACTION_KINDS, NoteType

KIND_TAGS = {"meeting": "meeting", "встреча": "meeting", "call": "call", "звонок": "call"}


@dataclass(slots=True)
class Interaction:
    source: str  # the note it was read from
    line: int  # 0 for a whole note, else the list item, heading or task line
    origin: str  # note | item | heading | task
    date: date
    people: list[str]  # person paths, sorted
    kind: str | None = None  # meeting | call | … ; None when not written (not assumed sync)
    rating: int | None = None  # 1–5; an out-of-range value is dropped and flagged
    rating_invalid: bool = False
    direction: str | None = None  # received | given (intro, referral, invitation)
    planned: bool = False
    event: str | None = None  # event note path
    by: list[str] = field(default_factory=list)  # who introduced / referred / invited
    refs: list[Ref] = field(default_factory=list)  # goals, concepts, orgs … it links
    title: str = ""

    @property
    def id(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def sort_key(self) -> tuple[date, str, int]:
        return (self.date, self.source, self.line)


@dataclass(slots=True)
class InteractionSet:
    past: list[Interaction] = field(default_factory=list)  # dated on or before today
    upcoming: list[Interaction] = field(default_factory=list)  # future and `planned: true`
    future_unplanned: list[Interaction] = field(default_factory=list)  # left out, for the linter


def _apply_fields(found: Interaction, fields: list[InlineField]) -> None:
    kind = canonical_value(field_value(fields, "kind"))
    found.kind = kind if kind else found.kind
    _set_rating(found, field_value(fields, "rating"))
    direction = canonical_value(field_value(fields, "direction"))
    found.direction = direction or found.direction
    if parse_bool(field_value(fields, "planned")):
        found.planned = True
    explicit = parse_date(field_value(fields, "date") or "")
    found.date = explicit or found.date


def _set_rating(found: Interaction, value: object) -> None:
    if value is None or value == "":
        return
    rating = parse_int(value)
    if rating is not None and 1 <= rating <= 5:
        found.rating = rating
    else:
        found.rating, found.rating_invalid = None, True


class _Reader:
    def __init__(self, types: dict[str, NoteType], people: set[str], settings: Settings) -> None:
        self.types, self.people, self.settings = types, people, settings

    def note_level(self, view: NoteView, when: date, note_type: NoteType | None) -> Interaction:
        props = view.props
        found = Interaction(view.path, 0, "note", when, [], title=view.title)
        type_word = canonical_value(props.get("type"))
        tag_kind = next((KIND_TAGS[t] for t in view.tag_names() if t in KIND_TAGS), None)
        found.kind = canonical_value(props.get("kind")) or (
            type_word if type_word in INTERACTION_KINDS else tag_kind
        ) or ("event_chat" if note_type and note_type.kind == "event" else None)
        _set_rating(found, props.get("rating"))
        found.direction = canonical_value(props.get("direction"))
        found.planned = parse_bool(props.get("planned")) is True
        if note_type is not None and note_type.kind == "event":
            found.event = view.path
        people: set[str] = set()
        for link, target in view.resolved:
            if target is None or link.embed or target == view.path:
                continue
            if link.kind == "property":
                key = canonical_key(link.property.split(".", 1)[0] if link.property else "")
                if key in PARTICIPANT_KEYS and target in self.people:
                    people.add(target)
                    if key == "by":
                        found.by.append(target)
                elif key == "event":
                    found.event = target
                found.refs.append(ref_of(link, target, f"property:{key}"))
        found.people = sorted(people)
        return found

    def body_people(self, lines: CountedLines, start: int, end: int) -> tuple[set[str], list[Ref]]:
        """Counted person links and every counted ref between two lines."""
        people: set[str] = set()
        refs: list[Ref] = []
        for link, target in lines.body_links_between(start, end):
            if lines.link_counts(link, target):
                assert target is not None
                if target in self.people:
                    people.add(target)
                refs.append(ref_of(link, target, self._via(lines.view, link.line, link.col)))
        return people, refs

    @staticmethod
    def _via(view: NoteView, number: int, col: int) -> str:
        text = view.line(number).text
        if "::" in text:
            for found in inline_fields(text):
                if found.covers(col):
                    return f"field:{found.key}"
        return "text"


def extract_interactions(
    views: dict[str, NoteView],
    types: dict[str, NoteType],
    settings: Settings,
    today: date,
) -> InteractionSet:
    people = {path for path, t in types.items() if t.kind == "person"}
    reader = _Reader(types, people, settings)
    found: list[Interaction] = []
    for path in sorted(views):
        view = views[path]
        note_type = types.get(path)
        kind = note_type.kind if note_type else None
        lines = CountedLines(view, settings.excluded_sections)
        if kind in ("report", "goal", "concept", "org", "outcome"):
            found.extend(_completed_tasks(view, reader, lines))
            continue
        when = note_date(view) if kind != "person" else None
        if when is not None:
            found.extend(_dated_note(view, when, note_type, reader, lines))
        elif kind == "person":
            found.extend(_dated_headings(view, reader, lines))
            found.extend(_completed_tasks(view, reader, lines, skip_dated_headings=True))
        else:
            found.extend(_completed_tasks(view, reader, lines))
    result = InteractionSet()
    for item in sorted(found, key=Interaction.sort_key):
        if item.date <= today:
            result.past.append(item)
        elif item.planned:
            result.upcoming.append(item)
        else:
            result.future_unplanned.append(item)
    return result


def _dated_note(view: NoteView, when: date, note_type: NoteType | None, reader: _Reader,
                lines: CountedLines) -> list[Interaction]:
    if note_type is not None and note_type.kind == "event":
        # An event is where people were met; the conversations there are interaction notes of
        # kind event_chat, so counting the event itself would count each of them twice.
        return []
    whole = reader.note_level(view, when, note_type)
    typed = note_type is not None and note_type.kind in ("interaction", "event")
    if typed or "with" in view.props or "kind" in view.props:
        people, refs = reader.body_people(lines, 1, len(view.lines))
        whole.people = sorted(set(whole.people) | people)
        whole.refs.extend(refs)
        return [whole] if whole.people or (note_type and note_type.kind == "interaction") else []
    # A daily note: each list item that links a person is its own interaction (Dataview fields
    # attach to the list item), the rest of the note one more.
    items: list[Interaction] = []
    item_lines: set[int] = set()
    for line in view.lines:
        if line.list_indent is None or not lines.line_counts(line.number):
            continue
        people, refs = reader.body_people(lines, line.number, line.number)
        if not people:
            continue
        item = Interaction(view.path, line.number, "item", when, sorted(people), refs=refs,
                           title=line.item_text.strip())
        fields = inline_fields(line.text)
        _apply_fields(item, fields)
        if line.task is not None:
            item.date = parse_date(completion_date_text(line.text, fields) or "") or item.date
        items.append(item)
        item_lines.add(line.number)
    rest_people: set[str] = set(whole.people)
    for link, target in view.body_links():
        if link.line not in item_lines and lines.link_counts(link, target):
            assert target is not None
            if target in reader.people:
                rest_people.add(target)
            whole.refs.append(ref_of(link, target, reader._via(view, link.line, link.col)))
    if rest_people:
        whole.people = sorted(rest_people)
        items.insert(0, whole)
    return items


def _dated_headings(view: NoteView, reader: _Reader, lines: CountedLines) -> list[Interaction]:
    headings = sorted(view.record.headings, key=lambda h: h.line)
    found = []
    for heading in headings:
        when = heading_date(heading)
        if when is None or not lines.line_counts(heading.line):
            continue
        end = section_end(headings, heading, len(view.lines))
        people, refs = reader.body_people(lines, heading.line, end)
        people.add(view.path)
        item = Interaction(view.path, heading.line, "heading", when, sorted(people), refs=refs,
                           title=heading.text)
        for number in range(heading.line, end + 1):
            text = view.line(number).text
            if "::" in text and lines.line_counts(number):
                _apply_fields(item, inline_fields(text))
        found.append(item)
    return found


def _completed_tasks(view: NoteView, reader: _Reader, lines: CountedLines,
                     skip_dated_headings: bool = False) -> list[Interaction]:
    """`- [x] позвонить [[X]] ✅ 2025-01-10` anywhere: contact on the completion date.

    In a person note the task counts as contact with that person too.
    """
    covered: set[int] = set()
    if skip_dated_headings:
        headings = sorted(view.record.headings, key=lambda h: h.line)
        for heading in headings:
            if heading_date(heading) is not None:
                end = section_end(headings, heading, len(view.lines))
                covered.update(range(heading.line, end + 1))
    found = []
    for line in view.lines:
        if line.task not in ("x", "X") or line.number in covered:
            continue
        fields = inline_fields(line.text)
        when = parse_date(completion_date_text(line.text, fields) or "")
        if when is None:
            continue
        people, refs = reader.body_people(lines, line.number, line.number)
        if reader.types.get(view.path) is not None and reader.types[view.path].kind == "person":
            people.add(view.path)
        if not people:
            continue
        item = Interaction(view.path, line.number, "task", when, sorted(people), refs=refs,
                           title=line.item_text.strip())
        _apply_fields(item, fields)
        item.date = when
        found.append(item)
    return found
