"""`aupguard check`: report, --fix, --format json, --jsonl, exit codes, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aupguard.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "facebook-draft.txt"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_report_names_clause_and_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Mrs Patel's home number is 07700 900123, ring her after six.\n")
    code = main(["check", str(draft), "--policy", "leigh", "--channel", "email"])
    out = capsys.readouterr().out
    assert code == 2
    assert "HOLD" in out or "BLOCK" in out
    assert "leigh." in out
    assert "[phone number removed]" in out


def test_clean_draft_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("The Christmas lights switch-on is on Saturday at 5pm in the Broadway.\n")
    assert main(["check", str(draft), "--policy", "leigh", "--channel", "social"]) == 0
    assert "Nothing in this draft breaches the policy" in capsys.readouterr().out


def test_fix_prints_remedied_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("You can reach Tom Green on 07700 900456 or tom.green@gmail.com.\n")
    main(["check", str(draft), "--policy", "belper", "--fix"])
    out = capsys.readouterr().out
    assert "07700 900456" not in out and "tom.green@gmail.com" not in out
    assert "[phone number removed]" in out and "[email address removed]" in out
    assert out.startswith("You can reach Tom Green on ")


def test_json_format_has_offsets_into_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Ring Jane on 07700\u200b900123 today."
    draft = tmp_path / "draft.txt"
    draft.write_text(text)
    main(["check", str(draft), "--policy", "leigh", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    phone = next(f for f in data["findings"] if f["entity"] == "PHONE_NUMBER")
    assert text[phone["start"] : phone["end"]] == "07700\u200b900123"
    assert phone["clause"].startswith("leigh.")
    assert data["action"] in ("hold", "block")


def test_jsonl_streams_and_survives_bad_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Call me on 07700 900123", "channel": "email"}),
        "{not json",
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": "See you at the carnival!", "channel": "social"}),
    ]
    data = ("\n".join(lines) + "\n").encode() + b'{"id": "e", "text": "caf\xe9"}\n'
    _stdin(monkeypatch, data)
    code = main(["check", "--jsonl", "--policy", "leigh"])
    captured = capsys.readouterr()
    out = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 3
    assert [o.get("id") for o in out] == ["a", None, "c", "d", None]
    assert out[0]["action"] in ("hold", "block")
    assert set(out[0]["findings"][0]) == {
        "clause", "category", "subtype", "entity", "start", "end", "score", "explanation"
    }
    assert out[1]["line"] == 2 and "not valid JSON" in out[1]["error"]
    assert out[2]["line"] == 3 and '"text" must be a string' in out[2]["error"]
    assert out[3] == {"id": "d", "action": "allow", "findings": []}
    assert out[4]["line"] == 5 and "UTF-8" in out[4]["error"]
    assert "stdin:2" in captured.err


def test_missing_file_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/nonexistent/draft.txt"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "/nonexistent/draft.txt" in err


def test_invalid_utf8_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"line one\nline two \xff\n")
    assert main(["check", str(draft)]) == 3
    err = capsys.readouterr().err
    assert f"{draft}:2:" in err and "UTF-8" in err


def test_unknown_policy_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("hello")
    assert main(["check", str(draft), "--policy", "nowhere"]) == 3
    assert "nowhere" in capsys.readouterr().err


def test_bad_option_exits_three() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--channel", "fax"])
    assert exc.value.code == 3


def test_installed_command_and_example_draft() -> None:
    """The README's main job: the shipped example is held, with its clause named."""
    proc = subprocess.run(
        [sys.executable, "-m", "aupguard.cli", "check", str(EXAMPLE), "--policy", "leigh",
         "--channel", "social", "--account", "personal", "--role", "councillor"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "leigh." in proc.stdout


def test_recipients_on_council_domain_are_internal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Mrs Patel's mobile is 07700 900123 - please call her about the hedge.\n")
    internal = main(["check", str(draft), "--policy", "leigh",
                     "--to", "clerk@leighonseatowncouncil.gov.uk"])
    external = main(["check", str(draft), "--policy", "leigh",
                     "--to", "clerk@leighonseatowncouncil.gov.uk", "--to", "bob@example.com"])
    capsys.readouterr()
    assert (internal, external) == (0, 2)


def test_attached_picture_without_licence_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Lovely photo of the carnival procession on Saturday!\n")
    args = ["check", str(draft), "--policy", "belper", "--channel", "social",
            "--format", "json", "--attachment", "carnival.jpg"]
    main(args)
    flagged = json.loads(capsys.readouterr().out)
    main([*args, "--licence", "own photo", "--consented"])
    cleared = json.loads(capsys.readouterr().out)
    assert "copyright" in {f["category"] for f in flagged["findings"]}
    assert "copyright" not in {f["category"] for f in cleared["findings"]}


def test_jsonl_accepts_attachments_and_rejects_bad_ones(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"id": 1, "text": "Our new banner!", "channel": "social",
         "attachments": ["banner.png"]},
        {"id": 2, "text": "Our new banner!", "channel": "social",
         "attachments": [{"filename": "banner.png", "licence": "own work",
                          "people_consented": True}]},
        {"id": 3, "text": "x", "attachments": [42]},
    ]
    _stdin(monkeypatch, "".join(json.dumps(x) + "\n" for x in lines).encode())
    main(["check", "--jsonl", "--policy", "belper"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "copyright" in {f["category"] for f in out[0]["findings"]}
    assert out[1]["findings"] == []
    assert out[2]["error"].startswith('each of "attachments"')


def test_html_draft_offsets_point_into_the_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = (
        "<html><body><p>Ring <b>Mrs Patel</b> on 07700&nbsp;900123</p>"
        "<script>var x = '07700 900999';</script></body></html>"
    )
    draft = tmp_path / "post.html"
    draft.write_text(html)
    main(["check", str(draft), "--policy", "leigh", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    phones = [f for f in data["findings"] if f["entity"] == "PHONE_NUMBER"]
    assert [html[f["start"] : f["end"]] for f in phones] == ["07700&nbsp;900123"]
