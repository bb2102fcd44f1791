"""Note types (§4.2): `type` property, then tags, then folders, then heuristics.

Each decision keeps where it came from, because reports say "inferred from folder `Люди/`"
and the linter warns on heuristic types. The relational heuristics (a dated note that links a
person, the target of someone's `company`, a concept named by a goal note) need the other
notes' types and are applied by `apply_relational_heuristics` in a second pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vaultnet.network.notes import NoteView
from vaultnet.network.properties import canonical_value, parse_bool
from vaultnet.network.settings import Settings

TypeSource = Literal["property", "tag", "folder", "heuristic"]

TYPE_VALUES: dict[str, str] = {
    "person": "person", "people": "person", "contact": "person",
    "человек": "person", "контакт": "person",
    "goal": "goal", "goals": "goal", "цель": "goal", "цели": "goal",
    "concept": "concept", "понятие": "concept", "концепция": "concept", "тема": "concept",
    "interaction": "interaction", "взаимодействие": "interaction",
    "event": "event", "событие": "event", "мероприятие": "event",
    "org": "org", "company": "org", "organization": "org", "organisation": "org",
    "компания": "org", "организация": "org",
    "outcome": "outcome", "результат": "outcome",
    "report": "report",
}
# An interaction may be typed by its kind (`type: meeting`, `тип: звонок`).
INTERACTION_KINDS = frozenset(
    {"meeting", "call", "message", "email", "event_chat", "intro", "referral", "invitation"}
)
# When tags name two types, the first in this order wins (a person tagged #company stays a person).
TAG_PRIORITY = ("report", "person", "goal", "interaction", "event", "org", "outcome", "concept")

_NUMBERED = re.compile(r"^\s*\d+[.)]\s")
_GOAL_TITLE = re.compile(r"цели|goals", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NoteType:
    kind: str  # one of settings.NOTE_TYPES
    source: TypeSource
    detail: str  # what decided it: "type: человек", "#goals", "Люди/", "company without headings"


def is_skipped(view: NoteView) -> bool:
    """`vaultnet: ignore` or `private: true`: the note is left out entirely (privacy, §8)."""
    marker = canonical_value(view.props.get("vaultnet"))
    return marker == "ignore" or parse_bool(view.props.get("private")) is True


def is_report(view: NoteView, settings: Settings) -> bool:
    """A vaultnet report, always excluded from the analysis input."""
    if canonical_value(view.props.get("vaultnet")) == "generated":
        return True
    if canonical_value(view.props.get("type")) == "report":
        return True
    if "vaultnet/report" in view.tag_names():
        return True
    folder = settings.report_folder.strip("/")
    return bool(folder) and (view.path + "/").startswith(folder + "/") and view.path != folder


def _tag_matches(tag: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern.endswith("/*"):
            if tag.startswith(pattern[:-1]):
                return True
        elif tag == pattern:
            return True
    return False


def detect_type(view: NoteView, settings: Settings) -> NoteType | None:
    """The note's type from its own content and place; None when nothing says."""
    if is_report(view, settings):
        return NoteType("report", "property", "vaultnet report")
    raw = view.props.get("type")
    value = canonical_value(raw)
    if value is not None:
        if value in TYPE_VALUES:
            return NoteType(TYPE_VALUES[value], "property", f"type: {raw}")
        if value in INTERACTION_KINDS:
            return NoteType("interaction", "property", f"type: {raw}")
    tags = view.tag_names()
    for kind in TAG_PRIORITY:
        for tag in tags:
            if _tag_matches(tag, settings.type_tags.get(kind, ())):
                return NoteType(kind, "tag", f"#{tag}")
    folders = [folder.lower() for folder in view.folders]
    for kind in TAG_PRIORITY:
        for folder in settings.type_folders.get(kind, ()):
            if folder.lower() in folders:
                return NoteType(kind, "folder", f"{folder}/")
    return _own_heuristic(view)


def _own_heuristic(view: NoteView) -> NoteType | None:
    headings = view.record.headings
    if ("company" in view.props or "role" in view.props) and not headings:
        return NoteType("person", "heuristic", "company or role, no headings")
    if _GOAL_TITLE.search(view.title) and any(
        h.level == 3 and _NUMBERED.match(h.text) for h in headings
    ):
        return NoteType("goal", "heuristic", "goal title with numbered H3 headings")
    return None


def apply_relational_heuristics(
    types: dict[str, NoteType],
    company_targets: set[str],
    concept_targets: set[str],
) -> None:
    """Second pass: untyped targets of `company` are orgs, of a goal's concept section concepts."""
    for path in sorted(company_targets):
        types.setdefault(path, NoteType("org", "heuristic", "target of someone's company"))
    for path in sorted(concept_targets):
        types.setdefault(path, NoteType("concept", "heuristic", "named by a goal note"))
