from __future__ import annotations

import re
from pathlib import Path

from lintkit import brief, lint, write_vault

from vaultnet.lint.engine import Finding, exit_code, unknown_rule_warnings
from vaultnet.lint.rules import RULES, get, summary

BROKEN = {
    "A.md": "[[Nowhere]] ![[gone.png]]\n",
    "B.md": "---\nalias: [x]\n---\n[[Nowhere]]\n",
}


def test_registry_lists_the_contract_rules() -> None:
    assert set(RULES) >= {
        "unresolved-link", "missing-heading", "missing-block", "ambiguous-link", "alias-link",
        "missing-attachment", "invalid-frontmatter", "unquoted-property-link",
        "legacy-property", "duplicate-alias", "unreadable-file",
    }
    for name, module in RULES.items():
        assert module.NAME == name
        assert module.DEFAULT_SEVERITY in ("error", "warning", "info")
        assert "PASS" in module.__doc__ and "FAIL" in module.__doc__
        assert summary(module).endswith((".", ")"))
    assert get("alias-link") is RULES["alias-link"]


def test_every_rule_module_is_registered() -> None:
    folder = Path(RULES["alias-link"].__file__).parent
    modules = {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
    assert {module.__name__.rsplit(".", 1)[-1] for module in RULES.values()} == modules
    for name, module in RULES.items():  # contracts.md: kebab-case, named after the module
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name), name
        assert module.__name__.endswith("." + name.replace("-", "_"))


def test_sorted_by_path_line_col_rule(tmp_path: Path) -> None:
    assert brief(lint(tmp_path, BROKEN)) == [
        ("A.md", 1, 1, "unresolved-link", "warning"),
        ("A.md", 1, 13, "missing-attachment", "error"),
        ("B.md", 2, 1, "legacy-property", "warning"),
        ("B.md", 4, 1, "unresolved-link", "warning"),
    ]


def test_configured_severity_and_off(tmp_path: Path) -> None:
    config = '[rules]\nunresolved-link = "error"\nmissing-attachment = "off"\nlegacy-property = "info"\n'
    write_vault(tmp_path, {**BROKEN, ".vaultnet.toml": config})
    assert brief(lint(tmp_path)) == [
        ("A.md", 1, 1, "unresolved-link", "error"),
        ("B.md", 2, 1, "legacy-property", "info"),
        ("B.md", 4, 1, "unresolved-link", "error"),
    ]


def test_pyproject_configuration(tmp_path: Path) -> None:
    write_vault(tmp_path, {**BROKEN, "pyproject.toml": '[tool.vaultnet.rules]\nunresolved-link = "off"\n'})
    (tmp_path / ".git").mkdir()
    assert [f.rule for f in lint(tmp_path / ".")] == ["missing-attachment", "legacy-property"]


def test_suppressions(tmp_path: Path) -> None:
    files = {
        "A.md": (
            "%% vaultnet: disable-next-line unresolved-link %%\n"
            "[[One]] ![[gone.png]]\n"
            "[[Two]]\n"
        ),
        "B.md": "[[Three]]\n\n%% vaultnet: disable %%\n",
        "C.md": "[[Four]] ![[gone.png]]\n%% vaultnet: disable missing-attachment, alias-link %%\n",
    }
    assert brief(lint(tmp_path, files)) == [
        ("A.md", 2, 9, "missing-attachment", "error"),
        ("A.md", 3, 1, "unresolved-link", "warning"),
        ("C.md", 1, 1, "unresolved-link", "warning"),
    ]


def test_only_selected_files_are_reported_but_the_whole_vault_is_read(tmp_path: Path) -> None:
    files = {**BROKEN, "Sub/C.md": "[[B]] [[Nowhere]]\n", "Sub/D.md": "[[Nowhere]]\n"}
    assert [f.path for f in lint(tmp_path, files, only={"A.md"})] == ["A.md", "A.md"]
    assert [f.path for f in lint(tmp_path, only={"Sub/"})] == ["Sub/C.md", "Sub/D.md"]
    assert lint(tmp_path, only=set()) == []


def test_generated_report_notes_are_not_reported(tmp_path: Path) -> None:
    files = {"vaultnet/Отчёт.md": "---\nvaultnet: generated\n---\n[[Nowhere]]\n"}
    assert lint(tmp_path, files) == []


def test_exit_codes() -> None:
    warning = Finding("A.md", 1, 1, "unresolved-link", "warning", "m")
    error = Finding("A.md", 1, 1, "alias-link", "error", "m")
    info = Finding("A.md", 1, 1, "legacy-property", "info", "m")
    assert exit_code([]) == 0
    assert exit_code([warning, info]) == 0
    assert exit_code([warning, error]) == 1
    assert exit_code([info], strict=True) == 1
    assert exit_code([], strict=True) == 0


def test_unknown_rule_names_warn() -> None:
    assert unknown_rule_warnings(["alias-link", "unresolved-links", "zzz"]) == [
        "unknown rule 'unresolved-links' in [rules] (did you mean 'unresolved-link'?)",
        "unknown rule 'zzz' in [rules]",
    ]


def test_output_is_deterministic(tmp_path: Path) -> None:
    write_vault(tmp_path, {**BROKEN, "C.md": "[[Nowhere]] [[x]] [[y]]\n"})
    assert lint(tmp_path) == lint(tmp_path)


def test_linting_files_resolves_only_their_links(tmp_path: Path, monkeypatch) -> None:
    from vaultnet.lint.engine import lint_vault
    from vaultnet.vault import Vault, load_vault

    files = {
        "Резюме.md": "# Резюме\n",
        "A.md": "[[Резюме]] [[Резюмэ]] [[Резюме#Нет]]\n",
        "Папка/B.md": "[[Пропало]] [[A]]\n",
        "C.md": "[[Нету]] [[B]] [[A]] [[Резюме]]\n",
    }
    write_vault(tmp_path, files)
    whole = lint_vault(load_vault(tmp_path))
    calls: list[str] = []
    original = Vault.resolve

    def counting(self, link, source):
        calls.append(source)
        return original(self, link, source)

    monkeypatch.setattr(Vault, "resolve", counting)
    only = lint_vault(load_vault(tmp_path), only={"A.md", "Папка/"})
    assert sorted(calls) == ["A.md"] * 3 + ["Папка/B.md"] * 2
    assert only == [f for f in whole if f.path in ("A.md", "Папка/B.md")]
    assert brief(only) == [
        ("A.md", 1, 12, "unresolved-link", "error"),
        ("A.md", 1, 23, "missing-heading", "warning"),
        ("Папка/B.md", 1, 1, "unresolved-link", "warning"),
    ]


def test_selector_matches_files_and_folders() -> None:
    from vaultnet.lint.engine import selector

    assert selector(None)("any/path.md")
    files = selector(["a.md", "Люди/b.md"])
    assert files("a.md") and files("Люди/b.md") and not files("Люди/c.md")
    mixed = selector({"a.md", "Люди/"})
    assert mixed("a.md") and mixed("Люди/c.md") and mixed("Люди/x/y.md")
    assert not mixed("Людиx/c.md") and not mixed("b.md")
    assert selector(["Люди/"])("Люди/c.md") and not selector(["Люди/"])("c.md")
