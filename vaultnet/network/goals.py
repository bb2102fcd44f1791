"""Goal notes (§4.5): goals, sub-goals, horizon tasks, methods, declared measures, concepts.

The seed note is the reference: its four `###` goals under `## Основные цели нетворкинга`, three
bullets each, two horizons of plain bullets, four methods, four measures and four concept links
with their reasons. Any note typed or tagged `goal` is read by the same rules; a goal note
without a goals section is itself one goal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from vaultnet.network.fields import completion_date_text, field_value, inline_fields
from vaultnet.network.notes import Line, NoteView, section_end
from vaultnet.network.properties import canonical_value, parse_date
from vaultnet.records import Heading

GOALS_SECTION = re.compile(r"основные цели|main goals|^goals$|^цели$", re.IGNORECASE)
TASKS_SECTION = re.compile(r"конкретные задачи|^задачи|tasks|objectives", re.IGNORECASE)
SHORT_TERM = re.compile(r"краткосрочн|short", re.IGNORECASE)
LONG_TERM = re.compile(r"долгосрочн|long", re.IGNORECASE)
METHODS_SECTION = re.compile(r"метод|method", re.IGNORECASE)
MEASURES_SECTION = re.compile(r"измерени|эффективност|measur|metrics", re.IGNORECASE)
CONCEPTS_SECTION = re.compile(r"концепц|concept", re.IGNORECASE)

KNOWN_GOAL_IDS = {
    "карьерный рост": "career", "career growth": "career", "career": "career",
    "профессиональное развитие": "prof", "professional development": "prof",
    "бизнес-развитие": "biz", "business development": "biz",
    "личностный рост": "personal", "personal growth": "personal",
}
# Bullet wording → the `source` vocabulary of person notes (§4.3), first match wins.
METHOD_KEYWORDS = (
    (("сообществ", "communit"), "community"),
    (("социальн", "social"), "social"),
    (("мероприят", "event"), "own_event"),
    (("волонт", "volunteer", "общественн"), "volunteering"),
)
# Bullet wording → the measure keys of §5.
MEASURE_KEYWORDS = (
    (("качествен", "quality"), "quality_connections"),
    (("рекомендац", "приглашени", "recommend", "referral", "invitation"),
     "recommendations_invitations"),
    (("удовлетвор", "satisf"), "satisfaction"),
    (("достижени", "achiev"), "goal_achievement"),
)
TASK_STATUS = {"x": "done", "X": "done", "/": "in_progress", "-": "cancelled", " ": "open"}
_NUMBER = re.compile(r"^\s*\d+[.)]\s*")
_BLOCK_ID = re.compile(r"\s\^([A-Za-z0-9-]+)\s*$")
_DASH = re.compile(r"\s[—–-]\s?")
_FIELD_ITEM = re.compile(r"^\s*[^\s:\[\]()][^:\[\]()]*::")


@dataclass(frozen=True, slots=True)
class Task:
    text: str
    status: str  # done | in_progress | cancelled | open | other
    line: int
    completed: date | None = None


@dataclass(slots=True)
class SubGoal:
    text: str  # the bullet as written, without task box and block id
    line: int
    block_id: str | None = None
    tasks: list[Task] = field(default_factory=list)


@dataclass(slots=True)
class Goal:
    note: str
    heading: str | None  # "1. Карьерный рост" (the link anchor); None for a whole-note goal
    level: int  # heading level; 0 for a whole-note goal or a numbered-list goal
    line: int
    id: str  # "career"
    title: str  # the heading without its number
    subgoals: list[SubGoal] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)  # every task in the goal's section
    status: str | None = None  # todo | doing | done | dropped
    end_line: int = 0


@dataclass(frozen=True, slots=True)
class HorizonItem:
    horizon: str  # short | long
    text: str
    line: int
    task: Task | None = None  # None for a plain bullet: "not yet trackable"


@dataclass(frozen=True, slots=True)
class Method:
    text: str
    source: str | None  # community | social | own_event | volunteering; None when unknown
    line: int


@dataclass(frozen=True, slots=True)
class DeclaredMeasure:
    text: str
    key: str | None  # a §5 measure key, or None: "declared, not computable yet"
    line: int

    @property
    def computable(self) -> bool:
        return self.key is not None


@dataclass(frozen=True, slots=True)
class ConceptLink:
    target: str  # the link path as written
    path: str | None  # the note it resolves to
    reason: str  # the text after the em dash
    line: int


@dataclass(slots=True)
class GoalNote:
    path: str
    title: str
    goals: list[Goal] = field(default_factory=list)
    horizon: list[HorizonItem] = field(default_factory=list)
    methods: list[Method] = field(default_factory=list)
    measures: list[DeclaredMeasure] = field(default_factory=list)
    concepts: list[ConceptLink] = field(default_factory=list)
    whole_note_goal: bool = False  # a goal note without a goals section is one goal


def goal_id(title: str) -> str:
    key = title.strip().lower().replace("ё", "е")
    if key in KNOWN_GOAL_IDS:
        return KNOWN_GOAL_IDS[key]
    return re.sub(r"[^\w]+", "-", key).strip("-") or "goal"


def _keyword(text: str, table: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    lowered = text.lower()
    for words, key in table:
        if any(word in lowered for word in words):
            return key
    return None


def _clean(item_text: str) -> tuple[str, str | None]:
    """A bullet's text without a trailing `^block-id`, and the id."""
    match = _BLOCK_ID.search(" " + item_text)
    if match is None:
        return item_text.strip(), None
    return (" " + item_text)[: match.start()].strip(), match.group(1)


def make_task(line: Line) -> Task:
    fields = inline_fields(line.text)
    text, _ = _clean(line.item_text)
    completed = parse_date(completion_date_text(line.text, fields) or "")
    return Task(text, TASK_STATUS.get(line.task or " ", "other"), line.number, completed)


def _items(view: NoteView, start: int, end: int) -> list[Line]:
    """List items between two lines (inclusive), outside code and quotes."""
    return [
        line for line in view.lines[start - 1 : end]
        if line.list_indent is not None and not line.in_code and not line.in_quote
    ]


def _is_field_only(line: Line) -> bool:
    """`- status:: doing` is metadata for the goal, not a sub-goal."""
    return _FIELD_ITEM.match(line.item_text) is not None


def _read_goal(view: NoteView, heading: Heading | None, title_text: str, level: int,
               start: int, end: int) -> Goal:
    title = _NUMBER.sub("", title_text).strip()
    goal = Goal(view.path, heading.text if heading else None, level,
                heading.line if heading else start, goal_id(title), title, end_line=end)
    items = [i for i in _items(view, start, end) if not _is_field_only(i)]
    top = min((i.list_indent or 0 for i in items), default=0)
    current: SubGoal | None = None
    for item in items:
        if item.list_indent == top:
            text, block = _clean(item.item_text)
            current = SubGoal(text, item.number, block)
            goal.subgoals.append(current)
        if item.task is not None:
            task = make_task(item)
            goal.tasks.append(task)
            if current is not None:
                current.tasks.append(task)
    for line in view.lines[start - 1 : end]:
        value = field_value(inline_fields(line.text), "status") if "::" in line.text else None
        if value:
            goal.status = canonical_value(value)
            break
    return goal


def parse_goal_note(view: NoteView) -> GoalNote:
    note = GoalNote(view.path, view.title)
    headings = sorted(view.record.headings, key=lambda h: h.line)
    count = len(view.lines)
    for heading in headings:
        if heading.level == 1:
            continue  # the title heading spans the whole note; sections are `##` and deeper
        end = section_end(headings, heading, count)
        children = [h for h in headings if heading.line < h.line <= end]
        if GOALS_SECTION.search(heading.text) and not note.goals:
            _read_goals(view, note, heading, children, end)
        elif TASKS_SECTION.search(heading.text) and not note.horizon:
            for child in children:
                horizon = "short" if SHORT_TERM.search(child.text) else (
                    "long" if LONG_TERM.search(child.text) else None)
                if horizon is not None:
                    child_end = section_end(headings, child, count)
                    for item in _items(view, child.line + 1, child_end):
                        text, _ = _clean(item.item_text)
                        task = make_task(item) if item.task is not None else None
                        note.horizon.append(HorizonItem(horizon, text, item.number, task))
        elif METHODS_SECTION.search(heading.text) and not note.methods:
            for item in _items(view, heading.line + 1, end):
                text, _ = _clean(item.item_text)
                note.methods.append(Method(text, _keyword(text, METHOD_KEYWORDS), item.number))
        elif MEASURES_SECTION.search(heading.text) and not note.measures:
            for item in _items(view, heading.line + 1, end):
                text, _ = _clean(item.item_text)
                note.measures.append(
                    DeclaredMeasure(text, _keyword(text, MEASURE_KEYWORDS), item.number))
        elif CONCEPTS_SECTION.search(heading.text) and not note.concepts:
            note.concepts = _read_concepts(view, heading.line + 1, end)
    if not note.goals:
        note.whole_note_goal = True
        goal = _read_goal(view, None, view.title, 0, view.record.frontmatter_end + 1, count)
        goal.status = canonical_value(view.props.get("status")) or goal.status
        note.goals.append(goal)
    unique_ids(note.goals)
    return note


def _read_goals(view: NoteView, note: GoalNote, section: Heading, children: list[Heading],
                end: int) -> None:
    top = min((c.level for c in children), default=0)
    goal_headings = [h for h in children if h.level == top]
    count = len(view.lines)
    headings = sorted(view.record.headings, key=lambda h: h.line)
    for heading in goal_headings:
        goal_end = min(section_end(headings, heading, count), end)
        note.goals.append(_read_goal(view, heading, heading.text, heading.level,
                                     heading.line + 1, goal_end))
    if goal_headings:
        return
    # A top-level numbered list is accepted too: each item a goal, its nested bullets sub-goals.
    items = _items(view, section.line + 1, end)
    top = min((i.list_indent or 0 for i in items), default=0)
    numbered = [i for i in items if i.list_indent == top and _NUMBER.match(i.text.strip())]
    for index, item in enumerate(numbered):
        stop = numbered[index + 1].number - 1 if index + 1 < len(numbered) else end
        text, _ = _clean(item.item_text)
        goal = _read_goal(view, None, text, 0, item.number + 1, stop)
        goal.heading, goal.line = item.text.strip(), item.number
        note.goals.append(goal)


def _read_concepts(view: NoteView, start: int, end: int) -> list[ConceptLink]:
    concepts = []
    for link, path in view.body_links():
        if link.embed or not start <= link.line <= end:
            continue
        line = view.line(link.line)
        if line.in_code or line.in_quote:
            continue
        after = line.text[link.col - 1 + len(link.raw) :]
        dash = _DASH.search(after)
        reason = after[dash.end() :].strip() if dash else ""
        concepts.append(ConceptLink(link.target, path, reason, link.line))
    return concepts


def unique_ids(goals: Iterable[Goal]) -> None:
    """Number repeated ids in order (`career`, `career-2`, …), never onto an id already taken
    (a goal titled "Career 2" is `career-2` by itself)."""
    goals = list(goals)
    taken = {goal.id for goal in goals}
    seen: set[str] = set()
    for goal in goals:
        if goal.id in seen:
            base, number = goal.id, 2
            while f"{base}-{number}" in taken:
                number += 1
            goal.id = f"{base}-{number}"
            taken.add(goal.id)
        seen.add(goal.id)
