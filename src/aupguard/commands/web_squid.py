"""`aupguard web squid-helper`: being written (issue 4)."""

from __future__ import annotations

from typing import Any


def add_parser(wsub: Any) -> None:
    """Register the subcommand(s) under `aupguard web`."""
