"""Compiled Hyperscan databases, kept on disk between runs.

Compiling the normaliser's and the trigger scan's databases takes about a third of a
second, which a one-off `aupguard check` would pay every time. A compiled database is
saved under the user's cache folder, keyed by a hash of its patterns, the Hyperscan
version and the machine, and loaded next time. Nothing is downloaded: if the folder
cannot be written, or a saved file cannot be read back, the database is simply
compiled again.

The folder is `$AUPGUARD_CACHE_DIR`, else `$XDG_CACHE_HOME/aupguard`, else
`~/.cache/aupguard`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import tempfile
from collections.abc import Callable
from pathlib import Path

import hyperscan

_FORMAT = b"aupguard-hsdb-1"
_KEEP = 16  # saved databases per name; older ones (by last use) are removed


def cache_dir() -> Path:
    explicit = os.environ.get("AUPGUARD_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aupguard"


def _key(name: str, fingerprint: bytes) -> str:
    digest = hashlib.sha256()
    for part in (_FORMAT, name.encode(), fingerprint, hyperscan.__name__.encode()):
        digest.update(part)
        digest.update(b"\0")
    digest.update(str(getattr(hyperscan, "__version__", "")).encode())
    digest.update(platform.machine().encode())
    return digest.hexdigest()[:32]


def load_or_compile(
    name: str, fingerprint: bytes, build: Callable[[], hyperscan.Database]
) -> hyperscan.Database:
    """The database `build()` would return, from the cache when it holds one for
    exactly these patterns (`fingerprint`); otherwise built and saved for next time."""
    path = cache_dir() / f"{name}-{_key(name, fingerprint)}.hsdb"
    try:
        database = hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
    except (OSError, hyperscan.error):
        pass
    else:
        with contextlib.suppress(OSError):
            os.utime(path)  # mark as recently used, for pruning
        return database
    database = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(hyperscan.dumpb(database))
        os.replace(tmp.name, path)  # atomic: a reader sees the old file or the new one
        _prune(path.parent, name)
    except OSError:
        pass
    return database


def _prune(directory: Path, name: str) -> None:
    """Keep the most recently used databases of this name, so that a pack edited many
    times does not fill the disk."""
    saved = sorted(
        directory.glob(f"{name}-*.hsdb"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in saved[_KEEP:]:
        old.unlink(missing_ok=True)
