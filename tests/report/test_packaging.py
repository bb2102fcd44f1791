"""The wheel must carry every sub-package and the report templates of both languages."""
from __future__ import annotations

import sys
from pathlib import Path

from vaultnet.report.render import packaged_templates

ROOT = Path(__file__).resolve().parents[2]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
                 ["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts)
               for p in (ROOT / "vaultnet").rglob("__init__.py")}
    missing = sorted(on_disk - listed)
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"
    assert "vaultnet.templates" in listed


def test_both_languages_have_the_same_templates() -> None:
    folder = packaged_templates()
    names = {lang: sorted(e.name for e in folder.joinpath(lang).iterdir() if e.name.endswith(".j2"))
             for lang in ("ru", "en")}
    assert names["ru"] == names["en"]
    assert {"goal-coverage.md.j2", "goal.md.j2", "reach-out.md.j2",
            "network-health.md.j2"} <= set(names["ru"])
