"""`Recent`: a bounded map that keeps what was used lately, for the filter's caches.

Why not `functools.lru_cache` or an `OrderedDict`: both pay on every hit to move the
entry to the front, and both keep a linked-list node per entry, which is a third of
the memory a small entry costs. Here there are two plain dicts, a new generation and
an old one: a hit in the new one costs one dict lookup; a hit in the old one copies the
entry into the new one; when the new one is full it becomes the old one and the old one
is dropped. So whatever was used since the last turnover survives (like LRU), at most
`size` entries are held, and every step is one dict operation, safe under the GIL (a
lost race between threads only costs a recomputation).
"""

from __future__ import annotations

from typing import Generic, TypeVar

__all__ = ["Recent"]

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most `size` entries; `get` returns None for a key not held."""

    __slots__ = ("_half", "_new", "_old")

    def __init__(self, size: int) -> None:
        self._half = max(1, size // 2)
        self._new: dict[K, V] = {}
        self._old: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        value = self._new.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: K, value: V) -> None:
        new = self._new
        if len(new) >= self._half:
            self._old = new
            new = self._new = {}
        new[key] = value

    def __len__(self) -> int:
        """Entries held (one used in both generations counts twice)."""
        return len(self._new) + len(self._old)

    def clear(self) -> None:
        self._new, self._old = {}, {}
