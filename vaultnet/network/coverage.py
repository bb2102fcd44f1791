"""Which people and interactions serve each goal and sub-goal, and why (§3.2 goal graph, §4.5).

Direct: a link to the goal's heading (in `goals`, an inline `goal::` field, or the text), a
block link to a sub-goal, or a configured goal tag. Indirect: a link to a concept, org or event
that serves the goal (it carries `goals`, links the goal heading, or the goal's own section
links it), or a `company` that does. People who take part in a serving interaction serve the
goal the same way. A link to a whole note that holds several goals counts towards none.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from vaultnet.resolve import find_block, find_heading
from vaultnet.network.context import CountedLines, Ref, ref_of
from vaultnet.network.goals import Goal, GoalNote
from vaultnet.network.interactions import Interaction
from vaultnet.network.notes import NoteView
from vaultnet.network.people import Person
from vaultnet.network.properties import canonical_key
from vaultnet.network.settings import Settings
from vaultnet.network.types import NoteType


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # direct | indirect
    via: str  # the note (or interaction id) that carries the link
    key: str  # how the carrier links it: "property:goals", "field:goals", "text", "tag",
    #           "named" (the goal's section names the person), "interaction" (took part)
    subgoal_line: int | None = None  # the sub-goal, when a block link names one
    bridge: str | None = None  # indirect only: how `via` serves the goal ("concept:goals",
    #                            "org:links goal", "event:named under goal", …)


@dataclass(slots=True)
class GoalCoverage:
    goal: Goal
    people: dict[str, list[Reason]] = field(default_factory=dict)  # person path → reasons
    interactions: dict[str, list[Reason]] = field(default_factory=dict)  # interaction id → …
    subgoal_people: dict[int, set[str]] = field(default_factory=dict)  # sub-goal line → people
    subgoal_interactions: dict[int, set[str]] = field(default_factory=dict)
    outcomes: list[str] = field(default_factory=list)  # outcome notes that link the goal

    def is_direct(self, person: str) -> bool:
        return any(reason.kind == "direct" for reason in self.people.get(person, []))


@dataclass(slots=True)
class Coverage:
    goals: dict[str, GoalCoverage] = field(default_factory=dict)  # goal key → coverage
    general_people: set[str] = field(default_factory=set)  # linked the whole goal note only
    named_people: dict[str, list[str]] = field(default_factory=dict)  # goal key → people named
    #                                                 inside the goal's own section
    bridges: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # note → (goal, how)


def goal_key(goal: Goal) -> str:
    return f"{goal.note}#{goal.heading}" if goal.heading is not None else goal.note


class GoalIndex:
    """Maps a ref to the goal (and sub-goal) it names, without scanning all goals per ref."""

    def __init__(self, goal_notes: dict[str, GoalNote], views: dict[str, NoteView]) -> None:
        self.notes, self.views = goal_notes, views

    def lookup(self, ref: Ref) -> tuple[Goal | None, int | None, bool]:
        """(goal, sub-goal line, names the whole note) for a ref into a goal note."""
        note = self.notes.get(ref.path)
        if note is None:
            return None, None, False
        record = self.views[ref.path].record
        if ref.block:
            block = find_block(record.blocks, ref.block)
            line = block.line if block else None
            goal = self.goal_at(note, line) if line else None
            sub = next((s.line for s in goal.subgoals if s.line == line), None) if goal else None
            return goal, sub, False
        if ref.heading:
            heading = find_heading(record.headings, ref.heading)
            return (self.goal_at(note, heading.line) if heading else None), None, False
        if note.whole_note_goal:
            return note.goals[0], None, False
        return None, None, True

    @staticmethod
    def goal_at(note: GoalNote, line: int) -> Goal | None:
        for goal in note.goals:
            if goal.line <= line <= max(goal.end_line, goal.line):
                return goal
        return None


def compute_coverage(
    goal_notes: dict[str, GoalNote],
    views: dict[str, NoteView],
    types: dict[str, NoteType],
    people: dict[str, Person],
    interactions: list[Interaction],
    settings: Settings,
) -> Coverage:
    index = GoalIndex(goal_notes, views)
    coverage = Coverage()
    all_goals = [goal for note in goal_notes.values() for goal in note.goals]
    by_id = {goal.id: goal for goal in all_goals}
    for goal in all_goals:
        coverage.goals[goal_key(goal)] = GoalCoverage(goal)
    _find_bridges(coverage, index, goal_notes, views, types, settings)

    def credit(target: dict[str, list[Reason]], owner: str, goal: Goal, reason: Reason,
               sub_map: dict[int, set[str]]) -> None:
        reasons = target.setdefault(owner, [])
        if reason not in reasons:
            reasons.append(reason)
        if reason.subgoal_line is not None:
            sub_map.setdefault(reason.subgoal_line, set()).add(owner)

    def reasons_for(refs: list[Ref], carrier: str) -> list[tuple[Goal, Reason]]:
        found: list[tuple[Goal, Reason]] = []
        for ref in refs:
            goal, sub, whole = index.lookup(ref)
            if goal is not None:
                found.append((goal, Reason("direct", carrier, ref.via, sub)))
            elif not whole:
                for key, how in coverage.bridges.get(ref.path, []):
                    found.append((coverage.goals[key].goal,
                                  Reason("indirect", ref.path, ref.via, None, how)))
        return found

    def tag_reasons(view: NoteView | None, carrier: str) -> list[tuple[Goal, Reason]]:
        if view is None or not settings.goal_tags:
            return []
        return [(by_id[settings.goal_tags[t]], Reason("direct", carrier, "tag"))
                for t in view.tag_names() if settings.goal_tags.get(t) in by_id]

    for key, named in coverage.named_people.items():
        cov = coverage.goals[key]
        for person in named:
            if person in people:
                credit(cov.people, person, cov.goal, Reason("direct", cov.goal.note, "named"),
                       cov.subgoal_people)

    for path in sorted(people):
        view = views[path]
        refs = person_refs(view, settings)
        for goal, reason in reasons_for(refs, path) + tag_reasons(view, path):
            cov = coverage.goals[goal_key(goal)]
            credit(cov.people, path, goal, reason, cov.subgoal_people)
        if any(index.lookup(ref)[2] for ref in refs):
            coverage.general_people.add(path)

    for path in sorted(views):
        if types.get(path) is not None and types[path].kind == "outcome":
            for goal, reason in reasons_for(person_refs(views[path], settings), path):
                cov = coverage.goals[goal_key(goal)]
                if reason.kind == "direct" and path not in cov.outcomes:
                    cov.outcomes.append(path)

    for item in interactions:
        tagged = tag_reasons(views.get(item.source), item.id) if item.line == 0 else []
        for goal, reason in reasons_for(item.refs, item.id) + tagged:
            cov = coverage.goals[goal_key(goal)]
            credit(cov.interactions, item.id, goal, reason, cov.subgoal_interactions)
            for person in item.people:  # who took part serves the goal the same way
                credit(cov.people, person, goal,
                       Reason(reason.kind, item.id, "interaction", reason.subgoal_line,
                              reason.bridge), cov.subgoal_people)
    return coverage


def person_refs(view: NoteView, settings: Settings) -> list[Ref]:
    """A person note's links that may attribute it: properties and counted body text."""
    lines = CountedLines(view, settings.excluded_sections)
    refs = []
    for link, target in view.resolved:
        if target is None or link.embed or target == view.path:
            continue
        if link.kind == "property":
            key = canonical_key((link.property or "").split(".", 1)[0])
            refs.append(ref_of(link, target, f"property:{key}"))
        elif lines.line_counts(link.line):
            refs.append(ref_of(link, target, "text"))
    return refs


def _find_bridges(coverage: Coverage, index: GoalIndex, goal_notes: dict[str, GoalNote],
                  views: dict[str, NoteView], types: dict[str, NoteType],
                  settings: Settings) -> None:
    """Concepts, orgs and events that serve a goal, and how we know."""
    bridge_kinds = ("concept", "org", "event")
    for path in sorted(views):
        note_type = types.get(path)
        if note_type is None or note_type.kind not in bridge_kinds:
            continue
        for ref in person_refs(views[path], settings):
            goal, _, _ = index.lookup(ref)
            if goal is not None:
                how = "goals" if ref.via == "property:goals" else "links goal"
                _add_bridge(coverage, path, goal, f"{note_type.kind}:{how}")
    # A concept or org linked inside a goal's own section serves that goal.
    for note in goal_notes.values():
        for link, target in views[note.path].body_links():
            if target is None or link.embed or target == note.path:
                continue
            goal = GoalIndex.goal_at(note, link.line) if not note.whole_note_goal else None
            if goal is None or goal.heading is None:
                continue
            kind = types[target].kind if target in types else "note"
            if kind == "person":
                named = coverage.named_people.setdefault(goal_key(goal), [])
                if target not in named:
                    named.append(target)
            elif kind in (*bridge_kinds, "note"):
                _add_bridge(coverage, target, goal, f"{kind}:named under goal")


def _add_bridge(coverage: Coverage, path: str, goal: Goal, how: str) -> None:
    entries = coverage.bridges.setdefault(path, [])
    entry = (goal_key(goal), how)
    if entry not in entries:
        entries.append(entry)
