"""What each report shows, as plain dicts for the templates: figures, rows, windows, coverage.

No wording lives here (the templates carry both languages), only data: vault paths, dates,
numbers, states. "No data" stays None, which the templates print as "—". Every list is sorted
with the vault path as the last key, so a re-run gives the same bytes.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from vaultnet.network.interactions import Interaction
from vaultnet.network.measures import goal_state, month_labels, within
from vaultnet.network.model import GoalStats, NetworkModel
from vaultnet.network.settings import EXCHANGE_KINDS

__all__ = ["STATE_MARK", "coverage_view", "goal_view", "health_view", "reach_out_view"]

STATE_MARK = {"uncovered": "🟥", "stale": "🟧", "single-person": "🟨", "active": "🟩"}
DUNBAR_LAYERS = ((7, 5), (30, 15), (90, 50), (365, 150))  # (contacted within days, layer size)
FADING_DAYS, DORMANT_DAYS, BIRTHDAY_DAYS, NEVER_MET_DAYS, BRIDGE_STALE_DAYS = 180, 730, 14, 30, 90


def _days_since(day: date | None, today: date) -> int | None:
    return (today - day).days if day is not None else None


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


class _Common:
    """Look-ups shared by the four reports."""

    def __init__(self, model: NetworkModel) -> None:
        self.model = model
        self.today = model.today
        self.by_id: dict[str, Interaction] = {i.id: i for i in model.interactions}
        self.recent_start = self.today - timedelta(days=model.settings.recent_days - 1)
        labels = month_labels(self.today)
        self.months_start = date(int(labels[0][:4]), int(labels[0][5:]), 1)
        self.year_start = self.today - timedelta(days=364)

    def name(self, path: str) -> str:
        person = self.model.people.get(path)
        return person.name if person is not None else path.rsplit("/", 1)[-1].removesuffix(".md")

    def items(self, ids: list[str]) -> list[Interaction]:
        return sorted((self.by_id[i] for i in ids if i in self.by_id), key=Interaction.sort_key)

    def recent(self, items: list[Interaction]) -> list[Interaction]:
        return [i for i in items if within(i.date, self.today, self.model.settings.recent_days)]

    def windows(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "recent_days": self.model.settings.recent_days,
            "recent_start": self.recent_start,
            "months_start": self.months_start,
            "year_start": self.year_start,
        }

    def interaction_row(self, item: Interaction) -> dict[str, Any]:
        return {"date": item.date, "note": item.source, "kind": item.kind, "rating": item.rating,
                "people": sorted(item.people, key=lambda p: (self.name(p), p)),
                "title": item.title}

    def measures(self) -> dict[str, Any]:
        m = self.model.measures
        quality, referrals = m["quality_connections"], m["recommendations_invitations_12m"]
        satisfaction, achievement = m["satisfaction"].details, m["goal_achievement"].details
        return {
            "quality": {"value": quality.value, "people": len(self.model.people),
                        "unknown": len(quality.details["unknown"]),  # type: ignore[arg-type]
                        "by_criterion": quality.details["by_criterion"]},
            "referrals": {"value": referrals.value, **referrals.details},
            "satisfaction": satisfaction,
            "achievement": {**achievement,
                            "goals": len(self.model.goals),
                            "not_trackable": len(achievement["not_trackable"])},  # type: ignore[arg-type]
        }


def _goal_row(common: _Common, goal: GoalStats, report_name: str | None) -> dict[str, Any]:
    items = common.items(goal.interactions)
    rated = [i.rating for i in items if i.rating is not None and i.date >= common.year_start]
    referrals = [i for i in items if i.kind in EXCHANGE_KINDS and i.direction == "received"
                 and i.date >= common.months_start]
    subgoals = []
    for sub in goal.subgoals:
        sub_items = common.items(sub.interactions)
        sub_recent = common.recent(sub_items)
        subgoals.append({
            "text": sub.text, "block_id": sub.block_id, "people": sub.people,
            "interactions_90d": len(sub_recent),
            "last_activity": max((i.date for i in sub_items), default=None),
            "tasks_done": sub.tasks_done, "tasks_total": sub.tasks_total,
            "state": goal_state(set(sub.people), sub_recent),
        })
    return {
        "key": goal.key, "id": goal.goal.id, "note": goal.goal.note, "heading": goal.goal.heading,
        "title": goal.goal.title, "report": report_name, "state": goal.state,
        "people": goal.people, "direct": len(goal.people_direct),
        "indirect": len(goal.people_indirect), "quality": goal.quality_people,
        "interactions": len(items), "interactions_90d": goal.interactions_90d,
        "last_activity": goal.last_activity, "referrals_12m": len(referrals),
        "satisfaction": _mean(rated), "satisfaction_n": len(rated),
        "tasks_done": goal.tasks_done, "tasks_total": goal.tasks_total,
        "tasks_in_progress": goal.tasks_in_progress, "trackable": goal.trackable,
        "status": goal.status, "outcomes": goal.outcomes, "subgoals": subgoals,
    }


def coverage_view(model: NetworkModel, goal_reports: dict[str, str]) -> dict[str, Any]:
    """Report 1: the goal × sub-goal matrix, people × goals, and the goal/people diagram."""
    common = _Common(model)
    goals = [_goal_row(common, g, goal_reports.get(g.key)) for g in model.goals]
    serving: dict[str, list[str]] = {}
    for goal in model.goals:
        for person in goal.people:
            serving.setdefault(person, []).append(goal.key)
    people = sorted(serving, key=lambda p: (-len(serving[p]), common.name(p), p))
    matrix = [{"path": p, "name": common.name(p), "goals": serving[p],
               "ally": len(serving[p]) >= 2} for p in people]
    goal_ids = {g.key: f"g{n}" for n, g in enumerate(model.goals, start=1)}
    person_ids = {p: f"p{n}" for n, p in enumerate(sorted(serving, key=lambda p: (common.name(p), p)), start=1)}
    edges = sorted(
        ((person_ids[p], goal_ids[g.key], p in g.people_direct)
         for g in model.goals for p in g.people),
        key=lambda e: (int(e[0][1:]), int(e[1][1:])),
    )
    counts = Counter(g.state for g in model.goals)
    return {
        **common.windows(),
        "goals": goals,
        "people_goals": matrix,
        "diagram": {
            "goals": [{"id": goal_ids[g["key"]], "title": g["title"], "state": g["state"]}
                      for g in goals],
            "people": [{"id": person_ids[p], "name": common.name(p)} for p in sorted(
                person_ids, key=lambda p: person_ids[p][1:].zfill(6))],
            "edges": [{"person": a, "goal": b, "direct": direct} for a, b, direct in edges],
        },
        "states": {s: counts.get(s, 0) for s in STATE_MARK},
        "measures": common.measures(),
        "people_total": len(model.people),
        "interactions_total": len(model.interactions),
        "general_people": sorted(model.coverage.general_people),
    }


def goal_view(model: NetworkModel, goal: GoalStats, report_name: str | None) -> dict[str, Any]:
    """Report 2: one goal with its sub-goals, people, organisations, concepts, gaps."""
    common = _Common(model)
    row = _goal_row(common, goal, report_name)
    people = []
    for path in goal.people:
        stats, person = model.person_stats[path], model.people[path]
        reasons = goal.reasons.get(path, [])
        people.append({
            "path": path, "name": person.name, "direct": path in goal.people_direct,
            "via": sorted({r.via for r in reasons if r.via != path and r.key != "interaction"}),
            "strength": person.strength, "last_contact": stats.last_contact,
            "days_since": _days_since(stats.last_contact, common.today),
            "interactions": stats.interactions, "quality": stats.quality.quality,
            "company": person.company, "company_name": person.company_name, "role": person.role,
        })
    # Ranked by strength (explicit first), then by recency (§6 report 2).
    people.sort(key=lambda p: (-(p["strength"] or 0), -(p["last_contact"] or date.min).toordinal(),
                               p["name"], p["path"]))
    orgs: dict[str, list[str]] = {}
    concepts: set[str] = set()
    for path, reasons in goal.reasons.items():
        for reason in reasons:
            kind = model.types[reason.via].kind if reason.via in model.types else None
            if reason.kind != "indirect":
                continue
            if kind == "org":
                orgs.setdefault(reason.via, [])
                if path not in orgs[reason.via]:
                    orgs[reason.via].append(path)
            elif kind == "concept":
                concepts.add(reason.via)
    note = model.goal_notes.get(goal.goal.note)
    concept_rows = [{"path": c.path, "target": c.target, "reason": c.reason}
                    for c in (note.concepts if note else []) if c.path is not None]
    items = common.items(goal.interactions)
    open_tasks = [{"text": t.text, "status": t.status} for t in goal.goal.tasks
                  if t.status in ("open", "in_progress")]
    single = None
    if goal.state == "single-person":
        taking_part = Counter(p for i in common.recent(items) for p in set(i.people))
        top = sorted(taking_part.items(), key=lambda kv: (-kv[1], kv[0]))
        single = top[0][0] if top else (goal.people[0] if goal.people else None)
    return {
        **common.windows(),
        "goal": row,
        "people": people,
        "orgs": [{"path": org, "people": sorted(ps, key=lambda p: (common.name(p), p)),
                  "last_contact": max((model.person_stats[p].last_contact for p in ps
                                       if model.person_stats[p].last_contact), default=None)}
                 for org, ps in sorted(orgs.items())],
        "concepts": concept_rows,
        "concepts_serving": sorted(concepts),
        "recent": [common.interaction_row(i) for i in reversed(items[-10:])],
        "open_tasks": open_tasks,
        "single_person": single,
        "uncovered_subgoals": [s["text"] for s in row["subgoals"] if s["state"] == "uncovered"],
    }


def reach_out_view(model: NetworkModel) -> dict[str, Any]:
    """Report 3: overdue, fading, dormant, bridges at risk, never contacted, birthdays."""
    common, today = _Common(model), model.today
    rows: dict[str, dict[str, Any]] = {}
    for path, stats in model.person_stats.items():
        person = model.people[path]
        last = common.by_id.get(stats.last_interaction or "")
        rows[path] = {
            "path": path, "name": person.name, "last_contact": stats.last_contact,
            "days_since": _days_since(stats.last_contact, today),
            "cadence": stats.cadence_days, "cadence_max": person.cadence_max,
            "overdue_days": stats.overdue_days, "interactions": stats.interactions,
            "last_note": last.source if last else None, "goals": stats.goals,
            "met_via": person.met_via, "met_at": person.met_at, "source": person.source,
            "historic": stats.historic, "status": person.status,
            "upcoming": sorted(i.date for i in model.upcoming if path in i.people),
        }
    active = [r for r in rows.values() if r["status"] == "active"]
    overdue = [r for r in active if r["overdue_days"]]
    for r in overdue:
        r["ratio"] = round(r["days_since"] / r["cadence"], 2) if r["cadence"] else None
        r["hard"] = r["cadence_max"] is not None and r["days_since"] > r["cadence_max"]
    overdue.sort(key=lambda r: (-(r["ratio"] or 0), r["name"], r["path"]))
    silent = [r for r in active if r["days_since"] is not None]
    dormant = sorted((r for r in silent if r["days_since"] > DORMANT_DAYS),
                     key=lambda r: (-r["historic"], r["name"], r["path"]))
    fading = sorted((r for r in silent if r["cadence"] is None and r["interactions"] >= 3
                     and FADING_DAYS < r["days_since"] <= DORMANT_DAYS),
                    key=lambda r: (-r["days_since"], r["name"], r["path"]))
    bridge_people = {p for edge in model.structure.local_bridges for p in edge}
    bridge_people |= {p for p, _ in model.structure.brokers}
    # Never-contacted people are listed apart; a bridge at risk is a tie that went quiet.
    at_risk = sorted((r for r in active if r["path"] in bridge_people
                      and r["days_since"] is not None and r["days_since"] > BRIDGE_STALE_DAYS),
                     key=lambda r: (-r["days_since"], r["name"], r["path"]))
    never = sorted((r for r in active if r["interactions"] == 0 and r["last_contact"] is None
                    and (model.people[r["path"]].met is None
                         or (today - model.people[r["path"]].met).days > NEVER_MET_DAYS)),
                   key=lambda r: (r["name"], r["path"]))
    birthdays = []
    for path, person in model.people.items():
        if person.birthday is None:
            continue
        upcoming = _next_birthday(person.birthday, today)
        if (upcoming - today).days <= BIRTHDAY_DAYS:
            birthdays.append({"path": path, "name": person.name, "date": upcoming,
                              "days": (upcoming - today).days})
    birthdays.sort(key=lambda r: (r["date"], r["name"], r["path"]))
    planned = [common.interaction_row(i) for i in sorted(model.upcoming, key=Interaction.sort_key)]
    with_cadence = [r for r in active if r["cadence"] is not None]
    return {
        **common.windows(),
        "overdue": overdue, "fading": fading, "dormant": dormant, "at_risk": at_risk,
        "never": never, "birthdays": birthdays, "planned": planned,
        "people_total": len(rows), "with_cadence": len(with_cadence),
        "without_contact": sum(1 for r in rows.values() if r["last_contact"] is None),
        "thresholds": {"fading": FADING_DAYS, "dormant": DORMANT_DAYS, "birthday": BIRTHDAY_DAYS,
                       "never": NEVER_MET_DAYS, "bridge": BRIDGE_STALE_DAYS},
    }


def _next_birthday(born: date, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            day = born.replace(year=year)
        except ValueError:  # 29 February in a common year
            day = date(year, 3, 1)
        if day >= today:
            return day
    return today  # pragma: no cover - one of the two years is always ahead


def health_view(model: NetworkModel) -> dict[str, Any]:
    """Report 4: size, layers, circles, diversity, ego redundancy, brokers, concentration."""
    common, today, structure = _Common(model), model.today, model.structure
    stats = model.person_stats
    layers = []
    for days, size in DUNBAR_LAYERS:
        count = sum(1 for s in stats.values()
                    if s.last_contact is not None and 0 <= (today - s.last_contact).days < days)
        layers.append({"days": days, "size": size, "count": count})
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    new_people = sorted(
        (p for p, person in model.people.items()
         if (person.met or stats[p].first_interaction or date.min) >= quarter_start),
        key=lambda p: (common.name(p), p))
    with_cadence = [s for s in stats.values() if s.cadence_days is not None]
    within_cadence = [s for s in with_cadence if s.overdue_days == 0]
    circles = []
    for members in structure.circles:
        companies = Counter(model.people[p].company_name for p in members
                            if model.people[p].company_name)
        label = sorted(companies.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if companies else None
        circles.append({"size": len(members), "label": label,
                        "people": sorted(members, key=lambda p: (common.name(p), p))})
    year = [i for i in model.interactions if i.date >= common.year_start]
    taking_part = Counter(p for i in year for p in set(i.people))
    top3 = sorted(taking_part.items(), key=lambda kv: (-kv[1], common.name(kv[0])))[:3]
    referral_sources = model.measures["recommendations_invitations_12m"].details["sources"]
    sources = sorted(referral_sources.items(), key=lambda kv: (-kv[1], kv[0]))  # type: ignore[union-attr]
    referrals_total = sum(referral_sources.values())  # type: ignore[union-attr]
    return {
        **common.windows(),
        "people_total": len(model.people),
        "active_core": len(structure.active_core),
        "core_share": len(structure.active_core) / len(model.people) if model.people else None,
        "layers": layers,
        "quarter_start": quarter_start,
        "new_people": new_people,
        "with_cadence": len(with_cadence),
        "within_cadence": len(within_cadence),
        "cadence_share": len(within_cadence) / len(with_cadence) if with_cadence else None,
        "circles": circles,
        "modularity": structure.modularity,
        "edges": structure.edges,
        "diversity": structure.diversity,
        "insufficient": structure.insufficient_data,
        "effective_size": structure.effective_size,
        "efficiency": structure.efficiency,
        "constraint": structure.constraint,
        "brokers": [{"path": p, "name": common.name(p), "betweenness": v}
                    for p, v in structure.brokers[:5]],
        "samples": structure.betweenness_samples,
        "bridges": [{"a": a, "b": b} for a, b in structure.local_bridges],
        "interactions_year": len(year),
        "top3": [{"path": p, "name": common.name(p), "count": n} for p, n in top3],
        # the share of the year's interactions that involve at least one of the top three
        "top3_share": (sum(1 for i in year if set(i.people) & {p for p, _ in top3}) / len(year))
        if year else None,
        "referral_top3_share": (sum(n for _, n in sources[:3]) / referrals_total)
        if referrals_total else None,
        "caveat": structure.caveat,
    }
