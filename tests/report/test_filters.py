from __future__ import annotations

from datetime import date

import pytest

from vaultnet.report.filters import (
    LinkIndex,
    cell,
    format_date,
    format_number,
    format_percent,
    md_text,
    mermaid_label,
    plural,
)

PATHS = [
    "Люди/Мария Иванова.md",
    "Люди/Иван Петров.md",
    "Архив/Иван Петров.md",  # same name in two folders: ambiguous
    "Цели и задачи нетворкинга.md",
    "Люди/A | B.md",
    "Люди/C# notes.md",
    "Люди/{{x}} y.md",
    "Люди/Bad]].md",
    "Люди/{{x}} <i>y.md",
]
links = LinkIndex(PATHS)


@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        (("Люди/Мария Иванова.md",), {}, "[[Мария Иванова]]"),
        (("Люди/Мария Иванова.md", "Маша"), {}, "[[Мария Иванова|Маша]]"),
        (("Люди/Мария Иванова.md", "Маша"), {"in_table": True}, "[[Мария Иванова\\|Маша]]"),
        (("Люди/Мария Иванова.md", "Мария Иванова"), {}, "[[Мария Иванова]]"),
        (("Люди/Иван Петров.md",), {}, "[[Люди/Иван Петров|Иван Петров]]"),
        (("Люди/Иван Петров.md",), {"in_table": True}, "[[Люди/Иван Петров\\|Иван Петров]]"),
        (("Цели и задачи нетворкинга.md",), {"heading": "1. Карьерный рост"},
         "[[Цели и задачи нетворкинга#1. Карьерный рост]]"),
        (("Цели и задачи нетворкинга.md", "Карьерный рост"),
         {"heading": "1. Карьерный рост", "in_table": True},
         "[[Цели и задачи нетворкинга#1. Карьерный рост\\|Карьерный рост]]"),
        (("Цели и задачи нетворкинга.md",), {"block": "career-mentor"},
         "[[Цели и задачи нетворкинга#^career-mentor]]"),
        (("Люди/Мария Иванова.md", "a]]b[[c|d"), {}, "a\\]\\]b\\[\\[c\\|d"),
        (("Люди/Мария Иванова.md", "<b>x"), {"in_table": True}, "\\<b\\>x"),
        (("Люди/Мария Иванова.md", "a|b"), {"in_table": True}, "[[Мария Иванова\\|a\\|b]]"),
        ((None,), {}, "—"),
        # names Obsidian cannot link (R7) become escaped text
        (("Люди/A | B.md",), {}, "A \\| B"),
        (("Люди/A | B.md",), {"in_table": True}, "A \\| B"),
        (("Люди/C# notes.md",), {}, "C\\# notes"),
        (("Люди/Bad]].md",), {}, "Bad\\]\\]"),
        (("Люди/{{x}} <i>y.md",), {}, "\\{\\{x\\}\\} \\<i\\>y"),
        # braces in a linkable name are harmless inside [[ ]]
        (("Люди/{{x}} y.md",), {}, "[[{{x}} y]]"),
    ],
)
def test_wikilink(args: tuple, kwargs: dict, expected: str) -> None:
    assert links.wikilink(*args, **kwargs) == expected


def test_names_compare_like_obsidian() -> None:
    index = LinkIndex(["a/Note.md", "b/note.md", "c/Ёлка.md", "d/Елка.md"])
    assert index.link_text("a/Note.md") == "a/Note"  # toLowerCase collides
    assert index.link_text("c/Ёлка.md") == "Ёлка"  # ё is not е (R12)


def test_md_text_neutralises_syntax() -> None:
    assert md_text("[[Note]] {{ x }} <script> %% c %% #tag ^id a|b") == (
        "\\[\\[Note\\]\\] \\{\\{ x \\}\\} \\<script\\> \\%\\% c \\%\\% \\#tag \\^id a\\|b"
    )
    assert md_text("two\nlines") == "two lines"
    assert md_text("Мария Иванова") == "Мария Иванова"
    assert md_text(None) == "—"


def test_cell_escapes_pipes_once_and_joins_lines() -> None:
    assert cell("a|b\nc") == "a\\|b c"
    assert cell(cell("a|b")) == "a\\|b"
    assert cell(md_text("a|b")) == "a\\|b"


def test_mermaid_label_cannot_break_out() -> None:
    label = mermaid_label('He said "hi" <b>#1</b> %% `x` [y] {z} |')
    assert not set(label) & set('"<>`[]{}|%') or "#37;" in label
    assert '"' not in label and "<" not in label and "`" not in label


@pytest.mark.parametrize(
    "value, lang, digits, expected",
    [
        (1234, "ru", 0, "1\u00a0234"),
        (1234, "en", 0, "1,234"),
        (4.25, "ru", 1, "4,2"),
        (4.5, "en", 1, "4.5"),
        (None, "ru", 0, "—"),
        (0, "en", 0, "0"),
    ],
)
def test_numbers(value: object, lang: str, digits: int, expected: str) -> None:
    assert format_number(value, lang, digits) == expected


def test_percent_dates_plural() -> None:
    assert format_percent(0.456, "ru") == "46\u00a0%"
    assert format_percent(0.456, "en") == "46%"
    assert format_percent(None, "en") == "—"
    assert format_date(date(2026, 11, 28), "ru") == "2026-11-28"
    assert format_date(date(2026, 11, 28), "ru", long=True) == "28 ноября 2026"
    assert format_date("2026-11-28", "en", long=True) == "28 November 2026"
    assert format_date(None, "en") == "—"
    forms = ("человек", "человека", "человек")
    assert [plural(n, "ru", *forms) for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "1 человек", "2 человека", "5 человек", "11 человек", "21 человек", "22 человека",
        "112 человек",
    ]
    assert plural(1, "en", "person", "people") == "1 person"
    assert plural(3, "en", "person", "people") == "3 people"
