"""`aupguard mail check`: the stored-mail audit, through the real command line."""

from __future__ import annotations

import gzip
import io
import json
import os
import pty
import select
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from aupguard.cli import main
from aupguard.engine import Checker
from aupguard.mail.audit import AuditSettings, Summary, run_audit
from aupguard.mail.checkmail import checkable_texts
from aupguard.mail.mime import parse_mail
from aupguard.mail.stores import StoredMessage

COUNCIL = "leighonseatowncouncil.gov.uk"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "spamassassin"
SEP = b"From clerk@leighonseatowncouncil.gov.uk Thu Aug 22 12:36:23 2002\n"
AUPGUARD = Path(sys.executable).with_name("aupguard")


def mail(body: str, *, to: str = f"office@{COUNCIL}", sender: str = f"clerk@{COUNCIL}",
         subject: str = "Allotments", html: str | None = None, mid: str = "<m1@x>") -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Message-ID"] = sender, to, subject, mid
    m["Date"] = "Thu, 22 Aug 2002 12:36:23 +0100"
    m.set_content(body)
    if html is not None:
        m.add_alternative(html, subtype="html")
    return m.as_bytes()


CLEAN = mail("Please find the agenda for tonight's meeting attached.", mid="<clean@x>")
WARN = mail("Special offers this week, click here now", mid="<warn@x>")
PERSONAL = mail("Hello,", to="resident@example.com", mid="<personal@x>",
                html="<html><body><p>Hello,</p><p>Call Mrs Jones on <b>07700 900123</b> "
                "about the allotment.</p></body></html>")
BROKEN = (b"From: clerk@" + COUNCIL.encode() + b"\nTo: a@example.com\nSubject: x\n"
          b"Message-ID: <broken@x>\nMIME-Version: 1.0\n"
          b"Content-Type: multipart/mixed; boundary=\"a\"; boundary=\"b\"\n\n--a\n\nhi\n--a--\n")


def mbox(*messages: bytes) -> bytes:
    out = b""
    for m in messages:
        body = b"\n".join(b">" + ln if ln.lstrip(b">").startswith(b"From ") else ln
                          for ln in m.split(b"\n"))
        out += SEP + body.rstrip(b"\n") + b"\n\n"
    return out


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["mail", "check", "--no-progress", *args])
    cap = capsys.readouterr()
    return code, cap.out.splitlines(), cap.err


def records(lines: list[str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    parsed = [json.loads(ln) for ln in lines]
    assert parsed[-1]["summary"] is True
    assert all("summary" not in r for r in parsed[:-1])
    return parsed[:-1], parsed[-1]


def test_eml_record_fields_and_finding_offsets(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "personal.eml"
    path.write_bytes(PERSONAL)
    code, lines, _ = run(capsys, str(path))
    (rec,), summary = records(lines)
    assert code == 2
    assert rec["source"] == str(path) and rec["message_id"] == "<personal@x>"
    assert rec["from"] == f"clerk@{COUNCIL}" and rec["to"] == ["resident@example.com"]
    assert rec["subject"] == "Allotments" and rec["date"].startswith("Thu, 22 Aug 2002")
    assert rec["direction"] == "outbound" and rec["action"] == "hold"
    assert rec["size"] == len(PERSONAL) and rec["level"] == 2
    assert rec["clauses"] and rec["reason"]
    phone = [f for f in rec["findings"] if f["entity"] == "PHONE_NUMBER"]
    assert phone, rec["findings"]
    texts = dict(checkable_texts(parse_mail(PERSONAL)))
    part = phone[0]["part"]
    assert part == "2"  # the HTML alternative, whose extracted text the offsets index
    assert texts[part][phone[0]["start"]:phone[0]["end"]] == "07700 900123"
    assert summary["messages"] == 1 and summary["actions"]["hold"] == 1


def test_mbox_of_three_with_only_and_summary(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sent"
    path.write_bytes(mbox(CLEAN, WARN, PERSONAL))
    code, lines, _ = run(capsys, str(path))
    recs, summary = records(lines)
    assert [r["source"] for r in recs] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert [r["action"] for r in recs] == ["deliver", "deliver", "hold"]
    assert [r["level"] for r in recs] == [0, 1, 2]
    assert code == 2
    assert summary["messages"] == 3 and summary["warned"] == 1
    assert summary["actions"] == {"deliver": 2, "hold": 1, "refuse": 0}
    assert sum(summary["actions"].values()) == summary["messages"]
    assert summary["exit_code"] == 2
    cited = {c["clause"]: c["messages"] for c in summary["clauses"]}
    assert cited == {c: sum(c in r["clauses"] for r in recs) for c in cited}

    code, lines, _ = run(capsys, "--only", "hold,refuse", str(path))
    recs, summary = records(lines)
    assert [r["message_id"] for r in recs] == ["<personal@x>"]
    assert summary["messages"] == 3 and code == 2  # --only filters printing, not counting

    code, lines, _ = run(capsys, "--summary-only", str(path))
    assert len(lines) == 1 and json.loads(lines[0])["messages"] == 3


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean, warn = tmp_path / "clean.eml", tmp_path / "warn.eml"
    clean.write_bytes(CLEAN)
    warn.write_bytes(WARN)
    assert run(capsys, str(clean))[0] == 0
    assert run(capsys, str(clean), str(warn))[0] == 1
    code, lines, err = run(capsys, str(clean), str(tmp_path / "missing.mbox"))
    assert code == 3 and lines == [] and "missing.mbox" in err
    assert main(["mail", "check", "--only", "bogus", str(clean)]) == 3
    assert "bogus" in capsys.readouterr().err
    assert main(["mail", "check", "--clamd", "nowhere", str(clean)]) == 3
    assert "nowhere" in capsys.readouterr().err
    assert main(["mail", "check", "--policy", "no-such-pack", str(clean)]) == 3
    assert "no-such-pack" in capsys.readouterr().err


def test_unreadable_source_is_reported_and_makes_the_audit_incomplete(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = gzip.compress(mbox(*(mail("x" * 20000 + f"\n{i}", mid=f"<{i}@x>")
                                for i in range(10))))
    cut = tmp_path / "cut.mbox.gz"
    cut.write_bytes(data[: len(data) // 2])
    clean = tmp_path / "clean.eml"
    clean.write_bytes(CLEAN)
    code, lines, err = run(capsys, str(cut), str(clean))
    recs, summary = records(lines)
    assert code == 3 and summary["exit_code"] == 3
    assert recs[-1]["source"] == str(clean)  # the audit went on after the bad file
    assert summary["unreadable"] == 1
    assert summary["unreadable_sources"][0]["source"] == str(cut)
    assert str(cut) in err


def test_folder_skips_files_that_are_not_mail(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "00001.aaa").write_bytes(SEP + CLEAN)
    (tmp_path / "00002.bbb").write_bytes(WARN)
    (tmp_path / "cmds").write_text("mv 00001.aaa ham\n")
    code, lines, err = run(capsys, str(tmp_path))
    recs, summary = records(lines)
    assert [r["message_id"] for r in recs] == ["<clean@x>", "<warn@x>"]
    assert summary["skipped"] == 1 and summary["unreadable"] == 0
    assert code == 1  # a file that is not mail changes nothing
    assert "skipped 1 item" in err and "cmds" in err


def test_maildir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "cur" / "1.host:2,S").write_bytes(CLEAN)
    (tmp_path / "new" / "2.host").write_bytes(PERSONAL)
    code, lines, _ = run(capsys, str(tmp_path))
    recs, _ = records(lines)
    assert [r["message_id"] for r in recs] == ["<personal@x>", "<clean@x>"]
    assert code == 2


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WARN)))
    code, lines, _ = run(capsys, "-")
    (rec,), _ = records(lines)
    assert rec["source"] == "-" and rec["message_id"] == "<warn@x>" and code == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(mbox(CLEAN, CLEAN))))
    code, lines, _ = run(capsys, "-")
    recs, _ = records(lines)
    assert [r["source"] for r in recs] == ["-:1", "-:2"] and code == 0


def test_unparseable_message_is_held_and_the_audit_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "box"
    path.write_bytes(mbox(BROKEN, CLEAN))
    code, lines, _ = run(capsys, str(path))
    recs, summary = records(lines)
    assert recs[0]["action"] == "hold" and recs[0]["problems"]
    assert recs[0]["reason"].startswith("could not be checked")
    assert recs[1]["action"] == "deliver"
    assert summary["with_problems"] == 1 and code == 2


def test_direction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbound = mail("Call me on 07700 900123", sender="resident@example.com",
                   to=f"clerk@{COUNCIL}", mid="<in@x>")
    path = tmp_path / "in.eml"
    path.write_bytes(inbound)
    code, lines, _ = run(capsys, str(path))
    (rec,), _ = records(lines)
    assert rec["direction"] == "inbound" and rec["action"] == "deliver"
    code, lines, _ = run(capsys, "--direction", "outbound", str(path))
    (rec,), _ = records(lines)
    assert rec["direction"] == "outbound" and rec["action"] == "hold" and code == 2
    code, lines, _ = run(capsys, "--sender", f"clerk@{COUNCIL}", str(path))
    (rec,), _ = records(lines)
    assert rec["direction"] == "internal"


def test_clamd_that_cannot_be_reached_holds_every_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clean.eml"
    path.write_bytes(CLEAN)
    code, lines, _ = run(capsys, "--clamd", f"unix:{tmp_path / 'no-clamd.sock'}", str(path))
    (rec,), _ = records(lines)
    assert rec["action"] == "hold" and code == 2
    assert any("clamd" in p["detail"] for p in rec["problems"])


def test_8bit_subject_still_gives_a_json_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = CLEAN.replace(b"Subject: Allotments", b"Subject: caf\xe9 \xff")
    path = tmp_path / "latin.eml"
    path.write_bytes(raw)
    code, lines, _ = run(capsys, str(path))
    (rec,), _ = records(lines)
    assert rec["message_id"] == "<clean@x>" and rec["subject"].startswith("caf")


def test_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "box"
    path.write_bytes(mbox(CLEAN, PERSONAL))
    code, lines, _ = run(capsys, "--format", "text", str(path))
    assert lines[0].startswith("DELIVER") and lines[1].startswith("HOLD")
    assert any("PHONE_NUMBER in part 2" in ln and "'07700 900123'" in ln for ln in lines)
    assert ("2 messages checked: 1 deliver (0 with warnings), 1 hold, 0 refuse; 0 could not "
            "be fully checked") in lines
    assert code == 2


def test_workers_give_the_same_lines_in_order(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "box"
    path.write_bytes(mbox(*[CLEAN, WARN, PERSONAL, BROKEN] * 3))
    one = run(capsys, str(path))
    two = run(capsys, "--workers", "2", str(path))
    assert one[0] == two[0] == 2 and one[1] == two[1] and len(one[1]) == 13


def test_audit_is_lazy_and_keeps_no_verdicts() -> None:
    taken: list[int] = []

    def source() -> Any:
        for i in range(5):
            taken.append(i)
            yield StoredMessage(f"m{i}", CLEAN, len(CLEAN))

    results = run_audit(source(), AuditSettings(), checker=Checker("leigh"))
    summary = Summary()
    first = next(results)
    assert taken == [0] and isinstance(first, dict)
    summary.add(first)
    for rec in results:
        assert isinstance(rec, dict)
        summary.add(rec)
    assert taken == [0, 1, 2, 3, 4] and summary.messages == 5
    assert not any(isinstance(v, list) and v for v in vars(summary).values())


@pytest.mark.skipif(not AUPGUARD.exists(), reason="the aupguard script is not installed")
def test_no_progress_bar_on_a_pipe_but_one_on_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "box"
    path.write_bytes(mbox(CLEAN, WARN))
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    piped = subprocess.run([str(AUPGUARD), "mail", "check", str(path)], capture_output=True,
                           env=env, check=False)
    assert piped.returncode == 1
    assert piped.stderr == b""  # no progress, no escape codes, nothing
    assert len(piped.stdout.splitlines()) == 3

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([str(AUPGUARD), "mail", "check", str(path)],
                                stdout=subprocess.PIPE, stderr=slave, env=env)
        os.close(slave)
        seen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed when the command exited
                break
            if not chunk:
                break
            seen += chunk
        out, _ = proc.communicate(timeout=120)
    finally:
        os.close(master)
    assert proc.returncode == 1 and len(out.splitlines()) == 3
    assert b"messages checked" in seen and b"/s" in seen  # count and rate


def test_spamassassin_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = CORPUS / "easy-ham-1"
    if not folder.is_dir():
        pytest.skip(f"the SpamAssassin corpus is not at {folder}")
    sample = tmp_path / "sample"
    sample.mkdir()
    names = sorted(p.name for p in folder.iterdir())[:300]
    for name in names:
        shutil.copyfile(folder / name, sample / name)
    (sample / "cmds").write_text("mv 00001 ham\n")
    code, lines, _ = run(capsys, str(sample))
    recs, summary = records(lines)
    assert len(recs) == 300 == summary["messages"]
    assert sum(summary["actions"].values()) == 300
    for action in ("deliver", "hold", "refuse"):
        assert summary["actions"][action] == sum(r["action"] == action for r in recs)
    assert summary["warned"] == sum(r["level"] == 1 for r in recs)
    assert summary["skipped"] == 1 and summary["unreadable"] == 0
    assert code == max(r["level"] for r in recs)
    assert all(r["direction"] == "inbound" for r in recs if r["from"]
               and not r["from"].endswith(COUNCIL))
