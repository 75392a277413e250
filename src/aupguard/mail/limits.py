"""Count- and size-based limits for reading mail, and the running total one message uses.

Every limit is a count or a byte size, never a time, so a message gets the same result
on a busy machine as on an idle one. Going over a limit is never silent: the reader
records a problem and the message is held as "could not be checked".
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How far the reader goes. The defaults suit a council's ordinary mail."""

    max_message_bytes: int = 50 * MB  # larger messages are "too large to check"
    max_parts: int = 500  # MIME parts in one message, nested messages included
    max_mime_depth: int = 20  # multipart / message/rfc822 nesting
    # The stdlib parser tests every line against every open boundary, so declared
    # boundaries x lines bounds its work; past this the message is not parsed.
    max_boundary_scans: int = 20_000_000
    # The stdlib's header parsers slow down with the square of some headers' length
    # (address lists, parameter lists): longer headers are not parsed at all.
    max_header_bytes: int = 64 * 1024
    max_header_params: int = 100  # ';' in one Content-Type or Content-Disposition
    max_archive_depth: int = 4  # archive layers (zip in zip, .tar.gz counts two)
    max_members: int = 2000  # archive members in one message, all archives together
    max_member_bytes: int = 25 * MB  # bytes read from one member or one decompression
    max_expanded_bytes: int = 200 * MB  # bytes expanded from all archives of a message
    max_ratio: int = 200  # expanded / compressed size allowed for one member
    max_ratio_floor: int = 1 * MB  # members expanding to less than this skip the ratio test
    max_xml_bytes: int = 25 * MB  # one XML document inside an office file
    max_pdf_pages: int = 500
    max_part_chars: int = 2_000_000  # text of one part or attachment
    max_total_chars: int = 10_000_000  # all text checked in one message


class Budget:
    """What one message has used so far of the limits that add up across its parts."""

    __slots__ = ("limits", "members", "expanded", "chars")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.members = 0
        self.expanded = 0
        self.chars = 0

    def take_member(self) -> bool:
        """Count one more archive member; False once over the limit."""
        self.members += 1
        return self.members <= self.limits.max_members

    def take_bytes(self, n: int) -> bool:
        """Count n more expanded bytes; False once over the limit."""
        self.expanded += n
        return self.expanded <= self.limits.max_expanded_bytes
