"""The evaluation scripts run end to end and the checker stays above measured floors.

Floors are set just below the figures measured when the evaluation was built (see
bench/README.md); raise them as the detectors improve, never lower them silently.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import _corpus  # noqa: E402
import bench_presidio  # noqa: E402
import eval_labelled  # noqa: E402
import eval_spamassassin  # noqa: E402
from aupguard.model import CATEGORIES  # noqa: E402

# Labelled set (micro, message level). Measured when set: precision 0.833, recall 0.604,
# 13 of 98 clean drafts flagged.
MICRO_PRECISION_FLOOR = 0.80
MICRO_RECALL_FLOOR = 0.57
CLEAN_FLAGGED_CEILING = 0.16
# SpamAssassin, --limit 200 (first 200 of each folder). Measured when set: spam caught
# 0.770; legitimate mail with a finding other than personal_data 0.182.
SPAM_CAUGHT_FLOOR = 0.74
HAM_OTHER_THAN_PD_CEILING = 0.21


def _run_json(main: Any, args: list[str], tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out.json"
    assert main([*args, "--json", str(out)]) == 0
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def test_eval_labelled_meets_floors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = _run_json(eval_labelled.main, ["--verbose", "--today", "2026-06-01"], tmp_path)
    printed = capsys.readouterr().out
    assert "| **micro** |" in printed and "Misses" in printed
    assert result["messages"] == len(eval_labelled.load_fixture())
    assert set(result["categories"]) == set(CATEGORIES)
    for cat, c in result["categories"].items():
        assert c["tp"] + c["fn"] == c["support"], cat
    micro = result["micro"]
    assert micro["precision"] >= MICRO_PRECISION_FLOOR, micro
    assert micro["recall"] >= MICRO_RECALL_FLOOR, micro
    assert result["clean_flagged"] / result["clean_messages"] <= CLEAN_FLAGGED_CEILING


def test_eval_labelled_counts_a_category_from_any_finding() -> None:
    row = {
        "id": "t-1", "text": "Call Maureen on 07700 900318 tonight.", "channel": "email",
        "account": "council", "role": "staff", "authorised": False, "external": True,
        "labels": [{"category": "personal_data", "entity": "PHONE_NUMBER"}], "note": "t",
    }
    clean = {**row, "id": "t-2", "text": "The office is closed on Monday.", "labels": []}
    result = eval_labelled.evaluate([row, clean])
    pd = result["categories"]["personal_data"]
    assert pd["support"] == 1
    assert pd["tp"] + pd["fn"] == 1
    assert result["clean_messages"] == 1


def test_to_message_maps_audience() -> None:
    base = {"text": "x", "channel": "social", "account": "personal", "role": "councillor",
            "authorised": False, "external": True, "handle": "@CllrX", "edits_previous": True}
    msg = eval_labelled.to_message(base)
    assert msg.audience == "public" and msg.author.handle == "@CllrX" and msg.edits_previous
    assert eval_labelled.to_message({**base, "channel": "email"}).audience == "external"
    assert eval_labelled.to_message({**base, "external": False}).audience == "internal"


def test_corpus_parser_keeps_subject_and_readable_text() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: Cheap =?utf-8?q?caf=C3=A9?= deals\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><style>p{}</style></head><body><p>Buy&nbsp;now</p>"
        b"<script>x()</script></body></html>\r\n"
        b"--XX\r\nContent-Type: application/pdf; name=a.pdf\r\n"
        b"Content-Disposition: attachment; filename=a.pdf\r\n\r\nJVBERi0=\r\n--XX--\r\n"
    )
    mail = _corpus.parse(raw, "spam-1", "x.eml")
    assert mail.subject == "Cheap café deals"
    assert mail.body == "Buy now"
    assert mail.text.startswith("Cheap café deals\n\n") and mail.spam


def test_bench_pack_runs_every_detector() -> None:
    pack, running, added = bench_presidio.all_detector_pack()
    assert set(running) == set(CATEGORIES)
    assert all(c in running for c in added)
    assert bench_presidio.pct([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0


def test_eval_spamassassin_limit_200(tmp_path: Path) -> None:
    if _corpus.corpus_root() is None:
        pytest.skip(f"SpamAssassin corpus not found at {_corpus.DEFAULT_ROOT} "
                    "(it lives in ../shared/data, outside the repository)")
    result = _run_json(eval_spamassassin.main, ["--limit", "200"], tmp_path)
    assert result["limit"] == 200
    assert result["spam"]["messages"] == 400 and result["ham"]["messages"] == 600
    assert result["spam"]["rate"] >= SPAM_CAUGHT_FLOOR, result["spam"]
    ham = result["ham"]
    assert ham["flagged_other_than_personal_data"] / ham["messages"] <= (
        HAM_OTHER_THAN_PD_CEILING
    ), ham
