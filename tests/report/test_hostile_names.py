"""Note names and headings that look like syntax are rendered as text; tables stay intact."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vaultnet.cli import main

GOALS = """---
tags: [goals]
---
## Основные цели
### 1. Рост | {{ x }} <b>жирный</b> ]]
- Подцель с [[ и %% и |
"""
NAMES = ["Pipe | Name", "Evil {{ x }} <script>alert(1)<script x>", "Brackets ]] here",
         "Hash #tag", "Per %% cent"]


def person(goal: str) -> str:
    return (f'---\ntype: person\ncompany: "x | y {{{{z}}}}"\ncadence: 10\n'
            f'goals: ["[[Цели#{goal}]]"]\n---\n### 2026-01-05 встреча\n')


def cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_hostile_names_stay_text(tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "Цели.md").write_text(GOALS, "utf-8")
    (tmp_path / "Люди").mkdir()
    for name in NAMES:
        if "/" in name:
            continue
        (tmp_path / "Люди" / f"{name.replace('/', '_')}.md").write_text(
            person("1. Рост | {{ x }} <b>жирный</b> ]]"), "utf-8")
    assert main(["report", str(tmp_path), "--today", "2026-11-28", "--lang", lang]) == 0
    out = tmp_path / "vaultnet"
    assert len(list(out.glob("*.md"))) == 4
    for path in out.glob("*.md"):
        text = path.read_text("utf-8")
        # No raw HTML, template tags or comment openers leak out of the user's text.
        body = text.split("\n---\n", 1)[1]
        unlinked = re.sub(r"\[\[[^\]]*\]\]", "", body)  # braces inside a link are harmless
        assert not re.search(r"(?<!\\)<|(?<!\\)\{(?<!\\)\{", unlinked), path.name
        assert body.count("%%") == 4 * body.count("vaultnet:begin:"), path.name
        # Every table row has as many cells as its header.
        width = None
        for line in body.splitlines():
            if line.startswith("|"):
                width = cells(line) if width is None else width
                assert cells(line) == width, (path.name, line)
            else:
                width = None
        # Every wikilink closes on its own line before any other `]]`.
        for line in body.splitlines():
            for link in re.findall(r"\[\[(.*?)\]\]", line):
                assert "[[" not in link, (path.name, line)
    names = sorted(p.name for p in out.glob("*.md"))
    goal_file = [n for n in names if "Рост" in n][0]
    assert not set(goal_file) & set('|<>#[]%\\:*?"'), goal_file
