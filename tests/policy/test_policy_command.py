"""`aupguard policy ...` through the real entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aupguard.cli import main
from aupguard.policy.loader import load_pack

PACKS = Path(__file__).parents[1] / "fixtures" / "packs"


def test_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "validate", str(PACKS / "good.yaml"), "belper"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"ok: {PACKS / 'good.yaml'}: 2 clauses"
    assert out[1].startswith("ok: ") and out[1].endswith("belper.yaml: 26 clauses")


def test_validate_prints_file_line_message(capsys: pytest.CaptureFixture[str]) -> None:
    bad = PACKS / "unknown-key.yaml"
    dup = PACKS / "duplicate-id.yaml"
    assert main(["policy", "validate", str(bad), str(dup)]) == 3
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad}:8: unknown key 'severity' in clauses.0",
        f"{dup}:11: duplicate clause id 'testtown.data.personal-details' (first used on line 5)",
    ]


def test_validate_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "validate", str(PACKS / "nope.yaml")]) == 3
    assert "no such file" in capsys.readouterr().err


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", "leigh"]) == 0
    out = capsys.readouterr().out
    assert "Leigh-on-Sea Town Council" in out
    assert "Paul Beckerson (Town Clerk)" in out
    assert "01702 716288" in out
    assert "leigh.email.offensive-content" in out
    assert f"{len(load_pack('leigh').clauses)} clauses" in out


def test_show_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", "tamworth"]) == 3
    assert "no policy pack named 'tamworth'" in capsys.readouterr().err


def test_show_bad_pack_names_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", str(PACKS / "wrong-type.yaml")]) == 3
    assert f"{PACKS / 'wrong-type.yaml'}:6:" in capsys.readouterr().err


def test_coverage_text(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["policy", "coverage", "belper"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["clause", "action", "control", "implemented", "tested"]
    assert any(
        line.startswith("belper.general.gambling-auction-sites")
        and "web:gambling" in line
        and "web rule gambling-auction-sites" in line
        for line in lines
    )
    assert any(
        "workflow:consent-register" in line and "records (planned)" in line for line in lines
    )
    assert lines[-1].startswith("Totals: 26 clauses")
    failed = int(re.search(r"(\d+) FAIL", lines[-1]).group(1))  # type: ignore[union-attr]
    assert code == (1 if failed else 0)


def test_coverage_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["policy", "coverage", "leigh", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["pack"] == "leigh"
    assert len(data["clauses"]) == data["totals"]["clauses"] == len(load_pack("leigh").clauses)
    first = data["clauses"][0]
    assert first["id"] == "leigh.general.professional-judgement"
    assert first["controls"][0] == {
        "kind": "workflow",
        "name": "supervisor-guidance",
        "entities": [],
        "subtypes": [],
        "implemented": False,
        "tested": "no examples",
        "examples_run": 0,
        "note": "records (planned)",
        "failures": [],
    }


def test_diff_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "diff", "belper", "leigh"]) == 0
    text = capsys.readouterr().out
    assert "Covered by belper only:" in text and "Covered by leigh only:" in text
    assert main(["policy", "diff", "leigh", str(PACKS / "good.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["a"], data["b"]) == ("leigh", "testtown")
    assert any(e["name"] == "credentials" for e in data["only_a"])


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["policy", "diff", "belper", "leigh", "--format", "xml"])
    assert info.value.code == 3
    assert "invalid choice" in capsys.readouterr().err
