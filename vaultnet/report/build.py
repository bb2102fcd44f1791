"""From a NetworkModel to the report notes of one language, ready for the writer."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from vaultnet.network.model import NetworkModel
from vaultnet.report.render import make_environment, render
from vaultnet.report.views import coverage_view, goal_view, health_view, reach_out_view
from vaultnet.report.writer import ReportNote

__all__ = ["NAMES", "build_notes", "goal_file_name"]

NAMES = {
    "ru": {"goal-coverage": "Покрытие целей", "goal": "Цель — {title}",
           "reach-out": "Кому написать", "network-health": "Здоровье сети"},
    "en": {"goal-coverage": "Goal coverage", "goal": "Goal — {title}",
           "reach-out": "Reach-out", "network-health": "Network health"},
}
# Characters Obsidian cannot link (R7) or Windows and Android cannot store in a file name.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|#^\[\]{}%\x00-\x1f]+')


def goal_file_name(lang: str, title: str, taken: set[str]) -> str:
    """`Цель — Карьерный рост.md`; unsafe characters dropped, a number added on a clash."""
    clean = re.sub(r"\s+", " ", _UNSAFE_NAME.sub(" ", title)).strip(" .") or "?"
    stem = NAMES[lang]["goal"].format(title=clean)
    name, n = f"{stem}.md", 2
    while name.lower() in taken:
        name, n = f"{stem} ({n}).md", n + 1
    taken.add(name.lower())
    return unicodedata.normalize("NFC", name)


def build_notes(model: NetworkModel, lang: str, *, vault_root: Path | None,
                vault_paths: Iterable[str], folder: str) -> list[ReportNote]:
    names = NAMES[lang]
    taken = {f"{names[k]}.md".lower() for k in ("goal-coverage", "reach-out", "network-health")}
    goal_names = {g.key: goal_file_name(lang, g.goal.title, taken) for g in model.goals}
    own = [f"{folder}/{names[k]}.md" for k in ("goal-coverage", "reach-out", "network-health")]
    own += [f"{folder}/{n}" for n in goal_names.values()]
    # The reports' own paths count for the shortest link text (they live in the vault too).
    env = make_environment(lang, vault_root=vault_root, paths=sorted({*vault_paths, *own}))

    def note(name: str, report: str, template: str, context: dict[str, Any],
             properties: dict[str, Any]) -> ReportNote:
        body = render(env, template, context, vault_root=vault_root)
        return ReportNote(name, report, body, properties)

    coverage = coverage_view(model, {k: f"{folder}/{n}" for k, n in goal_names.items()})
    notes = [note(f"{names['goal-coverage']}.md", "goal-coverage", "goal-coverage.md.j2",
                  coverage, {f"goals-{state}": n for state, n in coverage["states"].items()})]
    for goal in model.goals:
        view = goal_view(model, goal, f"{folder}/{goal_names[goal.key]}")
        notes.append(note(goal_names[goal.key], "goal", "goal.md.j2", view, {
            "goal": env.filters["wikilink"](goal.goal.note, heading=goal.goal.heading),
            "goal-id": goal.goal.id, "state": goal.state,
            "people": len(goal.people), "interactions-90d": goal.interactions_90d,
            "last-activity": goal.last_activity,
        }))
    reach = reach_out_view(model)
    notes.append(note(f"{names['reach-out']}.md", "reach-out", "reach-out.md.j2", reach,
                      {"overdue": len(reach["overdue"])}))
    health = health_view(model)
    notes.append(note(f"{names['network-health']}.md", "network-health", "network-health.md.j2",
                      health, {"people": health["people_total"],
                               "active-core": health["active_core"]}))
    return notes
