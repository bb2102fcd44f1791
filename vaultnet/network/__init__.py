"""The networking model (issue 4): who serves which goal, how recently, and how well.

Public API::

    from vaultnet.network import build_model, metrics_json
    model = build_model(vault, today=date(2026, 10, 1))   # vault: vaultnet.vault.Vault
    data = metrics_json(model)                             # the `report --json` object

`build_model(vault, today, settings=None)` reads `vault.notes`, `vault.resolve(link, source)`,
`vault.read_text(path)` and `vault.config` (see `notes.VaultLike`); it never reads the clock.
Everything it returns is plain, picklable dataclasses; every date is a `datetime.date`; "no
data" is `None`, never 0.

`NetworkModel` shape (model.py):

- `today`, `settings` (settings.Settings: report folder, type tags/folders, tier cadences,
  kind weights, excluded sections, goal tags, seed).
- `types: {path: NoteType(kind, source, detail)}` for the analysed notes; `kind` is person,
  goal, concept, interaction, event, org or outcome; `source` is "property", "tag", "folder" or
  "heuristic" (the linter warns on heuristic); `skipped` (`vaultnet: ignore`, `private: true`)
  and `reports` (never read) list the notes left out.
- `people: {path: Person}` (people.py): company/company_name, past_companies, role, tier,
  cadence_days + cadence_source ("explicit"/"tier"), cadence_max, strength, source, knows, met,
  met_via, met_at, manual_last_contact, birthday, status, circles.
- `person_stats: {path: PersonStats}`: interactions (past, any age), last_contact (never moves
  backwards past a manual one), last_interaction (id), first_interaction, cadence_days (None
  when paused/archived), overdue_days, quality (`Quality(quality: bool|None, criteria, since)`),
  activity A and historic H (§3.2), upcoming ids, goals (goal keys served).
- `interactions` (past, oldest first), `upcoming` (future and `planned`), `future_unplanned`
  (left out; for the linter): `Interaction(source, line, origin note|item|heading|task, date,
  people, kind, rating, rating_invalid, direction, planned, event, by, refs, title)` with
  `id` = "path" or "path:line". `refs` are `Ref(path, heading, block, via, line)`.
- `goal_notes: {path: GoalNote}` (goals.py): goals (Goal: note, heading "1. Карьерный рост",
  level, line, id "career", title, subgoals [SubGoal(text, line, block_id, tasks)], tasks
  [Task(text, status, line, completed)], status), horizon [HorizonItem(short|long, text, line,
  task|None)], methods [Method(text, source)], measures [DeclaredMeasure(text, key|None)],
  concepts [ConceptLink(target, path, reason, line)].
- `goals: [GoalStats]` sorted by note then line: key ("note#heading"), goal, people,
  people_direct, people_indirect, reasons {person: [Reason(kind direct|indirect, via, key,
  subgoal_line)]}, interactions (ids), interactions_90d, last_activity, tasks_done, tasks_total,
  tasks_in_progress, tasks_open, last_completion, trackable, status, state
  (uncovered|stale|single-person|active), quality_people, subgoals [SubGoalStats], outcomes.
- `coverage: Coverage` (raw goal → people/interaction reasons, bridges: which concept, org or
  event serves which goal and how, general_people who link only the whole goal note).
- `measures: {key: Measure(key, definition, window, coverage, value, details)}` for
  quality_connections, recommendations_invitations_12m, satisfaction, goal_achievement.
- `structure: Structure` (circles, modularity, brokers, local bridges, ego effective size,
  efficiency, constraint or `insufficient_data`, Blau diversity, caveat text).
"""
from __future__ import annotations

from vaultnet.network.model import NetworkModel, build_model, metrics_json

__all__ = ["NetworkModel", "build_model", "metrics_json"]
