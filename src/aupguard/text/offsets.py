"""Piecewise offset maps: how each character of a rewritten text points back to its source.

A rewrite stage (HTML stripping, NFKC, folding, ...) emits its output as a run of
segments. A *linear* segment is a slice copied unchanged (view char k <-> source char k);
a *collapsed* segment is replacement text whose every character maps to the whole source
span it replaced (an entity, "ﬁ" -> "fi", "uuuu" -> "u"). Source characters covered by no
segment were deleted. Storing segments instead of one entry per character keeps plain
text cheap (one segment) and lets a lookup be two bisections.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate


class OffsetMap:
    """Maps spans of one stage's output back to spans of that stage's input.

    A map can be *lazy* (`OffsetMap.lazy`): its segments are built on the first lookup,
    as most views are read but never mapped back (a message with no findings). The
    segments are stored as one tuple, so a thread racing the build sees either none or
    all of them; two racing builds give the same segments."""

    __slots__ = ("_seg", "_make", "_n")

    def __init__(
        self, vs: list[int], os: list[int], oe: list[int], lin: list[bool], n: int
    ) -> None:
        # view start of each segment (sorted, first is 0 when n > 0), its source start
        # and end, and whether it is a 1:1 slice (True) or every char maps to [os, oe)
        self._seg: tuple[list[int], list[int], list[int], list[bool]] | None = (vs, os, oe, lin)
        self._make: Callable[[], OffsetMap] | None = None
        self._n = n  # length of the output text

    @classmethod
    def lazy(cls, make: Callable[[], OffsetMap], n: int) -> OffsetMap:
        """A map for an output of n chars whose segments `make()` builds when needed."""
        m = cls.__new__(cls)
        m._seg = None
        m._make = make
        m._n = n
        return m

    def _segments(self) -> tuple[list[int], list[int], list[int], list[bool]]:
        seg = self._seg
        if seg is None:
            make = self._make
            assert make is not None
            seg = make()._segments()
            self._seg = seg
        return seg

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Smallest source span covering the sources of output chars [start, end)."""
        n = self._n
        start = min(max(start, 0), n)
        end = min(max(end, 0), n)
        vs, os, oe, lin = self._seg or self._segments()
        if not vs:
            return 0, 0
        if end <= start:  # the boundary before output char start (after the last: end)
            if start >= n:
                return oe[-1], oe[-1]
            i = bisect_right(vs, start) - 1
            p = os[i] + (start - vs[i]) if lin[i] else os[i]
            return p, p
        i = bisect_right(vs, start) - 1
        a = os[i] + (start - vs[i]) if lin[i] else os[i]
        j = bisect_right(vs, end - 1) - 1
        b = os[j] + (end - vs[j]) if lin[j] else oe[j]
        return a, b


class Builder:
    """Accumulates output pieces and their segments for one rewrite stage."""

    __slots__ = ("parts", "vs", "os", "oe", "lin", "n")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.vs: list[int] = []
        self.os: list[int] = []
        self.oe: list[int] = []
        self.lin: list[bool] = []
        self.n = 0

    def keep(self, text: str, start: int) -> None:
        """Append `text`, an unchanged copy of source[start:start + len(text)]."""
        if not text:
            return
        end = start + len(text)
        if self.lin and self.lin[-1] and self.oe[-1] == start:
            self.oe[-1] = end
        else:
            self.vs.append(self.n)
            self.os.append(start)
            self.oe.append(end)
            self.lin.append(True)
        self.parts.append(text)
        self.n += len(text)

    def put(self, text: str, start: int, end: int) -> None:
        """Append replacement `text`; each of its chars maps to source[start:end]."""
        if not text:
            return
        self.vs.append(self.n)
        self.os.append(start)
        self.oe.append(end)
        self.lin.append(False)
        self.parts.append(text)
        self.n += len(text)

    def per_char(self, pieces: list[str], start: int) -> None:
        """Append the outputs of source chars start, start+1, ... (`pieces[k]` replaces
        source char start+k; '' deletes it), one segment per char, without a Python
        call per char."""
        lens = list(map(len, pieces))
        ends = list(accumulate(lens, initial=self.n))
        kept = [k for k, ln in enumerate(lens) if ln]
        self.vs.extend([ends[k] for k in kept])
        self.os.extend([start + k for k in kept])
        self.oe.extend([start + k + 1 for k in kept])
        self.lin.extend([lens[k] == 1 for k in kept])
        self.parts.append("".join(pieces))
        self.n = ends[-1]

    def extend_last(self, end: int) -> None:
        """Widen the last (collapsed) segment's source to `end` (merging dropped markup)."""
        self.oe[-1] = end

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self.parts)
        return text, OffsetMap(self.vs, self.os, self.oe, self.lin, self.n)
