"""The category index: every list compiled into one file that loads in milliseconds.

Why this shape: a Squid helper or DNS filter starts often and must answer at once, and
a council's server is small. So the index is a short JSON header followed by flat
arrays that are memory-mapped, not parsed: loading costs a few page faults however big
the lists are, and processes serving at the same time share the pages.

- Domains: sorted 64-bit BLAKE2b hashes of normalised hosts, with a parallel array of
  category bitmasks (one uint64 word per 64 categories). A lookup hashes the host and
  each parent ("a.b.example.com", "b.example.com", "example.com", "com") and finds them
  with one `searchsorted`, so a listed domain covers its subdomains but "notexample.com"
  never matches "example.com". IP literals are hosts with no parents.
- URLs: the same arrays for "host/path" prefixes cut at "/" (see `url_request_keys`).
- Expressions: kept as text in the header and compiled at load into one RE2 set, run
  once per URL in linear time whatever the list holds.

With 64-bit hashes the chance that any unlisted name collides with one of a million
listed ones is about one in 10^13 per lookup, far below the lists' own error rate.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sys
import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import re2

from aupguard.errors import AupguardError
from aupguard.web.lists import ListError, discover, file_sha256, iter_entries, re2_options
from aupguard.web.urls import is_ip, parse_url, url_request_keys

MAGIC = b"AUPXIDX\n"
FORMAT_VERSION = 1
ALIGN = 64
MAX_CATEGORIES = 1024  # 16 mask words; UT1 has about 70
COUNCIL = {"allow": "council-allow", "block": "council-block"}

U64 = npt.NDArray[np.uint64]


def default_index_path() -> Path:
    """Where `lists compile` writes and the `web` commands read by default:
    `$AUPGUARD_DATA_DIR/index.aupx`, else `$XDG_DATA_HOME/aupguard/index.aupx`, else
    `~/.local/share/aupguard/index.aupx`."""
    explicit = os.environ.get("AUPGUARD_DATA_DIR")
    if explicit:
        return Path(explicit) / "index.aupx"
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "aupguard" / "index.aupx"


def key_hash(key: str) -> bytes:
    """Eight bytes of BLAKE2b, read as a little-endian uint64 in the arrays."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


def _hashes(keys: Sequence[str]) -> U64:
    return np.frombuffer(b"".join(key_hash(k) for k in keys), dtype="<u8").astype(np.uint64)


def domain_keys(host: str) -> list[str]:
    """The host and each parent domain, longest first; an IP literal alone."""
    if is_ip(host):
        return [host]
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


@dataclass
class CompileStats:
    """What `compile_lists` read and wrote, for the command to print."""

    out_path: Path
    categories: dict[str, dict[str, int]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    skipped: int = 0
    skipped_examples: list[str] = field(default_factory=list)
    domain_keys: int = 0
    url_keys: int = 0
    size_bytes: int = 0
    seconds: float = 0.0


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
        self.sources.append({"path": str(src.path.resolve()), "files": files})

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
    stats.domain_keys, stats.url_keys = len(dk), len(uk)
    arrays = {"domain_keys": dk, "domain_masks": dm, "url_keys": uk, "url_masks": um}
    layout: dict[str, list[int]] = {}
    offset = 0
    for name, arr in arrays.items():
        layout[name] = [offset, int(arr.shape[0])]
        offset += arr.nbytes
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
        "sources": b.sources,
    }
    _write(out, json.dumps(header, sort_keys=True).encode("utf-8"), list(arrays.values()))
    stats.size_bytes = out.stat().st_size
    stats.seconds = time.perf_counter() - start
    return stats


def _data_start(header_len: int) -> int:
    return -(-(len(MAGIC) + 8 + header_len) // ALIGN) * ALIGN


def _write(out: Path, header: bytes, arrays: list[U64]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(MAGIC + len(header).to_bytes(8, "little") + header)
            f.write(b"\0" * (_data_start(len(header)) - f.tell()))
            for arr in arrays:
                f.write(np.ascontiguousarray(arr, dtype="<u8").tobytes())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


class Index:
    """A loaded, memory-mapped category index. Build one with `compile_lists`."""

    def __init__(self, path: Path, mm: mmap.mmap, header: dict[str, Any], base: int) -> None:
        self.path = path
        self.header = header
        self.names: list[str] = list(header["categories"])
        self.aliases: dict[str, str] = dict(header.get("aliases", {}))
        self._mm = mm
        words = int(header["words"])
        arrs: dict[str, U64] = {}
        for name, (off, rows) in header["arrays"].items():
            width = words if name.endswith("masks") else 1
            a = np.frombuffer(mm, dtype="<u8", count=rows * width, offset=base + off)
            arrs[name] = a.reshape(rows, words) if name.endswith("masks") else a
        self._dk, self._dm = arrs["domain_keys"], arrs["domain_masks"]
        self._uk, self._um = arrs["url_keys"], arrs["url_masks"]
        # The same arrays as memoryviews of native uint64 for the per-request path:
        # `bisect` over a memoryview runs in C with no numpy call overhead (a lookup
        # touches a handful of keys, where numpy's fixed cost per call dominates).
        self._words = words
        self._views: list[memoryview] = []
        if sys.byteorder == "little":
            for name in ("domain_keys", "domain_masks", "url_keys", "url_masks"):
                off, rows = header["arrays"][name]
                width = words if name.endswith("masks") else 1
                start = base + off
                self._views.append(memoryview(mm)[start : start + rows * width * 8].cast("Q"))
        self._set: Any = None
        self._set_bits: list[int] = []
        exprs = header.get("expressions", [])
        if exprs:
            self._set = re2.Set.SearchSet(re2_options())
            for bit, expr in exprs:
                self._set.Add(expr)
                self._set_bits.append(int(bit))
            self._set.Compile()

    @classmethod
    def load(cls, path: Path | str) -> Index:
        """Map the file read-only; `AupguardError` if it is missing or not an index."""
        p = Path(path)
        try:
            with p.open("rb") as f:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise AupguardError(f"cannot read index {p}: {exc}") from None
        if mm[: len(MAGIC)] != MAGIC:
            raise AupguardError(f"{p} is not an aupguard index (run 'aupguard lists compile')")
        hlen = int.from_bytes(mm[len(MAGIC) : len(MAGIC) + 8], "little")
        try:
            header = json.loads(mm[len(MAGIC) + 8 : len(MAGIC) + 8 + hlen])
        except ValueError:
            raise AupguardError(f"{p}: damaged index header") from None
        if header.get("format") != FORMAT_VERSION:
            raise AupguardError(f"{p}: index format {header.get('format')}; rebuild it")
        base = _data_start(hlen)
        end = base + sum(
            rows * 8 * (int(header["words"]) if n.endswith("masks") else 1)
            for n, (_, rows) in header["arrays"].items()
        )
        if len(mm) < end:
            raise AupguardError(f"{p}: index file is truncated; rebuild it")
        return cls(p, mm, header, base)

    def _mask(self, keys: U64, masks: U64, wanted: list[str]) -> int:
        if not len(keys) or not wanted:
            return 0
        h = _hashes(wanted)
        idx = np.searchsorted(keys, h)
        idx[idx >= len(keys)] = 0
        hit = idx[keys[idx] == h]
        if not len(hit):
            return 0
        row = np.bitwise_or.reduce(masks[hit], axis=0)
        return sum(int(w) << (64 * i) for i, w in enumerate(row))

    def _mask_view(self, keys: memoryview, masks: memoryview, wanted: list[str]) -> int:
        """`_mask` without numpy: binary search in C over the mapped keys."""
        n, words, m = len(keys), self._words, 0
        for key in wanted:
            h = int.from_bytes(key_hash(key), "little")
            i = bisect_left(keys, h)
            if i < n and keys[i] == h:
                for w in range(words):
                    m |= masks[i * words + w] << (64 * w)
        return m

    def mask(self, url_or_host: str) -> int:
        """Bitmask of matching categories (bit i is `names[i]`); `ValueError` if malformed."""
        host, path = parse_url(url_or_host)
        if self._views:
            dk, dm, uk, um = self._views
            m = self._mask_view(dk, dm, domain_keys(host))
            m |= self._mask_view(uk, um, url_request_keys(host, path))
        else:
            m = self._mask(self._dk, self._dm, domain_keys(host))
            m |= self._mask(self._uk, self._um, url_request_keys(host, path))
        if self._set is not None:
            for i in self._set.Match(host + path) or ():
                m |= 1 << self._set_bits[i]
        return m

    def categories(self, url_or_host: str) -> list[str]:
        """Every category the URL or host is listed in, in index order."""
        m = self.mask(url_or_host)
        return [name for i, name in enumerate(self.names) if m >> i & 1]

    def close(self) -> None:
        """Unmap the file; the index is unusable afterwards."""
        for view in self._views:
            view.release()
        self._views = []
        empty = np.zeros(0, np.uint64)
        self._dk = self._uk = empty
        self._dm = self._um = empty.reshape(0, 1)
        self._mm.close()
