"""No input crashes the checker: random Unicode, huge runs of one character, deeply
nested HTML. (How the time grows with size is measured in bench/bench_scaling.py, not
here: tests do not time things.)"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupguard.engine import Checker
from aupguard.model import Author, Message

# Every detector runs for a councillor's personal blog post on a council tablet and for
# a council email; between them every clause of both packs is exercised.
SHAPES = [
    {"channel": "blog", "account": "personal", "device": "council-tablet", "role": "councillor"},
    {"channel": "email", "account": "council", "device": None, "role": "staff"},
]


@pytest.fixture(scope="module", params=["belper", "leigh"])
def checker(request: pytest.FixtureRequest) -> Checker:
    return Checker(request.param, today=dt.date(2026, 11, 21))


def _check(checker: Checker, text: str, html: bool = False) -> None:
    for shape in SHAPES:
        message = Message(
            text=text,
            html=html,
            channel=shape["channel"],  # type: ignore[arg-type]
            account=shape["account"],  # type: ignore[arg-type]
            device=shape["device"],  # type: ignore[arg-type]
            author=Author(role=shape["role"], handle="LeighTCfan"),  # type: ignore[arg-type]
            edits_previous=True,
        )
        verdict = checker.check(message)
        for f in verdict.findings:
            assert 0 <= f.start <= f.end <= len(text)
            assert f.clause is not None and f.clause.startswith(checker.pack.pack + ".")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_unicode_never_crashes(checker: Checker, text: str) -> None:
    _check(checker, text)
    _check(checker, text, html=True)


HTMLISH = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<div ", ">", "<!--", "-->", "&amp;", "&#", "x;", "<br/>", "<script>",
         "</script>", "07700 900123", " fuck ", "s h i t", "jane@gmail.com", "\u200b", "é",
         "<", "&", " ", "\n", "Leigh Town Council", "password: hunter2"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTMLISH)
def test_random_html_fragments_never_crash(checker: Checker, text: str) -> None:
    _check(checker, text, html=True)
    _check(checker, text)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "7" * 1_000_000,
        " " * 1_000_000,
        "<" * 1_000_000,
        "@." * 500_000,
        "f u " * 250_000,
        "\u200b" * 1_000_000,
        "<div>" * 100_000 + "hello" + "</div>" * 100_000,
    ],
    ids=["a", "digits", "spaces", "lt", "at-dot", "spaced", "zero-width", "nested-html"],
)
def test_pathological_megabyte_inputs(text: str) -> None:
    _check(Checker("leigh"), text, html=text.startswith("<"))
