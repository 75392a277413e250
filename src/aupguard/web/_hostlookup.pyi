"""Types of the C host lookup (see _hostlookup.c and `Index._host_uncached`)."""

from typing_extensions import Buffer

def parse_plain(url: str, /) -> tuple[str, str] | None: ...

def log_what(url: str, host: str, tail: str, /) -> str | None: ...

def hash64(data: str | Buffer, /) -> int: ...

class HostTable:
    def __init__(
        self,
        keys: Buffer,
        table: Buffer,
        bits: int,
        ids: Buffer,
        masks: Buffer,
        words: int,
        url_hosts: Buffer,
    ) -> None: ...
    def lookup(self, host: str, /) -> int: ...
    def close(self) -> None: ...
