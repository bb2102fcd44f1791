"""The seed's four measures (§5), contact cadence and goal state (contracts.md).

Every result carries its definition and window, and "no data" is None, never 0. Windows are
relative to an injected `today`: "the last N days" means dated from today−(N−1) to today.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from vaultnet.network.interactions import Interaction
from vaultnet.network.people import Person
from vaultnet.network.settings import EXCHANGE_KINDS, SYNCHRONOUS_KINDS

QUALITY_DEFINITION = (
    "a person is a quality connection if strength ≥ 3, or ≥ 3 interactions in the last 365 days "
    "with at least one meeting, call or event conversation, or an intro, referral or invitation "
    "(either direction) in the last 730 days; people with no logged interaction and no strength "
    "are unknown, not 'not quality'"
)
REFERRALS_DEFINITION = (
    "interactions of kind referral, intro or invitation with direction received, in the 12 "
    "calendar months up to and including the current one; given ones are counted apart"
)
SATISFACTION_DEFINITION = (
    "the rating (1–5) of interactions in the last 365 days; coverage = rated / all interactions "
    "in the window; no sentiment is guessed from text; out-of-range ratings are excluded"
)
ACHIEVEMENT_DEFINITION = (
    "tasks under each goal heading: [x] done, [/] in progress, [ ] open, [-] cancelled and left "
    "out of the total; completion dates from ✅ or [completion:: …]"
)


def within(day: date, today: date, days: int) -> bool:
    """Dated in the `days` days up to and including today."""
    return 0 <= (today - day).days < days


@dataclass(slots=True)
class Measure:
    key: str
    definition: str
    window: str
    coverage: str  # how much of the data the figure rests on, in words
    value: object  # the headline number; None = no data
    details: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Quality:
    quality: bool | None  # None: no interaction logged and no explicit strength
    criteria: list[str]  # "strength", "frequent", "exchange"
    since: date | None  # first date a dated criterion held (None for strength alone)


def person_quality(person: Person, history: list[Interaction], today: date) -> Quality:
    """§5 quality connection, `history` = the person's past interactions, oldest first."""
    criteria = []
    if person.strength is not None and person.strength >= 3:
        criteria.append("strength")
    recent = [i for i in history if within(i.date, today, 365)]
    if len(recent) >= 3 and any(i.kind in SYNCHRONOUS_KINDS for i in recent):
        criteria.append("frequent")
    exchanges = [i for i in history if i.kind in EXCHANGE_KINDS]
    if any(within(i.date, today, 730) for i in exchanges):
        criteria.append("exchange")
    since = _first_frequent(history)
    if exchanges:
        since = min(filter(None, [since, exchanges[0].date]))
    if criteria:
        return Quality(True, criteria, since)
    if not history and person.strength is None:
        return Quality(None, [], None)
    return Quality(False, [], since)


def _first_frequent(history: list[Interaction]) -> date | None:
    """The first date on which 3 interactions within 365 days, one synchronous, had happened."""
    start = 0
    for end, item in enumerate(history):
        while (item.date - history[start].date).days >= 365:
            start += 1
        window = history[start : end + 1]
        if len(window) >= 3 and any(i.kind in SYNCHRONOUS_KINDS for i in window):
            return item.date
    return None


def last_contact(history: list[Interaction], manual: date | None) -> date | None:
    """The latest past interaction, or a later manual `last_contact`: never moves backwards."""
    derived = history[-1].date if history else None
    candidates = [d for d in (derived, manual) if d is not None]
    return max(candidates) if candidates else None


def overdue_days(last: date | None, cadence: int | None, today: date) -> int | None:
    if last is None or cadence is None:
        return None
    return max(0, (today - last).days - cadence)


def goal_state(people: set[str], recent: list[Interaction]) -> str:
    """contracts.md: uncovered, stale, single-person or active; `recent` = 90-day interactions."""
    if not people:
        return "uncovered"
    if not recent:
        return "stale"
    if len(people) == 1:
        return "single-person"
    taking_part = Counter(p for item in recent for p in set(item.people))
    if taking_part and max(taking_part.values()) / len(recent) > 0.6:
        return "single-person"
    return "active"


def month_labels(today: date, months: int = 12) -> list[str]:
    labels = []
    year, month = today.year, today.month
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(labels)


def referrals_measure(past: list[Interaction], today: date) -> Measure:
    labels = month_labels(today)
    first = date(int(labels[0][:4]), int(labels[0][5:]), 1)
    in_window = [i for i in past if first <= i.date <= today and i.kind in EXCHANGE_KINDS]
    received = [i for i in in_window if i.direction == "received"]
    given = [i for i in in_window if i.direction == "given"]
    by_month = {label: 0 for label in labels}
    sources: Counter[str] = Counter()
    for item in received:
        by_month[item.date.isoformat()[:7]] += 1
        for who in sorted(set(item.by or item.people)):
            sources[who] += 1
    top_share = max(sources.values()) / len(received) if received else None
    return Measure(
        "recommendations_invitations_12m", REFERRALS_DEFINITION,
        f"{labels[0]} to {labels[-1]}",
        f"{len(in_window)} logged exchanges, {len(in_window) - len(received) - len(given)} "
        "without a direction",
        len(received),
        {
            "received": len(received),
            "given": len(given),
            "by_month": by_month,
            "by_kind": dict(sorted(Counter(str(i.kind) for i in received).items())),
            "sources": dict(sorted(sources.items())),
            "top_source_share": top_share,
            "concentrated": top_share is not None and top_share > 0.5,
            "small_sample": len(received) < 5,  # show raw counts, not rates
            "received_ids": [i.id for i in received],
        },
    )


def satisfaction_measure(past: list[Interaction], today: date) -> Measure:
    window = [i for i in past if within(i.date, today, 365)]
    rated = [i.rating for i in window if i.rating is not None]
    invalid = sum(1 for i in window if i.rating_invalid)
    coverage = len(rated) / len(window) if window else None
    by_kind: dict[str, list[int]] = {}
    for item in window:
        if item.rating is not None:
            by_kind.setdefault(str(item.kind), []).append(item.rating)
    return Measure(
        "satisfaction", SATISFACTION_DEFINITION,
        f"{(today - timedelta(days=364)).isoformat()} to {today.isoformat()}",
        f"{len(rated)} of {len(window)} interactions rated" + (
            f", {invalid} out-of-range excluded" if invalid else ""),
        round(statistics.fmean(rated), 3) if rated else None,
        {
            "mean": round(statistics.fmean(rated), 3) if rated else None,
            "median": statistics.median(rated) if rated else None,
            "n": len(rated),
            "interactions": len(window),
            "coverage": round(coverage, 3) if coverage is not None else None,
            "low_confidence": coverage is not None and coverage < 0.3,
            "distribution": {str(r): rated.count(r) for r in range(1, 6)},
            "by_kind": {k: round(statistics.fmean(v), 3) for k, v in sorted(by_kind.items())},
            "invalid": invalid,
        },
    )


def activity(history: list[Interaction], today: date, weights: dict[str, float],
             half_life_days: float) -> float:
    """Σ w_kind · 2^(−Δt / half-life) over past interactions (§3.2)."""
    total = 0.0
    for item in history:
        age = (today - item.date).days
        total += weights.get(item.kind or "", 1.0) * 2 ** (-age / half_life_days)
    return round(total, 6)
