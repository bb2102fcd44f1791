from __future__ import annotations

from datetime import date
from typing import Any, Callable

from vaultnet.network.goals import (
    ConceptLink,
    DeclaredMeasure,
    HorizonItem,
    Method,
    SubGoal,
    Task,
    parse_goal_note,
)
from vaultnet.network.notes import NoteView

SEED = "Цели и задачи нетворкинга.md"


def goal_note(vault: Any, path: str) -> Any:
    return parse_goal_note(NoteView.of(vault, path, vault.notes[path]))


def test_seed_goals_and_subgoals(make_vault: Callable[..., Any], seed_text: str) -> None:
    note = goal_note(make_vault({SEED: seed_text}), SEED)
    assert [(g.heading, g.level, g.line, g.id, g.title) for g in note.goals] == [
        ("1. Карьерный рост", 3, 12, "career", "Карьерный рост"),
        ("2. Профессиональное развитие", 3, 17, "prof", "Профессиональное развитие"),
        ("3. Бизнес-развитие", 3, 22, "biz", "Бизнес-развитие"),
        ("4. Личностный рост", 3, 27, "personal", "Личностный рост"),
    ]
    assert [g.subgoals for g in note.goals] == [
        [
            SubGoal("Поиск новых возможностей трудоустройства", 13),
            SubGoal("Получение информации о вакансиях до их публичного объявления", 14),
            SubGoal("Установление связей с потенциальными работодателями", 15),
        ],
        [
            SubGoal("Обмен знаниями и опытом", 18),
            SubGoal("Получение наставничества от более опытных коллег", 19),
            SubGoal("Участие в профессиональных проектах", 20),
        ],
        [
            SubGoal("Поиск потенциальных партнеров и клиентов", 23),
            SubGoal("Привлечение инвестиций и ресурсов", 24),
            SubGoal("Расширение клиентской базы", 25),
        ],
        [
            SubGoal("Расширение кругозора и получения новых перспектив", 28),
            SubGoal("Развитие навыков общения и лидерства", 29),
            SubGoal("Повышение уверенности в себе", 30),
        ],
    ]
    assert all(g.tasks == [] and g.status is None for g in note.goals)
    assert not note.whole_note_goal


def test_seed_horizon_methods_measures_concepts(
    make_vault: Callable[..., Any], seed_text: str
) -> None:
    note = goal_note(make_vault({SEED: seed_text}), SEED)
    assert note.horizon == [
        HorizonItem("short", "Установление первоначального контакта с новыми людьми", 35),
        HorizonItem("short", "Участие в профессиональных мероприятиях и конференциях", 36),
        HorizonItem("short", "Поддержание регулярного общения с уже знакомыми людьми", 37),
        HorizonItem("long", "Построение устойчивой сети профессиональных связей", 40),
        HorizonItem("long", "Создание репутации как надежного и компетентного специалиста", 41),
        HorizonItem("long", "Формирование сообщества единомышленников", 42),
    ]
    assert note.methods == [
        Method("Активное участие в профессиональных сообществах", "community", 46),
        Method("Использование социальных сетей и платформ для нетворкинга", "social", 47),
        Method("Организация и проведение мероприятий", "own_event", 48),
        Method("Участие в волонтерских и общественных проектах", "volunteering", 49),
    ]
    assert note.measures == [
        DeclaredMeasure("Количество установленных качественных связей", "quality_connections", 53),
        DeclaredMeasure("Частота получения рекомендаций и приглашений",
                        "recommendations_invitations", 54),
        DeclaredMeasure("Уровень удовлетворенности от взаимодействия", "satisfaction", 55),
        DeclaredMeasure("Достижение карьерных и профессиональных целей", "goal_achievement", 56),
    ]
    assert all(m.computable for m in note.measures)
    assert note.concepts == [
        ConceptLink("Собеседования", None, "цель нетворкинга включает подготовку к собеседованиям "
                    "через установление связей в целевых компаниях.", 60),
        ConceptLink("Резюме", None,
                    "получение рекомендаций и отзывов от знакомых улучшает ваше резюме.", 61),
        ConceptLink("Карьера", None,
                    "сетевые связи напрямую влияют на карьерные перспективы и возможности.", 62),
        ConceptLink("Коммуникация", None, "эффективные коммуникационные навыки необходимы для "
                    "достижения целей нетворкинга.", 63),
    ]


GOALS_WITH_TASKS = """---
tags: [goals]
---
## Main goals

### 1. Career growth
status:: doing
- Find a job ^career-job
  - [x] Update CV ✅ 2026-01-05
  - [/] Ask [[Maria]] for a referral
- [ ] Meet three hiring managers
- [-] Cancelled idea
- [x] Done without date [completion:: 2026-02-01]

### 2. Something new
- Learn things

## Tasks
### Short-term
- [ ] Write to five people
- plain bullet

## Measuring
- Number of quality connections
- Number of coffees per week
"""


def test_tasks_status_blocks_and_unknown_measure(make_vault: Callable[..., Any]) -> None:
    note = goal_note(make_vault({"Goals.md": GOALS_WITH_TASKS}), "Goals.md")
    career, other = note.goals
    assert (career.id, career.status, other.id) == ("career", "doing", "something-new")
    assert [(s.text, s.block_id) for s in career.subgoals] == [
        ("Find a job", "career-job"),
        ("Meet three hiring managers", None),
        ("Cancelled idea", None),
        ("Done without date [completion:: 2026-02-01]", None),  # as written
    ]
    assert career.tasks == [
        Task("Update CV ✅ 2026-01-05", "done", 9, date(2026, 1, 5)),
        Task("Ask [[Maria]] for a referral", "in_progress", 10),
        Task("Meet three hiring managers", "open", 11),
        Task("Cancelled idea", "cancelled", 12),
        Task("Done without date [completion:: 2026-02-01]", "done", 13, date(2026, 2, 1)),
    ]
    assert [t.line for t in career.subgoals[0].tasks] == [9, 10]
    assert [(h.horizon, h.text, h.task is not None) for h in note.horizon] == [
        ("short", "Write to five people", True),
        ("short", "plain bullet", False),
    ]
    assert [(m.key, m.computable) for m in note.measures] == [
        ("quality_connections", True),
        (None, False),  # declared, not computable yet — never dropped
    ]


def test_goal_note_without_goals_section_is_one_goal(make_vault: Callable[..., Any]) -> None:
    text = "---\ntype: цель\nstatus: в процессе\n---\n- [x] Talk at a meetup ✅ 2026-03-01\n"
    note = goal_note(make_vault({"Цели/Выступить.md": text}), "Цели/Выступить.md")
    assert note.whole_note_goal
    (goal,) = note.goals
    assert (goal.heading, goal.level, goal.id, goal.status) == (None, 0, "выступить", "doing")
    assert [t.status for t in goal.tasks] == ["done"]


def test_numbered_list_goals(make_vault: Callable[..., Any]) -> None:
    text = "## Основные цели\n\n1. Карьерный рост\n   - Найти работу\n2. Личностный рост\n"
    note = goal_note(make_vault({"G.md": text}), "G.md")
    assert [(g.id, g.heading, [s.text for s in g.subgoals]) for g in note.goals] == [
        ("career", "1. Карьерный рост", ["Найти работу"]),
        ("personal", "2. Личностный рост", []),
    ]


def test_goal_ids_are_unique_across_notes(make_vault: Callable[..., Any]) -> None:
    from vaultnet.network import build_model

    goals = "---\ntags: [goals]\n---\n## Цели\n"
    files = {
        "Цели/A.md": goals + "### Career\n- a\n### Career 2\n- b\n",
        "Цели/B.md": goals + "### Career\n- c\n",
        "Цели/C.md": goals + "### Career\n- d\n",
    }
    model = build_model(make_vault(files), date(2026, 1, 1))
    ids = [(g.goal.note, g.goal.id) for g in model.goals]
    # "Career 2" is `career-2` by itself, so the repeated "Career" goals skip that number.
    assert ids == [("Цели/A.md", "career"), ("Цели/A.md", "career-2"),
                   ("Цели/B.md", "career-3"), ("Цели/C.md", "career-4")]
