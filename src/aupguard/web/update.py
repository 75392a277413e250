"""`aupguard lists update`: fetch the UT1 archive, unpack it safely, compile the index.

This is the only place aupguard downloads anything at run time, and only when a user
runs `lists update`. The archive is fetched with the standard library (urllib, with a
timeout) into a temporary file inside the data folder, checked to be a gzip'd tar, and
unpacked member by member: absolute names, `..`, links, devices and FIFOs are refused,
and the member count and unpacked size are capped. UT1 ships its category aliases
(`ads` -> `publicite`) as symlinks at the root; those, and only those, become the small
alias files that `discover` already reads.

Layout in the data folder (the folder of `default_index_path()`):

    <data>/ut1/        the unpacked UT1 root, replaced by a rename once fully unpacked
    <data>/allow/      optional: the council's own allow list (a category folder)
    <data>/block/      optional: the council's own block list (a category folder)
    <data>/index.aupx  the compiled index, written atomically by `compile_lists`

Any failure (network, HTTP status, bad archive, a bad council list) raises
`UpdateError`, leaves the previous `ut1/` and index as they were, and removes every
temporary file this run made.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from aupguard.errors import AupguardError

if TYPE_CHECKING:  # the index modules pull in numpy and re2; the CLI imports this early
    from aupguard.web.index import CompileStats

UT1_URL = "https://dsi.ut-capitole.fr/blacklists/download/blacklists.tar.gz"
TIMEOUT = 60.0  # seconds, per socket operation
MAX_DOWNLOAD = 512 * 1024 * 1024  # bytes of compressed archive
MAX_UNPACKED = 4 * 1024 * 1024 * 1024  # bytes of file content once unpacked
MAX_MEMBERS = 200_000
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


class UpdateError(AupguardError):
    """The download or the archive failed; nothing was changed."""


@dataclass
class UpdateResult:
    source: str
    archive_bytes: int
    ut1_dir: Path
    council: dict[str, Path]
    stats: CompileStats


def update_lists(
    url: str = UT1_URL,
    *,
    offline: Path | None = None,
    index_path: Path | None = None,
    timeout: float = TIMEOUT,
    strict: bool = False,
) -> UpdateResult:
    """Fetch (or, with `offline`, read) the UT1 archive, unpack it to `<data>/ut1` and
    compile `<data>/index.aupx` from it plus `<data>/allow` and `<data>/block`."""
    from aupguard.web.index import compile_lists, default_index_path

    index = index_path or default_index_path()
    data = index.parent
    data.mkdir(parents=True, exist_ok=True)
    final = data / "ut1"
    work = Path(tempfile.mkdtemp(prefix=".ut1-update-", dir=data))
    try:
        archive = work / "blacklists.tar.gz"
        if offline is not None:
            source = str(offline)
            _copy_local(offline, archive)
        else:
            source = url
            _download(url, archive, timeout)
        size = archive.stat().st_size
        root = _unpack(archive, work / "tree")
        archive.unlink()
        council = {k: data / k for k in ("allow", "block") if (data / k).is_dir()}
        old = work / "previous"
        if final.exists() or final.is_symlink():
            os.replace(final, old)
        os.replace(root, final)
        try:
            stats = compile_lists(
                [final],
                index,
                allow=[council["allow"]] if "allow" in council else [],
                block=[council["block"]] if "block" in council else [],
                strict=strict,
            )
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            if old.exists() or old.is_symlink():
                os.replace(old, final)
            raise
        return UpdateResult(source, size, final, council, stats)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _copy_local(src: Path, dest: Path) -> None:
    if not src.is_file():
        raise UpdateError(f"no such archive: {src}")
    if src.stat().st_size > MAX_DOWNLOAD:
        raise UpdateError(f"{src}: larger than {MAX_DOWNLOAD} bytes")
    shutil.copyfile(src, dest)


def _download(url: str, dest: Path, timeout: float) -> None:
    # Imported here: they pull in TLS, and every command builds the `lists` parser.
    import http.client
    import urllib.error
    import urllib.request

    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https", "file"):
        raise UpdateError(f"unsupported URL (use http, https or file): {url}")
    req = urllib.request.Request(url, headers={"User-Agent": "aupguard lists update"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp, dest.open("wb") as out:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_DOWNLOAD:
                raise UpdateError(f"{url}: archive larger than {MAX_DOWNLOAD} bytes")
            total = 0
            while chunk := resp.read(_CHUNK):
                total += len(chunk)
                if total > MAX_DOWNLOAD:
                    raise UpdateError(f"{url}: archive larger than {MAX_DOWNLOAD} bytes")
                out.write(chunk)
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"download failed: {url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise UpdateError(f"download failed: {url}: {exc.reason}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise UpdateError(f"download failed: {url}: {exc or type(exc).__name__}") from None


def _check_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or "\0" in name or path.is_absolute() or name.startswith(("/", "\\")):
        raise UpdateError(f"bad archive: unsafe member name {name!r}")
    if ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise UpdateError(f"bad archive: unsafe member name {name!r}")
    return path


def _unpack(archive: Path, dest: Path) -> Path:
    """Unpack into `dest` (which must not exist) and return the UT1 root inside it."""
    with archive.open("rb") as f:
        if f.read(2) != GZIP_MAGIC:
            raise UpdateError("bad archive: not gzip data")
    dest.mkdir()
    members: list[tarfile.TarInfo] = []
    links: list[tuple[PurePosixPath, str]] = []
    total = 0
    try:
        with tarfile.open(archive, "r:gz") as tf:
            for m in tf:
                if len(members) + len(links) >= MAX_MEMBERS:
                    raise UpdateError(f"bad archive: more than {MAX_MEMBERS} members")
                path = _check_name(m.name)
                if m.issym():
                    links.append((path, m.linkname))
                    continue
                if not (m.isfile() or m.isdir()):
                    raise UpdateError(f"bad archive: {m.name!r} is a link or device")
                total += m.size
                if total > MAX_UNPACKED:
                    raise UpdateError(f"bad archive: unpacks to more than {MAX_UNPACKED} bytes")
                members.append(m)
            if not members:
                raise UpdateError("bad archive: it is empty")
            if hasattr(tarfile, "data_filter"):
                tf.extractall(dest, members=members, filter="data")
            else:  # pragma: no cover - Python without PEP 706; names were checked above
                tf.extractall(dest, members=members)
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise UpdateError(f"bad archive: {exc or type(exc).__name__}") from None
    except OSError as exc:
        raise UpdateError(f"could not unpack the archive: {exc}") from None
    root = _find_root(dest)
    _write_aliases(dest, root, links)
    return root


def _find_root(dest: Path) -> Path:
    """The UT1 root: `dest` itself, or the single folder UT1 wraps it in (`blacklists/`)."""
    from aupguard.web.lists import is_category_dir

    root = dest
    while not any(is_category_dir(p) for p in root.iterdir()):
        subdirs = [p for p in root.iterdir() if p.is_dir()]
        if len(subdirs) != 1:
            raise UpdateError("bad archive: no UT1 category folders in it")
        root = subdirs[0]
    return root


def _write_aliases(dest: Path, root: Path, links: list[tuple[PurePosixPath, str]]) -> None:
    """Root-level symlinks to a sibling category become alias files; others are dropped."""
    from aupguard.web.lists import is_category_dir

    rel_root = PurePosixPath(root.relative_to(dest).as_posix())
    for path, target in links:
        if path.parent != rel_root:
            continue
        target = target.rstrip("/")
        if not target or "/" in target or target in (".", ".."):
            continue
        alias = root / path.name
        if is_category_dir(root / target) and not alias.exists():
            alias.write_text(target + "\n", encoding="utf-8")
