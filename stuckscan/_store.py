"""Keeping many incidents without holding them all: compressed, on disk.

A log with tens of thousands of incidents used to hold every closed incident record (about
36 KB each with its evidence and prelude), then every public :class:`~stuckscan.model.Incident`
(about 11 KB), then the whole JSON document (about 80 KB an incident while it was built).
Two stores bound that:

* :class:`BlobSpill` keeps pickled, compressed objects in an unnamed temporary file (or in
  memory when no temporary file can be made), addressed by the ticket :meth:`put` returns.
  The correlator moves closed incident records there once nothing can reopen them.
* :class:`IncidentStore` is the list of an analysis's incidents, each pickled, compressed
  (about 1.8 KB) and written to a :class:`BlobSpill` of its own; only the tickets (two
  machine integers an incident) and the session keys stay in memory, and iterating it reads
  each incident back afresh, in order. It is a ``list`` so every reader of
  :attr:`Analysis.incidents <stuckscan.model.Analysis.incidents>` works unchanged; a
  reader that keeps what it reads (``list(store)``) holds them all again, so the paths
  that must stay small iterate it (``scan --format json`` streams its document). :meth:`IncidentStore.transformed` gives a view that applies a function to each
  incident as it is read (redaction, one incident at a time).

Neither changes a result: a stored object reads back equal to what was stored.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_PROTOCOL = pickle.HIGHEST_PROTOCOL
_LEVEL = 1  # zlib: the fastest level already gives 3x on incidents


def pack(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, _PROTOCOL), _LEVEL)


def unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


class BlobSpill:
    """Objects written out of memory, read back by ticket ``(offset, length)``."""

    def __init__(self, directory: str | None = None) -> None:
        self._directory = directory
        self._file: Any = None
        self._memory: list[bytes] | None = None  # when no temporary file could be made
        self._end = 0

    def put(self, value: object) -> tuple[int, int]:
        blob = pack(value)
        if self._file is None and self._memory is None:
            import tempfile  # only a log with very many incidents gets here

            try:
                self._file = tempfile.TemporaryFile(prefix="stuckscan-", dir=self._directory)
            except OSError:
                self._memory = []
        if self._memory is not None:
            self._memory.append(blob)
            return len(self._memory) - 1, -1
        offset = self._end
        self._file.seek(offset)
        self._file.write(blob)
        self._end += len(blob)
        return offset, len(blob)

    def get(self, ticket: tuple[int, int]) -> Any:
        offset, length = ticket
        if length < 0:
            assert self._memory is not None
            return unpack(self._memory[offset])
        self._file.seek(offset)
        return unpack(self._file.read(length))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._memory = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


class IncidentStore(list):  # type: ignore[type-arg]
    """A list of incidents kept on disk, compressed; each read gives a fresh copy.

    The ``list`` storage itself stays empty: every list operation a reader may use goes
    through :meth:`__iter__`, :meth:`__len__` and :meth:`__getitem__`; it is appended to
    while the analysis is built and not changed afterwards. The spill file is made on the
    first append (a store that stays empty makes none).
    """

    __slots__ = ("_spill", "_offsets", "_lengths", "_keys")

    def __init__(self, items: Iterable[Any] = (), directory: str | None = None) -> None:
        super().__init__()
        self._spill = BlobSpill(directory)
        self._offsets = array("q")  # an incident's ticket: its offset and length in the spill
        self._lengths = array("q")
        self._keys: list[str | None] = []
        for item in items:
            self.append(item)

    def append(self, item: Any) -> None:
        offset, length = self._spill.put(item)
        self._offsets.append(offset)
        self._lengths.append(length)
        self._keys.append(item.session_key)

    def _read(self, index: int) -> Any:
        return self._spill.get((self._offsets[index], self._lengths[index]))

    def session_keys(self) -> list[str | None]:
        """Each incident's ``session_key``, without reading the incidents (redaction learns them first)."""
        return list(self._keys)

    def extend(self, items: Iterable[Any]) -> None:
        for item in items:
            self.append(item)

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self._offsets)):
            yield self._read(index)

    def __reversed__(self) -> Iterator[Any]:
        for index in reversed(range(len(self._offsets))):
            yield self._read(index)

    def __len__(self) -> int:
        return len(self._offsets)

    def __bool__(self) -> bool:
        return bool(self._offsets)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._read(position) for position in range(len(self._offsets))[index]]
        return self._read(range(len(self._offsets))[index])  # negative indexes, IndexError as a list gives

    def __contains__(self, item: object) -> bool:
        return any(item == value for value in self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: Iterable[Any]) -> list[Any]:  # type: ignore[override]
        return [*self, *other]

    def __repr__(self) -> str:
        return f"IncidentStore({len(self)} incidents)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (IncidentStore, (list(self),))

    def transformed(self, function: Callable[[Any], Any]) -> TransformedIncidents:
        """A view whose items are ``function(item)``, computed as each is read."""
        return TransformedIncidents(self, function)


class TransformedIncidents(IncidentStore):
    """:meth:`IncidentStore.transformed`: a store read through a function."""

    __slots__ = ("_source", "_function")

    def __init__(self, source: IncidentStore, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self._source = source
        self._function = function

    def append(self, item: Any) -> None:
        raise TypeError("a transformed view cannot be appended to")

    def session_keys(self) -> list[str | None]:
        return [item.session_key for item in self]

    def __iter__(self) -> Iterator[Any]:
        function = self._function
        for item in self._source:
            yield function(item)

    def __reversed__(self) -> Iterator[Any]:
        function = self._function
        for item in reversed(self._source):
            yield function(item)

    def __len__(self) -> int:
        return len(self._source)

    def __bool__(self) -> bool:
        return bool(self._source)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._function(item) for item in self._source[index]]
        return self._function(self._source[index])

    def __repr__(self) -> str:
        return f"TransformedIncidents({len(self)} incidents)"
