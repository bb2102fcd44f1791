"""Records kept pickled until they are used, so a warm `lint FILE` unpickles a handful, not all.

The parse cache keeps each record as its own pickle next to the note's aliases (the one
vault-wide fact lint needs from every note). `Vault.notes` and `Vault.canvases` are
`LazyRecords`: a read-only mapping that unpickles a record on first access and keeps it.
Iterating over the values still gives every record, exactly as a plain dict would.
"""
from __future__ import annotations

import io
import pickle
from typing import Any, Callable, Generic, Iterator, Mapping, Sequence, TypeVar

__all__ = ["LazyRecords", "Stored", "dump_record"]

R = TypeVar("R")
_MISSING = object()


class Stored:
    """A record in its pickled form, with what lint reads from every note without loading it."""

    __slots__ = ("aliases", "blob", "is_note", "path")

    def __init__(self, path: str, is_note: bool, aliases: tuple[str, ...], blob: bytes) -> None:
        self.path = path
        self.is_note = is_note
        self.aliases = aliases
        self.blob = blob

    def load(self) -> Any:
        return pickle.loads(self.blob)


class LazyRecords(Mapping[str, R], Generic[R]):
    """Records by vault path; each is unpickled from its `Stored` form on first access."""

    __slots__ = ("_items",)

    def __init__(self, items: dict[str, R | Stored]) -> None:
        self._items = items

    def __getitem__(self, path: str) -> R:
        value = self._items[path]
        if type(value) is Stored:
            value = self._items[path] = value.load()
        return value  # type: ignore[return-value]

    def get(self, path: str, default: Any = None) -> Any:  # Mapping.get: 3 calls and a try
        value = self._items.get(path, _MISSING)
        if value is _MISSING:
            return default
        if type(value) is Stored:
            value = self._items[path] = value.load()
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def load_all(self) -> None:
        """Unpickle every record still stored (callers pause the cyclic GC around this)."""
        items = self._items
        for path, value in items.items():
            if type(value) is Stored:
                items[path] = value.load()

    def aliases_of(self, path: str) -> Sequence[str]:
        """A note's aliases, without unpickling it when it is still stored."""
        return self._items[path].aliases  # type: ignore[union-attr]

    def __repr__(self) -> str:  # never print 50,000 records in a traceback
        return f"<LazyRecords of {len(self._items)}>"


def dump_record(record: Any) -> bytes:
    """Pickle one record with dataclasses reduced to `Class(*fields)` (see `_DISPATCH`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(record)
    return buffer.getvalue()


_DISPATCH: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _dispatch_table() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """Reducers calling each record class with its field values.

    The default pickling of a frozen slotted dataclass restores it through
    `dataclasses._dataclass_setstate`, which looks its fields up again for every object: on a
    10,000-note vault (120,000 links) that alone took 4 s of a warm run. Calling the class
    with its field values is several times faster and gives an equal object.
    """
    if not _DISPATCH:
        from vaultnet import records

        for cls in (records.Link, records.Heading, records.Block, records.Tag, records.Problem,
                    records.Suppression, records.NoteRecord, records.CanvasRecord):
            _DISPATCH[cls] = _reducer(cls)
    return _DISPATCH


def _reducer(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    import dataclasses
    import operator

    names = [f.name for f in dataclasses.fields(cls)]
    # Every field is an __init__ argument, in order: cls(*values) rebuilds the object.
    assert all(f.init for f in dataclasses.fields(cls)), cls
    get = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))
