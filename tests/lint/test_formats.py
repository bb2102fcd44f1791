"""Each format's exact output for one small vault, against checked-in files in expected/.

Regenerate after an intended change with `VAULTNET_UPDATE_EXPECTED=1 pytest tests/lint`, and
read the diff before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lintkit import write_vault

from vaultnet.lint.engine import Finding
from vaultnet.lint.formats import (
    escape_data,
    escape_property,
    github,
    json_format,
    sarif_log,
    text,
)

EXPECTED = Path(__file__).parent / "expected"
SUBSET_SCHEMA = Path(__file__).parent / "sarif-2.1.0-subset.schema.json"

# A note name with `:` `,` and `%`, Cyrillic, a table, a property, an alias and an attachment.
SMALL_VAULT = {
    "Встреча: 10%, итоги.md": (
        "См. [[Резюмэ]] и [[Цели нетворкинга]].\n"
        "![[фото.png]]\n"
        "\n"
        "| кто | что |\n"
        "| --- | --- |\n"
        "| я | [[Цели нетворкинга]] |\n"
    ),
    "Резюме.md": "# Опыт\nТекст ^opyt\n",
    "Цели и задачи нетворкинга.md": "---\naliases: [Цели нетворкинга]\n---\n",
    "Люди/Анна.md": "---\ncompany: [[Acme]]\nalias: [Аня]\n---\n[[Резюме#Навыки]] [[Собеседования]]\n",
}


@pytest.fixture
def small_vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", SMALL_VAULT)


def check_expected(name: str, output: str) -> None:
    path = EXPECTED / name
    if os.environ.get("VAULTNET_UPDATE_EXPECTED"):
        path.write_text(output, encoding="utf-8", newline="")
    assert output == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_exact_output(
    fmt: str, small_vault: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, err = run("lint", small_vault, "--format", fmt)
    assert code == 1
    check_expected(f"small.{fmt if fmt != 'text' else 'txt'}", out)
    if fmt == "text":
        assert err == "5 errors, 3 warnings\n"
    else:
        assert err == ""


def test_sarif_validates_against_the_sarif_schema(
    small_vault: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    _, out, _ = run("lint", small_vault, "--format", "sarif")
    log = json.loads(out)
    schema = json.loads(SUBSET_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_lists_every_rule_and_indexes_results() -> None:
    from vaultnet.lint.rules import RULES

    finding = Finding("a b/Заметка.md", 3, 5, "alias-link", "error", "m", "[[X|y]]", (3, 5, 10), 10)
    run = sarif_log([finding, finding])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(RULES)
    result = run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == "alias-link"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a%20b/%D0%97%D0%B0%D0%BC%D0%B5%D1%82%D0%BA%D0%B0.md"
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endColumn": 10}
    assert run["columnKind"] == "unicodeCodePoints"
    # Two identical findings still get two distinct, stable fingerprints.
    prints = [r["partialFingerprints"]["vaultnetFinding/v1"] for r in run["results"]]
    assert len(set(prints)) == 2
    assert prints == [r["partialFingerprints"]["vaultnetFinding/v1"]
                      for r in sarif_log([finding, finding])["runs"][0]["results"]]


def test_sarif_fingerprint_survives_moving_the_finding() -> None:
    before = Finding("A.md", 3, 5, "unresolved-link", "warning", "no note named 'X'")
    after = Finding("A.md", 9, 1, "unresolved-link", "warning", "no note named 'X'")
    fingerprint = [
        sarif_log([f])["runs"][0]["results"][0]["partialFingerprints"] for f in (before, after)
    ]
    assert fingerprint[0] == fingerprint[1]


def test_github_escaping() -> None:
    assert escape_data("50%\r\nnext: a,b") == "50%25%0D%0Anext: a,b"
    assert escape_property("Встреча: 10%, итоги.md") == "Встреча%3A 10%25%2C итоги.md"
    finding = Finding("a:b,c%.md", 2, 3, "unresolved-link", "info", "line one\nline: two, 100%")
    assert github([finding]) == (
        "::notice file=a%3Ab%2Cc%25.md,line=2,col=3,title=unresolved-link"
        "::line one%0Aline: two, 100%25\n"
    )


def test_text_keeps_one_finding_per_line() -> None:
    finding = Finding("A.md", 1, 2, "invalid-frontmatter", "error", "bad\nyaml")
    assert text([finding]) == "A.md:1:2: error invalid-frontmatter bad yaml\n"


# The official SARIF 2.1.0 JSON schema (rtm.5) is not committed: `.ci/run` takes it from the npm
# package @microsoft/jest-sarif, which ships it, into `.ci/schemas/`. Locally, run those lines of
# `.ci/run` once. In CI (CI=true) a missing schema is a failure, not a skip.
OFFICIAL_SCHEMA = Path(__file__).resolve().parents[2] / ".ci" / "schemas" / "sarif-2.1.0-rtm.5.json"


def test_sarif_validates_against_the_official_schema(
    small_vault: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    if not OFFICIAL_SCHEMA.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{OFFICIAL_SCHEMA} is missing: .ci/run should have fetched it")
        pytest.skip("official SARIF schema not fetched (see .ci/run)")
    schema = json.loads(OFFICIAL_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    _, out, _ = run("lint", small_vault, "--format", "sarif")
    log = json.loads(out)
    assert log["runs"][0]["results"], "the small vault has findings to validate"
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds(
    Finding, _TEXT, st.integers(0, 10**6), st.integers(0, 10**6), _TEXT, _TEXT, _TEXT,
    st.none() | _TEXT,
), max_size=4))
def test_json_is_byte_for_byte_what_json_dumps_writes(findings: list[Finding]) -> None:
    # The JSON format is written by hand for speed; it must not differ from json.dumps in any
    # byte (quotes, backslashes, control characters, non-ASCII, a fix or none).
    expected = json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
    assert json_format(findings) == expected
