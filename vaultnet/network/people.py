"""Person notes (§4.3): the keys a person note may carry, read into one plain record.

Contact history (last contact, interaction counts, quality) is derived later from the
interactions; this module reads only what the person note itself says.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vaultnet.network.notes import NoteView
from vaultnet.network.properties import (
    canonical_value,
    parse_date,
    parse_days,
    parse_int,
)
from vaultnet.network.settings import TIER_NUMBERS, Settings
from vaultnet.network.types import NoteType


@dataclass(slots=True)
class Person:
    path: str
    name: str
    type: NoteType
    aliases: list[str] = field(default_factory=list)
    company: str | None = None  # the org note's path when the value is a link, else None
    company_name: str | None = None  # as written (link target or plain text)
    past_companies: list[str] = field(default_factory=list)  # org paths
    role: str | None = None
    tier: str | None = None  # inner | close | casual | keep-warm | dormant
    cadence_days: int | None = None
    cadence_source: str | None = None  # "explicit" | "tier" | None
    cadence_max: int | None = None
    strength: int | None = None  # explicit 1–5 only; out of range is a lint error, dropped
    source: str | None = None  # how we met: community | social | own_event | volunteering | …
    knows: list[str] = field(default_factory=list)  # person paths (explicit alter–alter ties)
    met: date | None = None
    met_via: str | None = None
    met_at: str | None = None
    manual_last_contact: date | None = None
    birthday: date | None = None
    status: str = "active"  # active | paused | archived
    circles: list[str] = field(default_factory=list)  # `circle/*` tags


def linked_paths(view: NoteView, key: str) -> list[str]:
    """Resolved note paths of a link-valued property, in order, without repeats."""
    seen: list[str] = []
    for _, target in view.property_links(key):
        if target is not None and target not in seen:
            seen.append(target)
    return seen


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    if text.startswith("[[") and text.endswith("]]"):
        text = text[2:-2].split("|", 1)[0].split("#", 1)[0].strip()
    return text or None


def _tier(value: Any) -> str | None:
    number = parse_int(value)
    if number is not None:
        return TIER_NUMBERS.get(number)
    word = canonical_value(value)
    return word.replace("_", "-") if word else None


def read_person(view: NoteView, note_type: NoteType, settings: Settings) -> Person:
    props = view.props
    person = Person(view.path, view.title, note_type, aliases=list(view.record.aliases))
    companies = linked_paths(view, "company")
    person.company = companies[0] if companies else None
    person.company_name = _text(props.get("company"))
    person.past_companies = linked_paths(view, "past_companies")
    person.role = _text(props.get("role"))
    person.tier = _tier(props.get("tier"))
    explicit = parse_days(props.get("cadence"))
    if explicit is not None:
        person.cadence_days, person.cadence_source = explicit, "explicit"
    elif person.tier is not None and settings.tier_cadence.get(person.tier):
        person.cadence_days, person.cadence_source = settings.tier_cadence[person.tier], "tier"
    person.cadence_max = parse_days(props.get("cadence_max"))
    strength = parse_int(props.get("strength"))
    person.strength = strength if strength is not None and 1 <= strength <= 5 else None
    person.source = canonical_value(props.get("source"))
    person.knows = [p for p in linked_paths(view, "knows") if p != view.path]
    person.met = parse_date(props.get("met"))
    via = linked_paths(view, "met_via")
    person.met_via = via[0] if via else None
    at = linked_paths(view, "met_at")
    person.met_at = at[0] if at else None
    person.manual_last_contact = parse_date(props.get("last_contact"))
    person.birthday = parse_date(props.get("birthday"))
    person.status = canonical_value(props.get("status")) or "active"
    person.circles = sorted(
        {t.split("/", 1)[1] for t in view.tag_names() if t.startswith("circle/") and "/" in t}
    )
    return person
