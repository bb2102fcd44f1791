"""Templates are safe (issue 6): user text never runs as a template or turns into syntax in a
report, every link a report writes resolves, and a broken user template stops the run cleanly.

The hostile vault puts each token below into note names, aliases, goal headings, sub-goals,
tasks, `status::` fields, property values (company, role) and interaction note names; see
networking-model.md §4 for how goals, people and interactions are recognised.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from hardkit import Cli, findings
from vaultnet.parse import parse_note
from vaultnet.report.filters import cell, md_text

TODAY = "2026-11-28"
TOKENS = ["{{ 7*7 }}", "{% if true %}x{% endif %}", "|", "]]", "[[", "<script>", "<b>",
          "**bold**", "`", "$x$", "%%", "#tag", "^id"]
# The words that wrap every token, so a rendered token ("49", "x") would be found between them.
PREFIXES = ["Goal", "Sub", "Task", "Done", "St", "Co", "Role", "Alias", "Meet", "встреча"]
REPORTS = "vaultnet"  # Config.report_folder's default


def heading_key(text: str) -> str:
    """The heading as a link may spell it (R19): ASCII punctuation to spaces, lower case.

    Links written this way reach every goal heading, whatever characters it holds.
    """
    text = re.sub(r"[!\"#$%&()*+,./:;<=>?@\[\\\]^`{|}~]", " ", text)
    return " ".join(text.split()).lower()


def hostile_vault(root: Path) -> Path:
    goals = ["---", "tags: [goals]", "---", "## Основные цели"]
    for n, token in enumerate(TOKENS, start=1):
        goals += [f"### {n}. Goal {token} end", f"- Sub {token} end", f"- [ ] Task {token} end",
                  f"- [x] Done {token} end", f"status:: St {token} end", ""]
    (root / "Цели.md").write_text("\n".join(goals), "utf-8")
    people, meetings = root / "Люди", root / "Встречи"
    people.mkdir()
    meetings.mkdir()
    # A person every hostile one knows and meets: gives circles, brokers and linked rows.
    (people / "Plain Person.md").write_text(
        "---\ntype: person\ncompany: Plain Co\ncadence: 10\n---\n### 2026-11-01 hi\n", "utf-8")
    for n, token in enumerate(TOKENS, start=1):
        goal_link = f"[[Цели#{heading_key(f'{n}. Goal {token} end')}]]"
        properties = {"type": "person", "aliases": [f"Alias {token} end"],
                      "company": f"Co {token} end", "role": f"Role {token} end",
                      "cadence": 10, "goals": [goal_link], "knows": ["[[Plain Person]]"]}
        frontmatter = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n"
                              for k, v in properties.items())  # JSON is YAML: every value quoted
        (people / f"P{n} {token} end.md").write_text(
            f"---\n{frontmatter}---\n### 2026-11-{1 + n % 9:02d} встреча {token} end\n"
            f"- [x] позвонить [[Plain Person]]\n### 2024-0{1 + n % 9}-01 old {token} end\n", "utf-8")
        (meetings / f"2026-10-{10 + n} Meet {token} end.md").write_text(
            f"---\ntype: interaction\ndate: 2026-10-{10 + n}\nwith: [\"[[Plain Person]]\"]\n"
            f"goals: [\"{goal_link}\"]\n---\nText {token} end\n", "utf-8")
    return root


def cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row))


def body_of(text: str) -> str:
    return text.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One hostile vault per language, reported once (rendering the 13 goals takes a while)."""
    from vaultnet.cli import main

    vaults = {}
    for lang in ("ru", "en"):
        vault = hostile_vault(tmp_path_factory.mktemp(f"hostile-{lang}"))
        assert main(["-q", "report", str(vault), "--today", TODAY, "--lang", lang]) == 0
        vaults[lang] = vault
    return vaults


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_user_text_is_never_evaluated(lang: str, reports: dict[str, Path]) -> None:
    files = sorted((reports[lang] / REPORTS).glob("*.md"))
    assert len(files) == 3 + len(TOKENS)
    everything = "\n".join(path.read_text("utf-8") for path in files)
    for prefix in PREFIXES:
        # `{{ 7*7 }}` rendered would read "49", `{% if true %}x{% endif %}` would read "x".
        for rendered in (f"{prefix} 49 end", f"{prefix} x end"):
            assert rendered.lower() not in everything.lower(), rendered
    coverage = next(p for p in files if p.name in ("Покрытие целей.md", "Goal coverage.md"))
    text = coverage.read_text("utf-8")
    for token in TOKENS:
        # Each goal title is shown: escaped as text, or verbatim as a link's display text.
        title = f"Goal {token} end"
        shown = (md_text(title), f"|{title}]]", f"\\|{cell(title)}]]")  # text, alias, in a table
        assert any(form in text for form in shown), title
        assert md_text(f"Sub {token} end") in text, token


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_tables_keep_their_columns(lang: str, reports: dict[str, Path]) -> None:
    for path in sorted((reports[lang] / REPORTS).glob("*.md")):
        width = None
        for line in body_of(path.read_text("utf-8")).splitlines():
            if line.startswith("|"):
                width = cells(line) if width is None else width
                assert cells(line) == width, (path.name, line)
            else:
                width = None


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_links_are_exactly_links_to_the_vault(lang: str, reports: dict[str, Path]) -> None:
    """Re-parsed, a report holds only links to vault notes (or their headings) and no user tag."""
    vault = reports[lang]
    names = {p.relative_to(vault).as_posix()[:-3] for p in vault.rglob("*.md")}
    stems = {name.rsplit("/", 1)[-1] for name in names}
    for path in sorted((vault / REPORTS).glob("*.md")):
        record = parse_note(f"{REPORTS}/{path.name}", path.read_bytes())
        # `#tag` in a name or heading stays text: the report's only tag is its own.
        assert [t.name for t in record.tags] == ["#vaultnet/report"], path.name
        assert record.problems == [], path.name
        for link in record.links:
            assert link.target in names or link.target in stems, (path.name, link)
            assert link.block is None, (path.name, link)  # the hostile goals have no block ids
            if link.heading is not None:
                assert link.target == "Цели", (path.name, link)
        assert "[[" not in re.sub(r"\[\[[^\]]*\]\]", "", body_of(path.read_text("utf-8"))
                                  ).replace("\\[\\[", ""), path.name


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_report_link_resolves(lang: str, reports: dict[str, Path], tmp_path: Path,
                                    cli: Cli) -> None:
    """`lint` finds nothing in the reports once they are linted like the user's own notes.

    The linter silences findings in generated notes (they are not the user's to fix), so the
    copy drops the `vaultnet: generated` marker; a planted broken link proves the check bites.
    """
    vault = tmp_path / "vault"
    shutil.copytree(reports[lang], vault)
    for path in (vault / REPORTS).glob("*.md"):
        text = path.read_text("utf-8")
        assert "\nvaultnet: generated\n" in text
        path.write_text(text.replace("\nvaultnet: generated\n", "\nvaultnet: checked\n"), "utf-8")
    run = cli("lint", str(vault), "--format", "json")
    assert [f for f in findings(run) if f[0].startswith(f"{REPORTS}/")] == []
    assert run.code == 0, run.out
    links = cli("links", str(vault), "--format", "json").json()
    written = [link for link in links if link["source"].startswith(f"{REPORTS}/")]
    assert written and all(link["resolved"] for link in written)
    planted = next(iter(sorted((vault / REPORTS).glob("*.md"))))
    planted.write_text(planted.read_text("utf-8") + "\n[[Nope]] [[Цели#Nothing]]\n", "utf-8")
    rules = {f[3] for f in findings(cli("lint", str(vault), "--format", "json"))
             if f[0].startswith(f"{REPORTS}/")}
    assert rules == {"unresolved-link", "missing-heading"}


# --- a broken user template --------------------------------------------------------------------

SIMPLE = {
    "Цели.md": "---\ntags: [goals]\n---\n## Основные цели\n### 1. Рост\n- [ ] задача\n",
    "Люди/Маша.md": '---\ntype: person\ncadence: 10\ngoals: ["[[Цели#1. Рост]]"]\n---\n'
                   "### 2026-11-01 кофе\n",
}
BROKEN = {
    # (template, text, line named in the message)
    "syntax": ("goal.md.j2", "%% vaultnet:begin:summary %%\nok\n{% for x in %}\n", 3),
    "undefined": ("goal-coverage.md.j2", "%% vaultnet:begin:summary %%\n\n{{ nobody.name }}\n", 3),
    # The last template rendered: the others rendered fine, and must still not be written.
    "runtime": ("network-health.md.j2", "a\n{{ 1 // 0 }}\n", 2),
    "unclosed-block": ("reach-out.md.j2", "a\nb\n{% if true %}\nc\n", 4),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_user_template_stops_the_run_cleanly(case: str, lang: str, tmp_path: Path,
                                                    cli: Cli) -> None:
    name, text, line = BROKEN[case]
    for path, content in SIMPLE.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, "utf-8")
    first = cli("report", str(tmp_path), "--today", TODAY, "--lang", lang)
    assert first.code == 0, first.err
    before = snapshot(tmp_path / REPORTS)
    assert len(before) == 4
    user = tmp_path / ".vaultnet" / "templates" / lang
    user.mkdir(parents=True)
    (user / name).write_text(text, "utf-8")
    # A later day would change the `generated` date of every report, if anything were written.
    run = cli("report", str(tmp_path), "--today", "2026-12-01", "--lang", lang)
    assert run.code == 2  # contracts.md: a configuration error the user can fix
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert f".vaultnet/templates/{lang}/{name}:{line}: " in lines[0], lines[0]
    assert snapshot(tmp_path / REPORTS) == before  # nothing written, no temporary file left
    # Without any report yet, the folder is not even created.
    shutil.rmtree(tmp_path / REPORTS)
    assert cli("report", str(tmp_path), "--today", TODAY, "--lang", lang).code == 2
    assert not (tmp_path / REPORTS).exists()


@pytest.mark.parametrize("frontmatter", [
    "vaultnet: generated\ngenerated: 2023-02-30\n",  # PyYAML raises ValueError, not YAMLError
    "vaultnet: generated\na: " + "[" * 5_000 + "]" * 5_000 + "\n",  # RecursionError
])
def test_unreadable_report_file_is_refused_in_one_line(frontmatter: str, tmp_path: Path,
                                                      cli: Cli) -> None:
    for path, content in SIMPLE.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, "utf-8")
    (tmp_path / REPORTS).mkdir()
    squatter = tmp_path / REPORTS / "Reach-out.md"
    squatter.write_text(f"---\n{frontmatter}---\nmine\n", "utf-8")
    run = cli("report", str(tmp_path), "--today", TODAY, "--lang", "en")
    assert run.code == 1
    assert run.err.splitlines() == [
        "error: vaultnet/Reach-out.md: refused, it exists and is not a vaultnet report "
        "(no `vaultnet: generated`); left untouched"]
    assert squatter.read_text("utf-8") == f"---\n{frontmatter}---\nmine\n"
