"""The report-driven word stages (`_words`) give exactly what the plain stage functions
in `leet` give one after the other, including joins found only through Hyperscan reports."""

from __future__ import annotations

import random

import pytest

from aupguard.text._words import _slow, word_stages

_ALPHABET = "abcaiXY01345@!|_*. -,/~2 "


def _cases() -> list[str]:
    rng = random.Random(7)
    fixed = [
        "f u c k",
        "xf.u.c.k",
        "a f u c k off",
        "ab c.d.e f g h",
        "0 8 0 0 and 1 2 3",
        "s  h  i  t and f   u   c   k",
        "call 0 8 0 0 or b.i.t.c.h" * 3,
        "w w w . e x a m p l e . c o m",
    ]
    return fixed + [
        "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(400)
    ]


@pytest.mark.parametrize("text", _cases())
def test_word_stages_match_plain_stages(text: str) -> None:
    joined, jmap, out, rmap = word_stages(text)
    ref_joined, ref_jmap, ref_out, ref_rmap = _slow(text)
    assert (joined, out) == (ref_joined, ref_out)
    for s in range(len(joined) + 1):
        for e in (s, min(s + 1, len(joined)), len(joined)):
            got = jmap.span(s, e) if jmap else (s, e)
            ref = ref_jmap.span(s, e) if ref_jmap else (s, e)
            assert got == ref
    assert (rmap is None) == (ref_rmap is None)
