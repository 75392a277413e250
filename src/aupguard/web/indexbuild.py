"""Build the category index file that `aupguard.web.index.Index` maps (`lists compile`).

Kept apart from the lookup side because it needs numpy (sorting and merging hundreds of
thousands of hashes at once), and a serving process should not pay numpy's start-up
time and ~16 MB of memory to read the result. See `aupguard.web.index` for the layout.

Each sorted key array gets a bucket table: entry i is the first row whose hash is at
least i << (64 - bits), so a lookup bisects only the few rows of one bucket.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aupguard.errors import AupguardError
from aupguard.web.index import (
    ARRAY_TYPES,
    BUCKETS,
    COUNCIL,
    FORMAT_VERSION,
    MAGIC,
    MAX_CATEGORIES,
    CompileStats,
    data_start,
    key_hash,
)
from aupguard.web.lists import ListError, discover, file_sha256, iter_entries

U64 = npt.NDArray[np.uint64]


def _hashes(keys: Sequence[str]) -> U64:
    return np.frombuffer(b"".join(key_hash(k) for k in keys), dtype="<u8").astype(np.uint64)


def _buckets(keys: U64) -> tuple[int, U64]:
    """(bits, table) for a sorted key array: about eight keys per bucket."""
    bits = min(20, max(1, (len(keys) // 8).bit_length()))
    bounds = np.arange(1 << bits, dtype=np.uint64) << np.uint64(64 - bits)
    table = np.append(np.searchsorted(keys, bounds, side="left"), len(keys))
    return bits, table.astype(np.uint64)


@dataclass
class _Source:
    """One folder given to `compile_lists`; council lists are strict."""

    path: Path
    strict: bool
    force_name: str | None = None


class _Builder:
    def __init__(self, stats: CompileStats) -> None:
        self.stats = stats
        self.names: list[str] = []
        self.keys: dict[str, list[str]] = {"domains": [], "urls": []}
        self.cats: dict[str, list[int]] = {"domains": [], "urls": []}
        self.expressions: list[tuple[int, str]] = []
        self.sources: list[dict[str, Any]] = []

    def category(self, name: str) -> int:
        if name not in self.names:
            if len(self.names) >= MAX_CATEGORIES:
                raise AupguardError(f"more than {MAX_CATEGORIES} categories")
            self.names.append(name)
            self.stats.categories[name] = {"domains": 0, "urls": 0, "expressions": 0}
        return self.names.index(name)

    def add_source(self, src: _Source) -> None:
        cats, aliases = discover(src.path)
        files: dict[str, str] = {}
        for folder_name, folder in cats:
            name = src.force_name or COUNCIL.get(folder_name, folder_name)
            strict = src.strict or name in COUNCIL.values()
            bit = self.category(name)
            for kind in ("domains", "urls", "expressions"):
                path = folder / kind
                if path.is_file():
                    files[str(path.relative_to(src.path))] = file_sha256(path)
                    self._read(path, kind, bit, name, strict)
        for alias, target in aliases.items():
            if alias not in self.names:
                self.stats.aliases[alias] = target
        source: dict[str, Any] = {"path": str(src.path.resolve()), "files": files}
        if src.force_name:  # given with --allow/--block: `web rpz` re-reads it as such
            source["category"] = src.force_name
        self.sources.append(source)

    def _read(self, path: Path, kind: str, bit: int, name: str, strict: bool) -> None:
        count = 0
        for item in iter_entries(path, kind):
            if isinstance(item, ListError):
                if strict:
                    raise item
                self.stats.skipped += 1
                if len(self.stats.skipped_examples) < 20:
                    self.stats.skipped_examples.append(str(item))
                continue
            count += 1
            if kind == "expressions":
                self.expressions.append((bit, item.value))
            else:
                self.keys[kind].append(item.value)
                self.cats[kind].append(bit)
        self.stats.categories[name][kind] += count


def _merge(keys: list[str], cats: list[int], words: int) -> tuple[U64, U64]:
    """Sorted unique hashes and, per hash, the OR of its categories' bits."""
    if not keys:
        return np.zeros(0, np.uint64), np.zeros((0, words), np.uint64)
    h = _hashes(keys)
    c = np.asarray(cats, dtype=np.int64)
    order = np.argsort(h, kind="stable")
    h, c = h[order], c[order]
    bits = np.zeros((len(h), words), np.uint64)
    bits[np.arange(len(h)), c // 64] = np.left_shift(np.uint64(1), (c % 64).astype(np.uint64))
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    return h[starts], np.bitwise_or.reduceat(bits, starts, axis=0)


def compile_lists(
    dirs: Sequence[Path | str],
    out_path: Path | str,
    *,
    allow: Sequence[Path | str] = (),
    block: Sequence[Path | str] = (),
    strict: bool = False,
) -> CompileStats:
    """Compile UT1 roots or category folders, plus council allow/block folders, into one
    index file (written atomically, so a running filter keeps its old map until reload).

    A category folder named `allow` or `block`, or one given with `allow=`/`block=`,
    becomes `council-allow`/`council-block` and any bad line in it raises `ListError`.
    Bad lines elsewhere are skipped and counted unless `strict`. Folders that share a
    category name are merged.
    """
    start = time.perf_counter()
    out = Path(out_path)
    stats = CompileStats(out_path=out)
    b = _Builder(stats)
    sources = [_Source(Path(d), strict) for d in dirs]
    sources += [_Source(Path(d), True, "council-allow") for d in allow]
    sources += [_Source(Path(d), True, "council-block") for d in block]
    if not sources:
        raise AupguardError("no list folders given")
    for src in sources:
        b.add_source(src)
    words = max(1, -(-len(b.names) // 64))
    dk, dm = _merge(b.keys["domains"], b.cats["domains"], words)
    uk, um = _merge(b.keys["urls"], b.cats["urls"], words)
    url_hosts = np.unique(_hashes(sorted({_entry_host(k) for k in b.keys["urls"]})))
    stats.domain_keys, stats.url_keys = len(dk), len(uk)
    # Few distinct category sets (a few hundred for UT1): each key row holds the number
    # of its set in one shared table instead of the set itself.
    masks, ids = np.unique(np.concatenate([dm, um]), axis=0, return_inverse=True)
    if len(masks) > 0xFFFF:
        raise AupguardError("more than 65,535 distinct category combinations")
    ids = ids.reshape(-1).astype(np.uint16)
    arrays: dict[str, npt.NDArray[Any]] = {
        "domain_keys": dk, "domain_ids": ids[: len(dk)], "url_keys": uk,
        "url_ids": ids[len(dk) :], "url_hosts": url_hosts, "masks": masks,
    }
    buckets: dict[str, int] = {}
    for keys_name, table_name in BUCKETS.items():
        buckets[keys_name], arrays[table_name] = _buckets(arrays[keys_name])
    layout: dict[str, list[int]] = {}
    offset = 0
    for name, arr in arrays.items():
        arr = arrays[name] = np.ascontiguousarray(arr, dtype=ARRAY_TYPES[name])
        layout[name] = [offset, arr.nbytes]
        offset += -(-arr.nbytes // 8) * 8  # every array starts 8-byte aligned
    header = {
        "format": FORMAT_VERSION,
        "hash": "blake2b-64-le",
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "categories": b.names,
        "words": words,
        "aliases": stats.aliases,
        "counts": stats.categories,
        "skipped": stats.skipped,
        "expressions": [[bit, expr] for bit, expr in b.expressions],
        "arrays": layout,
        "buckets": buckets,
        "sources": b.sources,
    }
    _write(out, json.dumps(header, sort_keys=True).encode("utf-8"), list(arrays.values()))
    stats.size_bytes = out.stat().st_size
    stats.seconds = time.perf_counter() - start
    return stats


def _entry_host(key: str) -> str:
    """The host part of a `urls` entry key ("example.com/shop" -> "example.com")."""
    cut = len(key)
    for sep in "/?":
        i = key.find(sep)
        if i != -1:
            cut = min(cut, i)
    return key[:cut]


def _write(out: Path, header: bytes, arrays: list[npt.NDArray[Any]]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(MAGIC + len(header).to_bytes(8, "little") + header)
            f.write(b"\0" * (data_start(len(header)) - f.tell()))
            for arr in arrays:
                data = arr.tobytes()
                f.write(data + b"\0" * (-len(data) % 8))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
