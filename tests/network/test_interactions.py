from __future__ import annotations

from datetime import date
from typing import Any, Callable

from vaultnet.network import build_model

TODAY = date(2026, 4, 1)
PEOPLE = {
    "Люди/Маша.md": "---\ntype: person\n---\n",
    "Люди/Олег.md": "---\ntype: человек\n---\n",
    "Люди/Иван.md": "---\ntags: [person]\n---\n",
}


def interactions(make_vault: Callable[..., Any], files: dict[str, str]) -> Any:
    return build_model(make_vault({**PEOPLE, **files}), TODAY)


def summary(items: list[Any]) -> list[tuple[Any, ...]]:
    return [(i.source, i.line, i.origin, i.date.isoformat(), i.people, i.kind, i.rating)
            for i in items]


def test_interaction_note_with_properties_and_body(make_vault: Callable[..., Any]) -> None:
    note = """---
type: interaction
date: 2026-03-10
вид: встреча
участники: ["[[Маша]]"]
оценка: 4
---
Обсудили с [[Олег]] вакансию.
![[Иван]]
"""
    model = interactions(make_vault, {"Встречи/Кофе.md": note})
    assert summary(model.interactions) == [
        ("Встречи/Кофе.md", 0, "note", "2026-03-10", ["Люди/Маша.md", "Люди/Олег.md"],
         "meeting", 4),
    ]  # the embed of Иван is not contact


def test_daily_note_items_fields_and_exclusions(make_vault: Callable[..., Any]) -> None:
    daily = """# 2026-03-20
- Кофе с [[Маша]] [kind:: meeting] [rating:: 5]
- [ ] позвонить [[Олег]]
- [x] написать [[Иван]] [kind:: message]
> [[Олег]] в цитате
```
[[Олег]] в коде
```
Вечером видел [[Олег]].

## См. также
- [[Иван]]
"""
    model = interactions(make_vault, {"Ежедневник/2026-03-20.md": daily})
    assert summary(model.interactions) == [
        ("Ежедневник/2026-03-20.md", 0, "note", "2026-03-20", ["Люди/Олег.md"], None, None),
        ("Ежедневник/2026-03-20.md", 2, "item", "2026-03-20", ["Люди/Маша.md"], "meeting", 5),
        ("Ежедневник/2026-03-20.md", 4, "item", "2026-03-20", ["Люди/Иван.md"], "message", None),
    ]


def test_dated_headings_in_person_note(make_vault: Callable[..., Any]) -> None:
    person = """---
type: person
---
## Заметки
### [[2026-02-01]] Кофе, обсудили вакансию
Был и [[Олег]]. [kind:: meeting]
### 2026-03-15 Звонок
### Просто заметка
Упомянул [[Иван]].
- [x] отправил резюме ✅ 2026-03-20
"""
    model = interactions(make_vault, {"Люди/Маша.md": person})
    assert summary(model.interactions) == [
        ("Люди/Маша.md", 5, "heading", "2026-02-01", ["Люди/Маша.md", "Люди/Олег.md"],
         "meeting", None),
        ("Люди/Маша.md", 7, "heading", "2026-03-15", ["Люди/Маша.md"], None, None),
        ("Люди/Маша.md", 10, "task", "2026-03-20", ["Люди/Маша.md"], None, None),
    ]


def test_future_planned_and_reports(make_vault: Callable[..., Any]) -> None:
    files = {
        "Встречи/2026-05-01 Обед.md": "---\nwith: [\"[[Маша]]\"]\nplanned: true\n---\n",
        "Встречи/2026-06-01 Ужин.md": "---\nwith: [\"[[Олег]]\"]\n---\n",
        "vaultnet/Покрытие целей.md": "---\nvaultnet: generated\n---\n- [[Иван]] 2026-03-01\n",
        "Разное/2026-03-01 Отчёт.md": "---\ntags: [vaultnet/report]\n---\n[[Иван]]\n",
        "Разное/2026-03-02 Тайна.md": "---\nprivate: true\n---\n[[Иван]]\n",
    }
    model = interactions(make_vault, files)
    assert model.interactions == []
    assert summary(model.upcoming) == [
        ("Встречи/2026-05-01 Обед.md", 0, "note", "2026-05-01", ["Люди/Маша.md"], None, None)
    ]
    assert [i.source for i in model.future_unplanned] == ["Встречи/2026-06-01 Ужин.md"]
    assert model.reports == ["vaultnet/Покрытие целей.md", "Разное/2026-03-01 Отчёт.md"]
    assert model.skipped == ["Разное/2026-03-02 Тайна.md"]
    stats = model.person_stats["Люди/Маша.md"]
    assert (stats.last_contact, stats.interactions, stats.upcoming) == (
        None, 0, ["Встречи/2026-05-01 Обед.md"])


def test_intro_with_direction_and_by(make_vault: Callable[..., Any]) -> None:
    note = ("---\ndate: 2026-03-10\nkind: intro\ndirection: получено\nby: \"[[Маша]]\"\n"
            "to: \"[[Олег]]\"\n---\n")
    (item,) = interactions(make_vault, {"Встречи/Интро.md": note}).interactions
    assert (item.kind, item.direction, item.by, item.people) == (
        "intro", "received", ["Люди/Маша.md"], ["Люди/Маша.md", "Люди/Олег.md"])
