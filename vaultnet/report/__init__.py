"""Reports rendered with jinja2 and written safely into the vault (networking-model.md §6).

    from vaultnet.report import write_reports
    result = write_reports(vault, model, today=today, lang="ru", dry_run=False)
    for outcome in result.files: print(outcome.status, outcome.path)

- `markers.py`: managed regions `%% vaultnet:begin:<id> %%` … `%% vaultnet:end:<id> %%`
  with a checksum, and `edited_regions(text)` for the linter;
- `writer.py`: marker-guarded, atomic writing into the report folder;
- `views.py`: what each report shows, as plain data; `build.py`: views → rendered notes;
- `filters.py` / `render.py`: the jinja environment and the filters that keep user text safe;
- `lang.py`: the report language.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from vaultnet.report.lang import choose_language, detect_language
from vaultnet.report.markers import edited_regions
from vaultnet.report.render import TemplateError
from vaultnet.report.writer import (
    FileOutcome,
    ReportFolderError,
    ReportNote,
    ReportResult,
    write_notes,
)

__all__ = [
    "FileOutcome",
    "ReportFolderError",
    "ReportNote",
    "ReportResult",
    "TemplateError",
    "choose_language",
    "detect_language",
    "edited_regions",
    "write_reports",
]


def write_reports(vault: Any, model: Any, *, today: date, lang: str,
                  dry_run: bool = False) -> ReportResult:
    """Render every report of `model` in `lang` and write them into the vault's report folder.

    `vault` needs `root` (the folder) and `files` or `notes` (vault paths, for link text); the
    report folder comes from the model's settings (`Config.report_folder`). Nothing is written
    when `dry_run`; the result lists what was (or would be) created, updated, left unchanged
    or refused.
    """
    from vaultnet.report.build import build_notes

    if today != model.today:
        raise ValueError(f"the model was built for {model.today}, not {today}")
    root = Path(vault.root)
    folder = model.settings.report_folder
    paths = list(getattr(vault, "files", None) or getattr(vault, "notes", {}))
    notes = build_notes(model, lang, vault_root=root, vault_paths=paths, folder=folder)
    return write_notes(root, folder, notes, today=today, dry_run=dry_run)
