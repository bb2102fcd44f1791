"""Reports rendered with jinja2 and written safely into the vault (networking-model.md §6).

- `markers.py`: managed regions `%% vaultnet:begin:<id> %%` … `%% vaultnet:end:<id> %%`
  with a checksum, and `edited_regions(text)` for the linter;
- `writer.py`: marker-guarded, atomic writing into the report folder;
- `filters.py` / `render.py`: the jinja environment and the filters that keep user text safe;
- `lang.py`: the report language.
"""
from __future__ import annotations

from vaultnet.report.markers import edited_regions
from vaultnet.report.writer import FileOutcome, ReportFolderError, ReportNote, ReportResult

__all__ = ["FileOutcome", "ReportFolderError", "ReportNote", "ReportResult", "edited_regions"]
