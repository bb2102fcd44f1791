"""The model on examples/vault, against the scenario figures its commit message lists."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

from vaultnet.network import build_model, metrics_json

ROOT = Path(__file__).resolve().parents[2] / "examples" / "vault"
TODAY = date(2026, 11, 28)
SEED = "Цели и задачи нетворкинга.md"


@pytest.fixture
def model(make_vault: Callable[..., Any]) -> Any:
    if not ROOT.is_dir():
        pytest.skip("examples/vault is not there")
    files = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(ROOT.rglob("*.md"))}
    return build_model(make_vault(files), TODAY)


def test_goal_coverage_scenario(model: Any) -> None:
    goals = {g.goal.id: g for g in model.goals}
    assert list(goals) == ["career", "prof", "biz", "personal"]
    assert goals["biz"].state == "uncovered" and goals["biz"].people == []
    personal = goals["personal"]
    linking = [p for p in personal.people
               if any(r.key != "interaction" for r in personal.reasons[p])]
    assert linking == ["Люди/Ольга Смирнова.md"]  # Сергей only took part in one interaction
    assert personal.people == ["Люди/Ольга Смирнова.md", "Люди/Сергей Волков.md"]
    assert len(personal.interactions) == 5  # Ольга has 4 of them
    assert personal.interactions_90d == 3
    assert personal.state == "single-person"  # Ольга takes part in 2 of 3 (> 60 %)


def test_reach_out_scenario(model: Any) -> None:
    people = {p["path"].split("/")[-1][:-3]: p for p in metrics_json(model)["people"]}
    overdue = {name: p["overdue_days"] for name, p in people.items()}
    assert overdue == {
        "Иван Петров": 57 - 21, "Олег Сидоров": 358 - 90, "Ольга Смирнова": 31 - 30,
        "Дмитрий Ковалёв": 249 - 120, "Мария Иванова": 0, "Анна Кузнецова": 0,
        "Сергей Волков": 0, "Алексей Морозов": 0, "John Smith": None,
        "Екатерина Орлова": None,
    }
    assert people["John Smith"]["last_contact"] == "2024-09-03"  # 816 days, dormant
    assert people["Екатерина Орлова"]["interactions"] == 0


def test_recommendations_scenario(model: Any) -> None:
    details = model.measures["recommendations_invitations_12m"].details
    assert (details["received"], details["given"]) == (3, 1)
    assert details["received_ids"] == [
        "Встречи/2026-03-10 Интро от Марии к Дмитрию.md",
        "Встречи/2026-06-18 Рекомендация от Ивана в Нордсофт.md",
        "Встречи/2026-07-02 Приглашение на собеседование в Нордсофт.md",
    ]
    assert [i.source for i in model.upcoming] == ["Встречи/2026-12-10 Обед с Иваном.md"]


def test_seed_in_the_example_is_read_exactly(model: Any) -> None:
    note = model.goal_notes[SEED]
    assert [len(g.subgoals) for g in note.goals] == [3, 3, 3, 3]
    assert [m.key for m in note.measures] == [
        "quality_connections", "recommendations_invitations", "satisfaction", "goal_achievement"]
    assert [c.path for c in note.concepts] == [
        "Собеседования.md", "Резюме.md", "Карьера.md", "Коммуникация.md"]


def test_deterministic(make_vault: Callable[..., Any], model: Any) -> None:
    files = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(ROOT.rglob("*.md"))}
    again = build_model(make_vault(files), TODAY)
    assert metrics_json(again) == metrics_json(model)
    assert again.structure == model.structure
