from __future__ import annotations

from datetime import date
from typing import Any, Callable

import pytest

from vaultnet.network import build_model
from vaultnet.network.fields import inline_fields
from vaultnet.network.properties import canonical_key, canonical_value, parse_date, parse_days

TODAY = date(2026, 4, 1)


@pytest.mark.parametrize(("key", "canon"), [
    ("компания", "company"), ("через_кого", "met_via"), ("последний_контакт", "last_contact"),
    ("Участники", "with"), ("goal", "goals"), ("день_рождения", "birthday"), ("Kind", "kind"),
])
def test_canonical_keys(key: str, canon: str) -> None:
    assert canonical_key(key) == canon


def test_values_dates_and_durations() -> None:
    assert [canonical_value(v) for v in ("Встреча", "звонок", "получено", None, "")] == [
        "meeting", "call", "received", None, None]
    assert parse_date("2025-01-10T09:30") == date(2025, 1, 10)
    assert parse_date("20250110") == date(2025, 1, 10)
    assert parse_date("10.01.2025") is None and parse_date("2025-02-30") is None
    assert [parse_days(v) for v in (60, "3 мес", "2 weeks", "0", "often")] == [
        60, 90, 14, None, None]


def test_inline_fields_with_links() -> None:
    line = "- Кофе с [[Маша]] [kind:: meeting] (rating:: 4) [goal:: [[G#1. Карьерный рост]]]"
    assert [(f.key, f.value) for f in inline_fields(line)] == [
        ("kind", "meeting"), ("rating", "4"), ("goals", "[[G#1. Карьерный рост]]")]
    assert [(f.key, f.value) for f in inline_fields("status:: в процессе")] == [
        ("status", "в процессе")]


def test_type_sources_in_order(make_vault: Callable[..., Any]) -> None:
    files = {
        "Люди/Маша.md": "---\ntype: концепция\n---\n",  # property beats folder
        "Люди/Олег.md": "---\ntags: [company]\n---\n",  # tag beats folder
        "Люди/Иван.md": "text\n",  # folder
        "Анна.md": "---\ncompany: Acme\n---\nno headings\n",  # heuristic
        "Заметка.md": "text\n",
        "Люди/Скрытый.md": "---\nvaultnet: ignore\n---\n",
        "Отчёты/Сводка.md": "---\ntype: report\n---\n",
    }
    model = build_model(make_vault(files), TODAY)
    assert {p: (t.kind, t.source) for p, t in model.types.items()} == {
        "Люди/Маша.md": ("concept", "property"),
        "Люди/Олег.md": ("org", "tag"),
        "Люди/Иван.md": ("person", "folder"),
        "Анна.md": ("person", "heuristic"),
    }
    assert model.skipped == ["Люди/Скрытый.md"]
    assert model.reports == ["Отчёты/Сводка.md"]


def test_structure_two_circles_and_a_broker(make_vault: Callable[..., Any]) -> None:
    people = {f"Люди/{n}.md": "---\ntype: person\n---\n" for n in "ABCDEFG"}
    meetings = {
        f"Встречи/2026-03-0{i}.md": f'---\ntype: interaction\nwith: ["[[{a}]]", "[[{b}]]"]\n---\n'
        for i, (a, b) in enumerate(
            [("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F"), ("C", "D")],
            start=1)
    }
    model = build_model(make_vault({**people, **meetings}), TODAY)
    s = model.structure
    assert s.circles == [["Люди/A.md", "Люди/B.md", "Люди/C.md"],
                         ["Люди/D.md", "Люди/E.md", "Люди/F.md"]]
    assert [p for p, _ in s.brokers[:2]] == ["Люди/C.md", "Люди/D.md"]
    assert s.local_bridges == [("Люди/C.md", "Люди/D.md")]
    assert s.active_core == [f"Люди/{n}.md" for n in "ABCDEF"]  # G never met
    # n = 6 alters, t = 7 ties among them: effective size 6 − 14/6
    assert s.effective_size == pytest.approx(6 - 14 / 6, abs=1e-6)
    assert not s.insufficient_data


def test_betweenness_samples_keep_a_fixed_budget_of_visits() -> None:
    import networkx as nx

    from vaultnet.network.structure import betweenness_samples

    # 256 sources up to ~15,600 nodes and edges (the 10,000-note benchmark vault: 3,500
    # people, 12,000 ties), then fewer so the estimate costs the same; never under 32.
    assert betweenness_samples(nx.path_graph(3_000)) == 256  # 5,999 nodes + edges
    assert betweenness_samples(nx.path_graph(38_500)) == 51  # 76,999
    assert betweenness_samples(nx.path_graph(500_000)) == 32
    assert betweenness_samples(nx.path_graph(10)) == 10  # never more than the nodes


def test_a_sampled_betweenness_names_its_sample_in_the_report(
    make_vault: Callable[..., Any],
) -> None:
    import dataclasses

    from vaultnet.network.settings import Settings
    from vaultnet.report.build import build_notes

    people = {f"Люди/{n}.md": "---\ntype: person\n---\n" for n in "ABCD"}
    meetings = {
        f"Встречи/2026-03-0{i}.md": f'---\ntype: interaction\nwith: ["[[{a}]]", "[[{b}]]"]\n---\n'
        for i, (a, b) in enumerate([("A", "B"), ("B", "C"), ("C", "D")], start=1)
    }
    settings = dataclasses.replace(Settings(), exact_betweenness_limit=2)
    model = build_model(make_vault({**people, **meetings}), TODAY, settings)
    assert model.structure.betweenness_samples == 4  # capped at the 4 people, not 256
    assert [p for p, _ in model.structure.brokers] == ["Люди/B.md", "Люди/C.md"]
    notes = build_notes(model, "en", vault_root=None, vault_paths=sorted(people), folder="vaultnet")
    health = next(note for note in notes if note.report == "network-health")
    assert "Betweenness is estimated from a sample of 4 nodes." in health.body
