"""Map offsets inside an inline token's ``content`` back to (line, col) in the source.

markdown-it hands inline rules the block's text with container prefixes (`> `, list
indents) and the paragraph's outer whitespace removed, and a table cell with `\\|`
unescaped. Inline tokens have no position, only their block's ``map``. Two facts make the
mapping exact and cheap (it runs only for tokens that produced a link, tag or directive):

* paragraph and heading content line *i* is source line ``map[0] + i`` with a prefix cut
  off (a partially consumed tab may come back as spaces), so after dropping leading
  blanks it is a suffix of that source line, or of its right-stripped form (last line);
* a table cell's content is the trimmed cell with each `\\|` turned into `|`, and the
  row's cells appear left to right, so they can be found one after the other.
"""
from __future__ import annotations

from bisect import bisect_right


class InlineLocator:
    """Positions for a paragraph or heading inline token (1-based line and column)."""

    def __init__(self, content: str, first_line: int, lines: list[str]) -> None:
        self._content = content
        # markdown-it-py strips paragraph content with Python's str.strip(), which also drops
        # leading lines made only of Unicode spaces (NBSP, U+3000) that CommonMark keeps as
        # text: the content then starts on a later source line than the block's map says.
        while first_line + 1 < len(lines) and _only_spaces(lines[first_line]):
            first_line += 1
        self._first_line = first_line  # 0-based index of the token's first source line
        self._lines = lines
        self._starts = [0]
        found = content.find("\n")
        while found >= 0:
            self._starts.append(found + 1)
            found = content.find("\n", found + 1)
        self._shift: dict[int, int] = {}

    def locate(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return self._first_line + index + 1, offset - self._starts[index] + self._shift_of(index) + 1

    def raw(self, start: int, end: int) -> str:
        """The source text of content[start:end], cut at the end of its first line."""
        line, col = self.locate(start)
        source = self._lines[line - 1] if line - 1 < len(self._lines) else ""
        text = self._content[start:end]
        return source[col - 1 : col - 1 + len(text.split("\n", 1)[0])]

    def _shift_of(self, index: int) -> int:
        """Source column (0-based) minus content column, for one content line."""
        if index not in self._shift:
            start = self._starts[index]
            stop = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else None
            piece = self._content[start:stop]
            tail = piece.lstrip(" \t")
            line_no = self._first_line + index
            source = self._lines[line_no] if line_no < len(self._lines) else ""
            if source.endswith(tail):
                at = len(source) - len(tail)
            else:
                at = max(source.rfind(tail), 0)
            self._shift[index] = at - (len(piece) - len(tail))
        return self._shift[index]


def _only_spaces(line: str) -> bool:
    """A source line that str.strip() erases once its container prefix (`>`) is cut."""
    return not line.lstrip(" \t>").strip()


class RowLocator:
    """Positions for the cells of one table row (all cells share one source line)."""

    def __init__(self, cells: list[str], line: int, lines: list[str]) -> None:
        self._line = line  # 0-based
        source = lines[line] if line < len(lines) else ""
        self._source = source
        self._cell_start: list[int] = []
        cursor = 0
        for cell in cells:
            at = source.find(cell.replace("|", "\\|"), cursor) if cell else -1
            self._cell_start.append(max(at, 0))
            if at >= 0:
                cursor = at + len(cell) + cell.count("|")
        self._cells = cells

    def locate(self, cell: int, offset: int) -> tuple[int, int]:
        escaped_pipes = self._cells[cell].count("|", 0, offset)
        return self._line + 1, self._cell_start[cell] + offset + escaped_pipes + 1

    def raw(self, cell: int, start: int, end: int) -> str:
        first = self.locate(cell, start)[1] - 1
        last = self.locate(cell, end)[1] - 1
        return self._source[first:last]


class CellLocator:
    """Adapts one cell of a ``RowLocator`` to the ``InlineLocator`` interface."""

    def __init__(self, row: RowLocator, cell: int) -> None:
        self._row = row
        self._cell = cell

    def locate(self, offset: int) -> tuple[int, int]:
        return self._row.locate(self._cell, offset)

    def raw(self, start: int, end: int) -> str:
        return self._row.raw(self._cell, start, end)
