from __future__ import annotations

from datetime import date
from typing import Any, Callable

from vaultnet.network import build_model
from vaultnet.network.coverage import Reason

TODAY = date(2026, 4, 1)
SEED = "Цели и задачи нетворкинга.md"
CAREER = f"{SEED}#1. Карьерный рост"
PROF = f"{SEED}#2. Профессиональное развитие"
BIZ = f"{SEED}#3. Бизнес-развитие"
PERSONAL = f"{SEED}#4. Личностный рост"


def goals(model: Any) -> dict[str, Any]:
    return {g.key: g for g in model.goals}


def test_each_coverage_path(make_vault: Callable[..., Any], seed_text: str) -> None:
    seed = seed_text.replace(
        "- Обмен знаниями и опытом", "- Обмен знаниями и опытом ^prof-exchange"
    )
    files = {
        SEED: seed,
        # direct: `цели` property with a heading link
        "Люди/Маша.md": '---\ntype: person\nцели: ["[[Цели и задачи нетворкинга#1. Карьерный '
                        'рост]]"]\n---\n',
        # direct through an inline goal:: field on a daily-note item
        "Люди/Олег.md": "---\ntype: person\n---\n",
        "Ежедневник/2026-03-20.md": "- Созвон с [[Олег]] [kind:: call] [goal:: [[Цели и "
                                    "задачи нетворкинга#^prof-exchange]]]\n",
        # a goal link under a dated heading of a person note
        "Люди/Иван.md": "---\ntype: person\n---\n### 2026-03-01 Обед\nПро [[Цели и задачи "
                        "нетворкинга#3. Бизнес-развитие]]\n",
        # indirect through a concept that carries goals
        "Карьера.md": '---\ngoals: ["[[Цели и задачи нетворкинга#4. Личностный рост]]"]\n---\n',
        "Люди/Анна.md": "---\ntype: person\n---\nИнтересуется темой [[Карьера]].\n",
        # indirect through an org (company) that serves a goal
        "Компании/Acme.md": "---\ntype: org\ngoals: [\"[[Цели и задачи нетворкинга#3. "
                            "Бизнес-развитие]]\"]\n---\n",
        "Люди/Пётр.md": '---\ntype: person\ncompany: "[[Acme]]"\n---\n',
        # a link to the whole goal note counts towards no single goal
        "Люди/Вера.md": "---\ntype: person\n---\n[[Цели и задачи нетворкинга]]\n",
    }
    model = build_model(make_vault(files), TODAY)
    by_key = goals(model)
    assert by_key[CAREER].people == ["Люди/Маша.md"]
    assert by_key[CAREER].reasons["Люди/Маша.md"] == [
        Reason("direct", "Люди/Маша.md", "property:goals")
    ]
    prof = by_key[PROF]
    assert prof.people == ["Люди/Олег.md"]
    assert prof.reasons["Люди/Олег.md"] == [
        Reason("direct", "Ежедневник/2026-03-20.md:1", "interaction", 18)
    ]
    assert prof.interactions == ["Ежедневник/2026-03-20.md:1"]
    assert [(s.text, s.people) for s in prof.subgoals][0] == (
        "Обмен знаниями и опытом", ["Люди/Олег.md"])
    biz = by_key[BIZ]
    assert biz.people == ["Люди/Иван.md", "Люди/Пётр.md"]
    assert biz.people_direct == ["Люди/Иван.md"]
    assert biz.reasons["Люди/Иван.md"] == [
        Reason("direct", "Люди/Иван.md", "text"),
        Reason("direct", "Люди/Иван.md:4", "interaction"),
    ]
    assert biz.reasons["Люди/Пётр.md"] == [
        Reason("indirect", "Компании/Acme.md", "property:company", None, "org:goals")
    ]
    personal = by_key[PERSONAL]
    assert personal.people == ["Люди/Анна.md"]
    assert personal.reasons["Люди/Анна.md"] == [
        Reason("indirect", "Карьера.md", "text", None, "concept:goals")
    ]
    assert model.coverage.general_people == {"Люди/Вера.md"}
    assert all("Люди/Вера.md" not in g.people for g in model.goals)
    # the concept section of the seed makes Карьера a concept by heuristic
    assert model.types["Карьера.md"].source == "heuristic"


def test_concept_named_under_a_goal_heading(make_vault: Callable[..., Any],
                                            seed_text: str) -> None:
    seed = seed_text.replace("- Обмен знаниями и опытом", "- Обмен знаниями и опытом, см. [[Менторство]]")
    files = {
        SEED: seed,
        "Менторство.md": "---\ntype: concept\n---\n",
        "Встречи/2026-03-05 Кофе.md": '---\nwith: ["[[Олег]]"]\n---\nГоворили про [[Менторство]]\n',
        "Люди/Олег.md": "---\ntype: person\n---\n",
    }
    prof = goals(build_model(make_vault(files), TODAY))[PROF]
    assert prof.people == ["Люди/Олег.md"]
    assert prof.people_indirect == ["Люди/Олег.md"]
    assert prof.interactions == ["Встречи/2026-03-05 Кофе.md"]
