"""A deterministic generator of realistic networking vaults, for the benchmark and the tests.

The same (notes, seed) always gives the same files, byte for byte. A vault holds people
(Russian and English names, aliases, cadences), companies, meetings and calls with their
participants, a goals note with numbered headings, daily notes, topics and a canvas. Bodies
mix headings, block ids, embeds, wikilinks with headings and blocks, Markdown links, tasks,
tags, and code blocks whose `[[links]]` are not links. About 2% of links point nowhere.

    python benchmarks/generate_vault.py OUT_DIR --notes 10000 [--seed 1]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

RU_FIRST = ["Иван", "Мария", "Алексей", "Ольга", "Сергей", "Анна", "Дмитрий", "Екатерина",
            "Олег", "Наталья", "Павел", "Татьяна", "Андрей", "Юлия", "Михаил", "Елена",
            "Николай", "Ирина", "Артём", "Светлана", "Григорий", "Ксения", "Фёдор", "Дарья"]
RU_LAST = ["Петров", "Иванов", "Морозов", "Смирнов", "Волков", "Кузнецов", "Ковалёв", "Орлов",
           "Сидоров", "Попов", "Соколов", "Лебедев", "Новиков", "Фёдоров", "Егоров", "Павлов",
           "Козлов", "Степанов", "Николаев", "Захаров", "Зайцев", "Белов", "Тихонов", "Гусев"]
EN_FIRST = ["John", "Emily", "Michael", "Sarah", "David", "Laura", "James", "Olivia", "Robert",
            "Sophia", "William", "Grace", "Thomas", "Chloe", "Daniel", "Hannah"]
EN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark",
           "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Hill"]
COMPANY_WORDS = ["Нордсофт", "Acme", "DataForge", "Альфа", "Вектор", "Cloudline", "Орбита",
                 "Brightwave", "Спектр", "Northwind", "Полюс", "Quantum", "Сфера", "Helix"]
GOALS = ["1. Карьерный рост", "2. Профессиональное развитие", "3. Бизнес-развитие",
         "4. Личностный рост", "5. Social capital", "6. Mentoring"]
TOPICS = ["platform engineering", "Kubernetes", "найм", "менторство", "data mesh", "FinOps",
          "карьерный трек", "open source", "product discovery", "SRE", "конференции"]
TIERS = ["inner", "active", "periodic", "dormant"]
SENTENCES = [
    "Обсудили планы на квартал и кто чем занят.",
    "Talked about hiring and how their team runs on-call.",
    "Договорились созвониться через месяц.",
    "Shared notes from the last conference, very useful.",
    "Рассказал про миграцию на новый стек и сложности.",
    "Asked for an intro to someone in the data team.",
    "Поделился статьёй про слабые связи и вакансии.",
    "We agreed to meet again after the release.",
]


def _female(first: str) -> bool:
    return first[-1] in "ая" and first not in ("Никита", "Илья")


@dataclass
class _Vault:
    rng: random.Random
    files: dict[str, str] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)  # note names
    companies: list[str] = field(default_factory=list)
    headings: dict[str, list[str]] = field(default_factory=dict)  # note name -> headings
    blocks: dict[str, list[str]] = field(default_factory=dict)  # note name -> block ids

    def link(self, pool: list[str], *, broken: float = 0.02) -> str:
        """A wikilink into `pool`; ~2% point at nothing, some carry a heading, block or alias."""
        rng = self.rng
        if rng.random() < broken:
            return f"[[{rng.choice(['Несуществующая заметка', 'Missing note', 'Удалённый'])}"\
                   f" {rng.randrange(10_000)}]]"
        name = rng.choice(pool)
        roll = rng.random()
        if roll < 0.1 and self.headings.get(name):
            return f"[[{name}#{rng.choice(self.headings[name])}]]"
        if roll < 0.15 and self.blocks.get(name):
            return f"[[{name}#^{rng.choice(self.blocks[name])}]]"
        if roll < 0.3:
            return f"[[{name}|{name.split()[0]}]]"
        return f"[[{name}]]"


def generate(out: Path, notes: int, seed: int = 1) -> dict[str, int]:
    """Write a vault of about `notes` Markdown notes into `out` (emptied first)."""
    rng = random.Random(seed)
    vault = _Vault(rng)
    n_people = max(3, notes * 35 // 100)
    n_companies = max(2, notes // 50)
    n_daily = max(1, notes * 8 // 100)
    n_topics = max(1, notes * 5 // 100)
    n_meetings = max(1, notes - n_people - n_companies - n_daily - n_topics - 1)

    used: set[str] = set()
    for i in range(n_companies):
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(['Labs', 'Групп', 'Systems', 'Тех'])}"
        name = name if name not in used else f"{name} {i}"
        used.add(name)
        vault.companies.append(name)
    for i in range(n_people):
        if rng.random() < 0.7:
            first, last = rng.choice(RU_FIRST), rng.choice(RU_LAST)
            last = last + "а" if _female(first) else last
        else:
            first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
        name = f"{first} {last}"
        if name in used:
            name = f"{name} {i}"
        used.add(name)
        vault.people.append(name)
        vault.headings[name] = ["Заметки", "Contacts", f"Встреча {i % 28 + 1}"]
        vault.blocks[name] = [f"p{i}a", f"p{i}b"]
    goals_note = "Цели и задачи нетворкинга"
    vault.headings[goals_note] = GOALS

    start = dt.date(2023, 1, 1)
    meetings: list[str] = []
    for i in range(n_meetings):
        day = start + dt.timedelta(days=rng.randrange(1400))
        who = rng.sample(vault.people, k=min(len(vault.people), rng.choice([1, 1, 2, 3])))
        kind = rng.choice(["Кофе с", "Звонок с", "Call with", "Встреча с", "Lunch with"])
        meetings.append(f"{day.isoformat()} {kind} {who[0].split()[0]} {i}")
        vault.files[f"Встречи/{day.year}/{meetings[-1]}.md"] = _meeting(vault, day, who, i)
    for i, name in enumerate(vault.people):
        vault.files[f"Люди/{name}.md"] = _person(vault, name, i, meetings)
    for name in vault.companies:
        staff = rng.sample(vault.people, k=min(3, len(vault.people)))
        body = f"# {name}\n\nЛюди: {', '.join(f'[[{p}]]' for p in staff)}\n"
        vault.files[f"Компании/{name}.md"] = f"---\ntype: company\ntags: [company]\n---\n{body}"
    for i in range(n_daily):
        day = start + dt.timedelta(days=i)
        body = [f"# {day.isoformat()}", "", rng.choice(SENTENCES),
                f"- [ ] написать {vault.link(vault.people)}",
                f"- [x] ответить {vault.link(vault.people)} #followup", ""]
        vault.files[f"Ежедневник/{day.isoformat()}.md"] = "\n".join(body)
    for i in range(n_topics):
        topic = f"{rng.choice(TOPICS)} {i}"
        body = [f"---\ntags: [topic]\naliases: [\"Topic {i}\"]\n---", f"# {topic}", "",
                f"См. {vault.link(vault.people)} и [заметку](Люди/{rng.choice(vault.people)}.md).",
                f"Картинка: ![[схема {i % 7}.png]]", "", "## Ссылки", "",
                f"- {vault.link(meetings)}", f"- {vault.link(vault.people)}", ""]
        vault.files[f"Темы/{topic}.md"] = "\n".join(body)
    vault.files[f"{goals_note}.md"] = _goals(vault)
    for i in range(7):  # the attachments embedded above
        vault.files[f"Вложения/схема {i}.png"] = ""
    vault.files["Карта сети.canvas"] = json.dumps({"nodes": [
        {"id": str(i), "type": "file", "file": f"Люди/{p}.md", "x": i * 10, "y": 0,
         "width": 200, "height": 60} for i, p in enumerate(vault.people[:20])], "edges": []},
        ensure_ascii=False, indent=1)

    if out.exists():
        shutil.rmtree(out)
    for path, text in vault.files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"\x89PNG\r\n" if path.endswith(".png") else text.encode("utf-8"))
    (out / ".vaultnet.toml").write_text('language = "ru"\n', encoding="utf-8")
    md = sum(1 for path in vault.files if path.endswith(".md"))
    return {"notes": md, "files": len(vault.files)}


def _person(vault: _Vault, name: str, i: int, meetings: list[str]) -> str:
    rng = vault.rng
    first, last = name.split()[:2]
    aliases = [f"{last} {first}"] if rng.random() < 0.9 else [f"{last} {first}", first]
    goal = rng.choice(GOALS)
    knows = rng.sample(vault.people, k=min(2, len(vault.people)))
    front = [
        "---", "type: person", f"aliases: [{', '.join(json.dumps(a, ensure_ascii=False) for a in aliases)}]",
        f"tags: [person, circle/{rng.choice(['backend', 'data', 'product', 'hr'])}]",
        f"company: \"[[{rng.choice(vault.companies)}]]\"", f"role: {rng.choice(['CTO', 'Tech Lead', 'EM', 'Рекрутер'])}",
        f"met: {dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500))}",
        f"tier: {rng.choice(TIERS)}", f"cadence: {rng.choice([14, 30, 60, 90])}",
        f"strength: {rng.randint(1, 5)}",
        "goals:", f"  - \"[[Цели и задачи нетворкинга#{goal}]]\"",
        f"knows: [{', '.join(json.dumps(f'[[{k}]]', ensure_ascii=False) for k in knows)}]",
        "---",
    ]
    body = [
        f"# {name}", "",
        f"Работает в [[{rng.choice(vault.companies)}]]. {rng.choice(SENTENCES)} ^p{i}a", "",
        "## Заметки", "",
        f"### Встреча {i % 28 + 1}",
        f"{rng.choice(SENTENCES)} См. {vault.link(meetings)}.", "",
        f"- [ ] {rng.choice(['позвать на кофе', 'send the article', 'поздравить'])} #todo",
        f"- [x] познакомить с {vault.link(vault.people)}", "",
        "## Contacts", "",
        f"Профиль: [LinkedIn](https://example.com/in/{i}) · [[Цели и задачи нетворкинга#{goal}]] ^p{i}b", "",
        "```text", f"пример, не ссылка: [[{rng.choice(vault.people)}]] и ![[x.png]]", "```", "",
        f"%% личное: [[{rng.choice(vault.people)}]] %%", "",
    ]
    if rng.random() < 0.2:
        body.append(f"![[{rng.choice(vault.people)}#Contacts]]")
    return "\n".join(front + body) + "\n"


def _meeting(vault: _Vault, day: dt.date, who: list[str], i: int) -> str:
    rng = vault.rng
    goal = rng.choice(GOALS)
    front = [
        "---", "type: interaction", f"date: {day.isoformat()}",
        f"kind: {rng.choice(['meeting', 'call', 'message', 'event'])}",
        f"with: [{', '.join(json.dumps(f'[[{p}]]', ensure_ascii=False) for p in who)}]",
        f"goals: [\"[[Цели и задачи нетворкинга#{goal}]]\"]", f"rating: {rng.randint(1, 5)}", "---",
    ]
    people = ", ".join(vault.link(who, broken=0.0) for _ in who)
    body = [
        f"{rng.choice(SENTENCES)} С {people}.",
        f"{rng.choice(SENTENCES)} Контакт: [{who[0]}](../../Люди/{who[0].replace(' ', '%20')}.md).", "",
        "| кто | что |", "| --- | --- |", f"| {vault.link(who, broken=0.0)} | {rng.choice(TOPICS)} |", "",
        f"- [ ] follow up с {vault.link(vault.people)}",
        f"- [{rng.choice(' x')}] {rng.choice(SENTENCES)} #{rng.choice(['follow-up', 'идея', 'intro'])}", "",
        "~~~", "отступ: [[не ссылка в коде]]", "~~~", "",
        f"Итог встречи {i}. ^m{i}", "",
    ]
    if rng.random() < 0.1:
        body.append("---\nname: [[битая yaml ссылка]]\n")  # a thematic break, not frontmatter
    return "\n".join(front + body) + "\n"


def _goals(vault: _Vault) -> str:
    lines = ["---", 'aliases: ["Цели нетворкинга"]', "tags: [networking, goals]", "---",
             "# Цели и задачи нетворкинга", "", "## Основные цели", ""]
    for goal in GOALS:
        lines += [f"### {goal}", f"- {vault.rng.choice(SENTENCES)}", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.notes, args.seed)
    print(f"{args.out}: {counts['notes']} notes, {counts['files']} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
