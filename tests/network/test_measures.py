"""The four measures, cadence and goal state on a small vault with hand-computed numbers.

today = 2026-04-01; "the last N days" = dated today−(N−1) … today.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

import pytest

from vaultnet.network import build_model, metrics_json
from vaultnet.network.measures import goal_state, overdue_days

TODAY = date(2026, 4, 1)
GOALS = """---
tags: [goals]
---
## Основные цели
### 1. Карьерный рост
- [x] обновить резюме ✅ 2026-03-01
- [ ] найти ментора
- [-] отменено
### 2. Профессиональное развитие
- Обмен знаниями
### 3. Бизнес-развитие
- Поиск клиентов
### 4. Личностный рост
- Уверенность
"""


def goal(name: str) -> str:
    return f'"[[Цели#{name}]]"'


def person(extra: str = "") -> str:
    return f"---\ntype: person\n{extra}---\n"


def meeting(day: str, who: str, extra: str = "") -> str:
    return f'---\ntype: interaction\ndate: {day}\nwith: ["[[{who}]]"]\n{extra}---\n'


FILES = {
    "Цели.md": GOALS,
    "Люди/A.md": person(f"strength: 4\ntier: close\ngoals: [{goal('2. Профессиональное развитие')}]\n"),
    "Люди/B.md": person(f"cadence: 60\nlast_contact: 2026-03-25\ngoals: [{goal('1. Карьерный рост')}]\n"),
    "Люди/C.md": person(f"tier: 1\ngoals: [{goal('2. Профессиональное развитие')}]\n"),
    "Люди/D.md": person(),
    "Люди/E.md": person("tier: casual\nstatus: пауза\n"),
    "Люди/F.md": person("strength: 2\n"),
    "Люди/G.md": person(),
    "Люди/H.md": person(),
    "Люди/K.md": person(),
    "Встречи/r.md": meeting("2025-06-01", "E", 'kind: referral\ndirection: received\nby: "[[E]]"\nrating: 5\n'),
    "Встречи/c1.md": meeting("2026-01-01", "C", "kind: email\nrating: 7\n"),
    "Встречи/c2.md": meeting("2025-12-01", "C", "kind: message\n"),
    "Встречи/b1.md": meeting("2025-05-01", "B", "kind: email\n"),
    "Встречи/b2.md": meeting("2025-10-01", "B", "kind: email\n"),
    "Встречи/b3.md": meeting("2026-02-01", "B", "kind: intro\ndirection: given\n"),
    "Встречи/b4.md": meeting("2026-03-01", "B", "kind: call\nrating: 4\n"),
    "Встречи/meet-g.md": meeting("2026-03-10", "G", f"kind: meeting\ngoals: [{goal('3. Бизнес-развитие')}]\n"),
    "Встречи/meet-h.md": meeting("2026-03-15", "H", f"kind: meeting\ngoals: [{goal('3. Бизнес-развитие')}]\n"),
    "Встречи/meet-k.md": meeting("2026-03-20", "K", f"kind: meeting\ngoals: [{goal('3. Бизнес-развитие')}]\n"),
    "Встречи/later.md": meeting("2026-04-02", "D", "planned: true\n"),
}


@pytest.fixture
def model(make_vault: Callable[..., Any]) -> Any:
    return build_model(make_vault(FILES), TODAY)


def test_report_json_exactly(model: Any) -> None:
    data = metrics_json(model)
    people = {p["path"]: {k: v for k, v in p.items() if k != "path"} for p in data["people"]}
    assert [p["path"] for p in data["people"]] == sorted(people)
    assert people == {
        "Люди/A.md": dict(last_contact=None, interactions=0, quality=True, cadence_days=30,
                          overdue_days=None),
        "Люди/B.md": dict(last_contact="2026-03-25", interactions=4, quality=True,
                          cadence_days=60, overdue_days=0),
        "Люди/C.md": dict(last_contact="2026-01-01", interactions=2, quality=False,
                          cadence_days=14, overdue_days=76),
        "Люди/D.md": dict(last_contact=None, interactions=0, quality=None, cadence_days=None,
                          overdue_days=None),
        "Люди/E.md": dict(last_contact="2025-06-01", interactions=1, quality=True,
                          cadence_days=None, overdue_days=None),
        "Люди/F.md": dict(last_contact=None, interactions=0, quality=False, cadence_days=None,
                          overdue_days=None),
        "Люди/G.md": dict(last_contact="2026-03-10", interactions=1, quality=False,
                          cadence_days=None, overdue_days=None),
        "Люди/H.md": dict(last_contact="2026-03-15", interactions=1, quality=False,
                          cadence_days=None, overdue_days=None),
        "Люди/K.md": dict(last_contact="2026-03-20", interactions=1, quality=False,
                          cadence_days=None, overdue_days=None),
    }
    goals = [{k: g[k] for k in ("heading", "level", "people", "interactions_90d",
                                "last_activity", "tasks_done", "tasks_total", "state")}
             for g in data["goals"]]
    assert goals == [
        dict(heading="1. Карьерный рост", level=3, people=["Люди/B.md"], interactions_90d=2,
             last_activity="2026-03-01", tasks_done=1, tasks_total=2, state="single-person"),
        dict(heading="2. Профессиональное развитие", level=3, people=["Люди/A.md", "Люди/C.md"],
             interactions_90d=0, last_activity="2026-01-01", tasks_done=0, tasks_total=0,
             state="stale"),  # 2026-01-01 is 90 days before today: outside the window
        dict(heading="3. Бизнес-развитие", level=3,
             people=["Люди/G.md", "Люди/H.md", "Люди/K.md"], interactions_90d=3,
             last_activity="2026-03-20", tasks_done=0, tasks_total=0, state="active"),
        dict(heading="4. Личностный рост", level=3, people=[], interactions_90d=0,
             last_activity=None, tasks_done=0, tasks_total=0, state="uncovered"),
    ]
    assert all(g["note"] == "Цели.md" for g in data["goals"])
    assert data["measures"] == {
        "quality_connections": 3,
        "recommendations_invitations_12m": 1,
        "satisfaction": {"mean": 4.5, "n": 2, "coverage": 0.2},
        "goal_achievement": {"done": 1, "total": 2},
    }
    assert data["today"] == "2026-04-01"


def test_measure_details(model: Any) -> None:
    quality = model.measures["quality_connections"]
    assert quality.details["by_criterion"] == {"strength": 1, "frequent": 1, "exchange": 2}
    assert quality.details["unknown"] == ["Люди/D.md"]
    assert model.person_stats["Люди/B.md"].quality.criteria == ["frequent", "exchange"]
    assert model.person_stats["Люди/B.md"].quality.since == date(2026, 2, 1)
    referrals = model.measures["recommendations_invitations_12m"].details
    assert (referrals["received"], referrals["given"], referrals["sources"]) == (
        1, 1, {"Люди/E.md": 1})
    assert referrals["by_month"]["2025-06"] == 1 and len(referrals["by_month"]) == 12
    assert referrals["small_sample"] and referrals["concentrated"]
    satisfaction = model.measures["satisfaction"].details
    assert (satisfaction["interactions"], satisfaction["invalid"], satisfaction["median"]) == (
        10, 1, 4.5)
    assert satisfaction["low_confidence"]
    assert model.person_stats["Люди/D.md"].upcoming == ["Встречи/later.md"]
    assert all(m.definition and m.window and m.coverage for m in model.measures.values())


def test_no_data_is_none_not_zero(make_vault: Callable[..., Any]) -> None:
    model = build_model(make_vault({"Люди/A.md": person("tier: close\n")}), TODAY)
    data = metrics_json(model)
    assert data["measures"]["satisfaction"] == {"mean": None, "n": 0, "coverage": None}
    assert data["people"] == [dict(path="Люди/A.md", last_contact=None, interactions=0,
                                   quality=None, cadence_days=30, overdue_days=None)]
    assert data["goals"] == []


@pytest.mark.parametrize(
    ("last", "cadence", "expected"),
    [(date(2026, 3, 1), 30, 1), (date(2026, 3, 2), 30, 0), (None, 30, None),
     (date(2026, 3, 1), None, None)],
)
def test_overdue_days(last: date | None, cadence: int | None, expected: int | None) -> None:
    assert overdue_days(last, cadence, TODAY) == expected


def test_goal_state_thresholds() -> None:
    from vaultnet.network.interactions import Interaction

    def item(*people: str) -> Interaction:
        return Interaction("x.md", 0, "note", TODAY, list(people))

    assert goal_state(set(), []) == "uncovered"
    assert goal_state({"a"}, []) == "stale"
    assert goal_state({"a"}, [item("a")]) == "single-person"
    # a in 3 of 5 = 60 %: not more than 60 %, so active
    assert goal_state({"a", "b"}, [item("a"), item("a"), item("a"), item("b"), item("b")]) == "active"
    assert goal_state({"a", "b"}, [item("a"), item("a"), item("a", "b"), item("b")]) == "single-person"


def test_report_json_keys_and_types(model: Any) -> None:
    """contracts.md `report --json`: every key, integers for counts, booleans for flags."""
    data = metrics_json(model)
    assert {"today", "goals", "people", "measures"} <= set(data)

    def is_int(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def is_day(value: object) -> bool:
        return value is None or (isinstance(value, str) and date.fromisoformat(value) is not None)

    for goal in data["goals"]:
        assert {"note", "heading", "level", "people", "interactions_90d", "last_activity",
                "tasks_done", "tasks_total", "state"} <= set(goal)
        assert all(is_int(goal[k]) for k in ("level", "interactions_90d", "tasks_done",
                                                "tasks_total"))
        assert goal["people"] == sorted(goal["people"]) and is_day(goal["last_activity"])
        assert goal["state"] in ("uncovered", "stale", "single-person", "active")
    for person in data["people"]:
        assert set(person) >= {"path", "last_contact", "interactions", "quality",
                               "cadence_days", "overdue_days"}
        assert is_int(person["interactions"]) and is_day(person["last_contact"])
        assert person["quality"] is None or isinstance(person["quality"], bool)
        assert all(person[k] is None or is_int(person[k]) for k in ("cadence_days",
                                                                     "overdue_days"))
    measures = data["measures"]
    assert is_int(measures["quality_connections"])
    assert is_int(measures["recommendations_invitations_12m"])
    satisfaction = measures["satisfaction"]
    assert isinstance(satisfaction["mean"], float) and is_int(satisfaction["n"])
    assert isinstance(satisfaction["coverage"], float)
    assert all(is_int(v) for v in measures["goal_achievement"].values())


def test_an_earlier_manual_last_contact_does_not_win(make_vault: Callable[..., Any]) -> None:
    files = {"Люди/A.md": person("cadence: 10\nlast_contact: 2025-01-01\n"),
             "Встречи/call.md": meeting("2026-03-01", "A", "kind: call\n")}
    (row,) = metrics_json(build_model(make_vault(files), TODAY))["people"]
    assert (row["last_contact"], row["interactions"], row["overdue_days"]) == ("2026-03-01", 1, 21)
