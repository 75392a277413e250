"""The category index: every list compiled into one file that loads in milliseconds.

Why this shape: a Squid helper or DNS filter starts often and must answer at once, and
a council's server is small. So the index is a short JSON header followed by flat
arrays that are memory-mapped, not parsed: loading costs a few page faults however big
the lists are, and processes serving at the same time share the pages. Reading it needs
neither numpy nor any parsing (`aupguard.web.indexbuild` writes it, with numpy).

- Domains: sorted 64-bit BLAKE2b hashes of normalised hosts, with a parallel array of
  uint16 numbers of category sets, which index one shared table of category bitmasks
  (one uint64 word per 64 categories; UT1 has a few hundred distinct sets). A lookup
  hashes the host and
  each parent ("a.b.example.com", "b.example.com", "example.com", "com"), so a listed
  domain covers its subdomains but "notexample.com" never matches "example.com". IP
  literals are hosts with no parents.
- URLs: the same arrays for "host/path" prefixes cut at "/" (see `url_request_keys`),
  plus the sorted hashes of the hosts that have any entry, so a request to any other
  host (nearly all of them) skips the path keys.
- Each sorted key array has a bucket table on the top bits of the hash, so a lookup bisects
  a handful of rows in C instead of the whole array.
- Expressions: kept as text in the header and compiled at load into one RE2 set, run
  once per URL in linear time whatever the list holds.

The host lookup runs in C (`_hostlookup.c`, built when a compiler is present at install)
and otherwise in Python here (`_host_uncached`, the reference; the same answers, tested
side by side). `AUPGUARD_PURE_PYTHON=1` forces the Python one.

In Python, what a host resolves to is cached (`HOST_CACHE` hosts, the least recently
used dropped, see `Recent`); parents are cached too, so a listed parent is looked up
once for all its subdomains. The C lookup needs no cache of hosts (it is faster than
one) and keeps only one of parent domains. An `Index` never changes once loaded (a new
file means a new `Index`), so neither cache is ever stale.

With 64-bit hashes the chance that any unlisted name collides with one of a million
listed ones is about one in 10^13 per lookup, far below the lists' own error rate.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import re2

from aupguard.errors import AupguardError
from aupguard.web.lists import re2_options
from aupguard.web.native import accelerated, hostlookup
from aupguard.web.recent import Recent
from aupguard.web.urls import is_ip, parse_url, url_host, url_request_keys

MAGIC = b"AUPXIDX\n"
FORMAT_VERSION = 2  # 2: url_hosts, bucket tables, category-set numbers
ALIGN = 64
MAX_CATEGORIES = 1024  # 16 mask words; UT1 has about 70
COUNCIL = {"allow": "council-allow", "block": "council-block"}
# Sorted key arrays and their bucket tables (see `Index`).
BUCKETS = {"domain_keys": "domain_buckets", "url_keys": "url_buckets"}
# Every array in the file and its little-endian element type; "masks" has `words`
# uint64 per row.
ARRAY_TYPES = {
    "domain_keys": "<u8", "domain_ids": "<u2", "domain_buckets": "<u8",
    "url_keys": "<u8", "url_ids": "<u2", "url_buckets": "<u8",
    "url_hosts": "<u8", "masks": "<u8",
}
Typecode = Literal["Q", "H"]
_TYPECODES: dict[str, Typecode] = {"<u8": "Q", "<u2": "H"}
HOST_CACHE = 40960  # hosts and parent domains whose lookups are kept (~5 MB when full)


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


def key_int(key: str) -> int:
    """`key_hash` as the integer stored in the arrays."""
    return int.from_bytes(key_hash(key), "little")


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


def compile_lists(
    dirs: Sequence[Path | str],
    out_path: Path | str,
    *,
    allow: Sequence[Path | str] = (),
    block: Sequence[Path | str] = (),
    strict: bool = False,
) -> CompileStats:
    """Compile UT1 roots or category folders, plus council allow/block folders, into one
    index file (see `aupguard.web.indexbuild.compile_lists`, imported only when used)."""
    from aupguard.web.indexbuild import compile_lists as build

    return build(dirs, out_path, allow=allow, block=block, strict=strict)


def data_start(header_len: int) -> int:
    """Where the arrays begin: after magic, length and header, 64-byte aligned."""
    return -(-(len(MAGIC) + 8 + header_len) // ALIGN) * ALIGN


def _native(buf: memoryview, typecode: Typecode, little: bool) -> memoryview:
    """Little-endian unsigned ints as a memoryview of native ones (a copy only on a
    big-endian machine)."""
    if little:
        return buf.cast(typecode)
    words = array(typecode, buf.tobytes())
    words.byteswap()
    return memoryview(words)


class _SortedKeys:
    """A sorted uint64 array and its bucket table: `find` bisects one bucket."""

    __slots__ = ("keys", "shift", "table")

    def __init__(self, keys: memoryview, table: memoryview, bits: int) -> None:
        self.keys, self.table, self.shift = keys, table, 64 - bits

    def find(self, h: int) -> int:
        """Row of hash `h`, or -1."""
        b = h >> self.shift
        hi = self.table[b + 1]
        i = bisect_left(self.keys, h, self.table[b], hi)
        return i if i < hi and self.keys[i] == h else -1


class Index:
    """A loaded, memory-mapped category index. Build one with `compile_lists`."""

    def __init__(self, path: Path, mm: mmap.mmap, header: dict[str, Any], base: int) -> None:
        self.path = path
        self.header = header
        self.names: list[str] = list(header["categories"])
        self.aliases: dict[str, str] = dict(header.get("aliases", {}))
        self._mm = mm
        self._words = int(header["words"])
        little = sys.byteorder == "little"
        views: dict[str, memoryview] = {}
        with memoryview(mm) as whole:
            for name, (off, size) in header["arrays"].items():
                code = _TYPECODES[ARRAY_TYPES[name]]
                views[name] = _native(whole[base + off : base + off + size], code, little)
        self._views = list(views.values())
        bits = header["buckets"]
        self._domains, self._urls = (
            _SortedKeys(views[keys], views[table], int(bits[keys]))
            for keys, table in BUCKETS.items()
        )
        # Hosts with `urls` entries are few (about 12,000 in UT1): a set at load.
        self._url_hosts = frozenset(views["url_hosts"])
        self._domain_ids, self._url_ids = views["domain_ids"], views["url_ids"]
        table, words = views["masks"], self._words
        self._masks: list[int] = [
            sum(table[r * words + w] << (64 * w) for w in range(words))
            for r in range(len(table) // words)
        ]
        self._set: Any = None
        self._set_bits: list[int] = []
        self._match: Any = None  # the set's Match for UTF-8 bytes
        exprs = header.get("expressions", [])
        if exprs:
            self._set = re2.Set.SearchSet(re2_options())
            for bit, expr in exprs:
                self._set.Add(expr)
                self._set_bits.append(int(bit))
            self._set.Compile()
            # The compiled set under google-re2's wrapper, called straight with bytes:
            # the wrapper costs as much as the match (every new URL runs it).
            self._match = getattr(self._set, "_set", self._set).Match
        self._hosts: Recent[str, int] = Recent(HOST_CACHE)
        self._table: hostlookup.HostTable | None = None
        if accelerated():
            self._table = hostlookup.HostTable(
                keys=views["domain_keys"], table=views["domain_buckets"],
                bits=int(bits["domain_keys"]), ids=views["domain_ids"], masks=table,
                words=words, url_hosts=views["url_hosts"],
            )

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
        base = data_start(hlen)
        arrays = header.get("arrays", {})
        if set(arrays) != set(ARRAY_TYPES):
            raise AupguardError(f"{p}: damaged index header")
        end = base + max((off + size for off, size in arrays.values()), default=0)
        if len(mm) < end:
            raise AupguardError(f"{p}: index file is truncated; rebuild it")
        return cls(p, mm, header, base)

    def _host(self, host: str) -> int:
        """What a host resolves to, packed in one int to keep the cache small: the mask
        of the host and its parents << 2, bit 1 set when `urls` entries name this host,
        bit 0 set when a request to it needs its path looked up."""
        if self._table is not None and host.isascii():  # C: faster than the cache
            return self._table.lookup(host)
        packed = self._hosts.get(host)
        if packed is None:
            packed = self._host_uncached(host)
            self._hosts.put(host, packed)
        return packed

    def _host_uncached(self, host: str) -> int:
        """`_host` found once: a lookup for the host itself, its parent from the cache."""
        h = key_int(host)
        row = self._domains.find(h)
        mask = self._masks[self._domain_ids[row]] if row >= 0 else 0
        named = int(h in self._url_hosts)
        dot = host.find(".")
        if dot == -1 or (host[-1].isdigit() and is_ip(host)):
            return mask << 2 | named << 1 | named
        parent = self._host(host[dot + 1 :])
        # "www.example.com" uses the entries of "example.com" (see `url_host`), its parent.
        paths = named if url_host(host) == host else parent >> 1 & 1
        return (mask << 2 | parent) & ~3 | named << 1 | paths

    def mask_of(self, host: str, path: str) -> int:
        """Bitmask of matching categories for a `parse_url` result (bit i is `names[i]`)."""
        table = self._table  # `_host`, with its C branch inline: this runs for every URL
        packed = table.lookup(host) if table is not None and host.isascii() else self._host(host)
        mask = packed >> 2
        if packed & 1:
            for key in url_request_keys(host, path):
                row = self._urls.find(key_int(key))
                if row >= 0:
                    mask |= self._masks[self._url_ids[row]]
        if self._match is not None:
            for i in self._match((host + path).encode("utf-8")) or ():
                mask |= 1 << self._set_bits[i]
        return mask

    def mask(self, url_or_host: str) -> int:
        """Bitmask of matching categories (bit i is `names[i]`); `ValueError` if malformed."""
        return self.mask_of(*parse_url(url_or_host))

    def names_of(self, mask: int) -> list[str]:
        """Category names of the set bits of a mask, in index order."""
        out = []
        while mask:
            low = mask & -mask
            out.append(self.names[low.bit_length() - 1])
            mask ^= low
        return out

    def categories(self, url_or_host: str) -> list[str]:
        """Every category the URL or host is listed in, in index order."""
        return self.names_of(self.mask(url_or_host))

    def close(self) -> None:
        """Unmap the file; the index is unusable afterwards."""
        self._hosts.clear()
        if self._table is not None:
            self._table.close()
        for view in self._views:
            view.release()
        self._views = []
        self._mm.close()
