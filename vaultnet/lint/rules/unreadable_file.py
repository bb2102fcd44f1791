"""A file vaultnet could not read: not UTF-8, binary, too large, or not readable at all.

The file is skipped and named, and the run goes on; its links are not known, so links to
it still resolve but links from it are not checked. **Error.** The size limit is
`max_file_bytes` in the configuration.

PASS: a UTF-8 note.

FAIL: a note saved as Windows-1251, or a `.md` file that is really a binary.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "unreadable-file"
DEFAULT_SEVERITY = "error"


def check(context: LintContext) -> Iterator[Hit]:
    return context.problems_of(NAME)
