from __future__ import annotations

from types import SimpleNamespace

from vaultnet.records import Heading, NoteRecord
from vaultnet.report.lang import choose_language, cyrillic_share, detect_language


def vault(notes: dict[str, list[str]]) -> SimpleNamespace:
    return SimpleNamespace(notes={
        path: NoteRecord(path, headings=[Heading(2, h, i + 1) for i, h in enumerate(heads)])
        for path, heads in notes.items()
    })


def test_share_counts_letters_only() -> None:
    assert cyrillic_share(["Мир", "abc", "2026-11-28 !"]) == 0.5
    assert cyrillic_share(["123", ""]) is None


def test_russian_vault_with_latin_names_is_russian() -> None:
    v = vault({
        "Люди/John Smith.md": [], "Компании/Acme.md": [], "Компании/DataForge.md": [],
        "Люди/Мария Иванова.md": ["Заметки"],
    })
    assert detect_language(v) == "ru"


def test_english_and_empty_vaults_are_english() -> None:
    assert detect_language(vault({"People/Maria Ivanova.md": ["Notes", "Meetings"], "Ёж.md": []})) == "en"
    assert detect_language(vault({})) == "en"


def test_option_then_config_then_guess() -> None:
    ru = vault({"Мария.md": []})
    assert choose_language("en", SimpleNamespace(language="ru"), ru) == "en"
    assert choose_language(None, SimpleNamespace(language="en"), ru) == "en"
    assert choose_language(None, SimpleNamespace(language=None), ru) == "ru"
    assert choose_language(None, None, ru) == "ru"
