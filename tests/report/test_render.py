from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vaultnet.report.render import TemplateError, make_environment, render


def user_template(root: Path, name: str, text: str, lang: str = "ru") -> None:
    folder = root / ".vaultnet" / "templates" / lang
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")


def test_user_template_wins_and_filters_work(tmp_path: Path) -> None:
    user_template(tmp_path, "goal.md.j2",
                  "{{ p | wikilink('Маша', in_table=True) }} | {{ n | num(1) }} | {{ missing }}\n"
                  "{% for x in xs %}\n- {{ x | md_text }}\n{% endfor %}\n")
    env = make_environment("ru", vault_root=tmp_path, paths=["Люди/Мария.md"])
    text = render(env, "goal.md.j2", {"p": "Люди/Мария.md", "n": 4.25, "missing": None,
                                      "xs": ["[[a]]", "b|c"]})
    assert text == "[[Мария\\|Маша]] | 4,2 | —\n- \\[\\[a\\]\\]\n- b\\|c\n"  # newline kept


def test_undefined_name_names_file_and_line(tmp_path: Path) -> None:
    user_template(tmp_path, "goal.md.j2", "line one\n\n{{ nobody.name }}\n")
    env = make_environment("ru", vault_root=tmp_path)
    with pytest.raises(TemplateError) as caught:
        render(env, "goal.md.j2", {}, vault_root=tmp_path)
    message = str(caught.value)
    assert message.startswith(".vaultnet/templates/ru/goal.md.j2:3: ")
    assert "nobody" in message and "\n" not in message


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    user_template(tmp_path, "goal.md.j2", "ok\n{% for x in %}\n{% endfor %}\n")
    env = make_environment("ru", vault_root=tmp_path)
    with pytest.raises(TemplateError, match=r"^\.vaultnet/templates/ru/goal\.md\.j2:2: "):
        render(env, "goal.md.j2", {}, vault_root=tmp_path)


def test_runtime_error_in_a_filter_names_the_line(tmp_path: Path) -> None:
    user_template(tmp_path, "goal.md.j2", "a\nb\n{{ 'x' | num | int + none_such_filter_arg }}\n")
    env = make_environment("ru", vault_root=tmp_path)
    with pytest.raises(TemplateError, match=r"goal\.md\.j2:3: "):
        render(env, "goal.md.j2", {"none_such_filter_arg": None}, vault_root=tmp_path)


def test_missing_template_and_language(tmp_path: Path) -> None:
    env = make_environment("en", vault_root=tmp_path)
    with pytest.raises(TemplateError, match="not found"):
        render(env, "nothing.md.j2", {})
    with pytest.raises(TemplateError, match="unknown report language"):
        make_environment("de")


def test_dates_and_plurals_follow_the_language(tmp_path: Path) -> None:
    for lang, expected in (("ru", "28 ноября 2026 · 3 человека"), ("en", "28 November 2026 · 3 people")):
        user_template(tmp_path, "t.md.j2", "{{ d | date(long=True) }} · {{ 3 | plural(*forms) }}", lang)
        env = make_environment(lang, vault_root=tmp_path)
        forms = ("человек", "человека", "человек") if lang == "ru" else ("person", "people")
        assert render(env, "t.md.j2", {"d": date(2026, 11, 28), "forms": forms}) == expected
