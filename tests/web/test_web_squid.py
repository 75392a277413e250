"""The Squid helper protocols without Squid: parsing, answers, the serving loop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aupguard.cli import main
from aupguard.web import squid
from aupguard.web.accesslog import AccessLog
from aupguard.web.decide import Decision
from aupguard.web.index import compile_lists
from aupguard.web.service import WebFilter
from aupguard.web.squid import (
    HelperRequest,
    SquidHelper,
    acl_answer,
    parse_acl,
    parse_rewrite,
    quote_value,
    rewrite_answer,
    split_channel,
)

BLOCK_PAGE = "http://192.0.2.10:8081/blocked"
GAMBLING_CLAUSE = "belper.general.gambling-auction-sites"


@pytest.fixture
def index_path(make_lists, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = make_lists(
        {"gambling": {"domains": "bet.test\n"}, "games": {"domains": "play.test\n"},
         "shopping": {"domains": "shop.test\n"}}
    )
    out = tmp_path / "ix.aupx"
    compile_lists([root], out)
    return out


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "access.jsonl"


def _filter(index_path: Path, log_path: Path, policy: str = "belper",
            group: str | None = None) -> WebFilter:
    return WebFilter(policy, index_path, log=AccessLog(log_path), via="squid", group=group)


def _log(log_path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log_path.read_text().splitlines()]


def _kv(answer: str) -> dict[str, str]:
    """key="value" pairs of an answer (values as Squid unquotes them)."""
    out: dict[str, str] = {}
    rest = answer
    while '="' in rest:
        key, _, rest = rest.partition('="')
        key = key.split()[-1]
        value, i = [], 0
        while rest[i] != '"':
            if rest[i] == "\\":
                i += 1
            value.append(rest[i])
            i += 1
        out[key] = "".join(value)
        rest = rest[i + 1 :]
    return out


# --- parsing -------------------------------------------------------------------------

def test_split_channel_detects_and_obeys_the_option() -> None:
    assert split_channel("7 http://a.test/ 1.2.3.4/- - GET", None) == (
        "7", "http://a.test/ 1.2.3.4/- - GET")
    assert split_channel("http://a.test/ 1.2.3.4/- - GET", None) == (
        None, "http://a.test/ 1.2.3.4/- - GET")
    assert split_channel("12 192.0.2.1 - GET http://a.test/ -", None)[0] == "12"
    assert split_channel("192.0.2.1 - GET http://a.test/ -", None)[0] is None
    # explicit: whatever comes first is the id, or nothing is
    assert split_channel("x http://a.test/", True) == ("x", "http://a.test/")
    assert split_channel("7 http://a.test/", False) == (None, "7 http://a.test/")
    assert split_channel("", None) == (None, "")
    assert split_channel("\u00b2 http://a.test/", None)[0] is None  # digits, but not ASCII


def test_parse_rewrite_default_extras() -> None:
    line = "http://www.bet.test/a?b=1 192.0.2.5/pc5.example alice GET myip=10.0.0.1 myport=3128"
    assert parse_rewrite(line) == HelperRequest(
        "http://www.bet.test/a?b=1", "192.0.2.5", "alice", "GET")


def test_parse_rewrite_unknown_user_ipv6_and_encoded_names() -> None:
    assert parse_rewrite("http://a.test/ 2001:db8::7/- - GET") == HelperRequest(
        "http://a.test/", "2001:db8::7", None, "GET")
    assert parse_rewrite("http://a.test/ ::ffff:192.0.2.5/- J%20Smith GET").client == "192.0.2.5"
    assert parse_rewrite("http://a.test/ 1.2.3.4/- J%20Smith GET").user == "J Smith"
    assert parse_rewrite("http://a.test/ -/- - -") == HelperRequest("http://a.test/")


def test_parse_rewrite_short_or_missing_extras() -> None:
    assert parse_rewrite("http://a.test/") == HelperRequest("http://a.test/")
    # extras cut down to key=value pairs only: no positional fields are invented
    assert parse_rewrite("http://a.test/ myip=1.2.3.4 myport=3128") == HelperRequest(
        "http://a.test/")
    assert parse_rewrite("a.test:443 1.2.3.4/- - CONNECT").method == "CONNECT"
    assert parse_rewrite("") == HelperRequest("")
    assert parse_rewrite("   ") == HelperRequest("")


def test_parse_acl_format_and_data_field() -> None:
    # Squid appends %DATA ("-") when the FORMAT has none
    assert parse_acl("192.0.2.5 bob%20x GET http://a.test/p?q=1 -") == HelperRequest(
        "http://a.test/p?q=1", "192.0.2.5", "bob x", "GET")
    assert parse_acl("::1 - CONNECT a.test:443") == HelperRequest(
        "a.test:443", "::1", None, "CONNECT")
    assert parse_acl("http://a.test/") == HelperRequest("http://a.test/")  # by hand
    assert parse_acl("192.0.2.5 - GET") == HelperRequest("")  # no URL: blocked later


def test_quote_value_escapes_per_squid_rules() -> None:
    assert quote_value("plain") == '"plain"'
    assert quote_value('say "hi"') == '"say \\"hi\\""'
    assert quote_value("back\\slash") == '"back\\\\slash"'
    assert quote_value("two\nlines\r") == '"two\\nlines\\r"'
    assert quote_value("nul\x00bell\x07") == '"nulbell"'
    assert "\n" not in quote_value("a\nb")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab%&=?/:"\\ \x00\x07\n\r\x7f\xa0é\u2028\U0001f600'))))
def test_quote_value_shortcut_equals_the_escaping(text: str) -> None:
    """Plain text skips the search; anything else gives what the escaping alone gives."""
    escaped = squid._UNSAFE_VALUE.sub(lambda m: squid._VALUE_ESCAPES.get(m.group(), ""), text)
    assert quote_value(text) == '"' + escaped + '"'


# --- answers ----------------------------------------------------------------------------

def _decision(action: str, category: str | None = "gambling",
              clause: str | None = GAMBLING_CLAUSE) -> Decision:
    return Decision("http://bet.test/x?y=1", action, category, clause,
                    "gambling-auction-sites", None, "bet.test",
                    "bad port" if action == "error" else None)


def test_rewrite_answers() -> None:
    assert rewrite_answer(None, _decision("allow"), "http://bet.test/", BLOCK_PAGE) == "ERR"
    assert rewrite_answer("3", _decision("monitor"), "http://bet.test/", BLOCK_PAGE) == "3 ERR"
    blocked = rewrite_answer("3", _decision("block"), "http://bet.test/x?y=1", BLOCK_PAGE)
    assert blocked.startswith('3 OK status=302 url="')
    target = urlsplit(_kv(blocked)["url"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == BLOCK_PAGE
    assert parse_qs(target.query) == {
        "url": ["http://bet.test/x?y=1"], "category": ["gambling"],
        "clause": [GAMBLING_CLAUSE], "rule": ["gambling-auction-sites"]}
    failed = rewrite_answer(None, _decision("error", None, None), "http://x:99999/", BLOCK_PAGE)
    assert failed.startswith("OK status=302 url=") and "x%3A99999" in failed


def test_acl_answers() -> None:
    assert acl_answer(None, _decision("allow", None, None)) == 'OK log="allow/-/-"'
    assert acl_answer("0", _decision("monitor", "shopping", "leigh.email.no-personal-use")) == (
        '0 OK log="monitor/shopping/leigh.email.no-personal-use"')
    blocked = acl_answer("0", _decision("block"))
    assert blocked == f'0 ERR message="{GAMBLING_CLAUSE}" log="block/gambling/{GAMBLING_CLAUSE}"'
    assert _kv(blocked) == {"message": GAMBLING_CLAUSE, "log": f"block/gambling/{GAMBLING_CLAUSE}"}
    # no clause to name (an unreadable request): no message
    assert acl_answer(None, _decision("error", None, None)) == 'ERR log="error/-/-"'


# --- the helper with a real filter ------------------------------------------------------

def test_rewrite_mode_decides_and_logs(index_path: Path, log_path: Path) -> None:
    web = _filter(index_path, log_path)
    helper = SquidHelper(web, "rewrite", block_page=BLOCK_PAGE)
    blocked = helper.answer("0 http://www.bet.test/a?b=secret 192.0.2.200/- alice GET myip=x")
    assert blocked.startswith("0 OK status=302 url=")
    assert parse_qs(urlsplit(_kv(blocked)["url"]).query)["category"] == ["gambling"]
    assert helper.answer("1 http://allowed.test/ ::1/- - GET") == "1 ERR"
    # a tablet (Belper's council-tablets network) may not play games; others may
    assert helper.answer("http://play.test/ 192.0.2.9/- - GET").startswith("OK status=302")
    assert helper.answer("http://play.test/ 10.1.1.1/- - GET") == "ERR"
    # monitored (tablet sign-up sites) is allowed through
    assert helper.answer("2 http://shop.test/ 192.0.2.9/- - GET") == "2 ERR"
    web.close()
    rows = _log(log_path)
    assert [r["action"] for r in rows] == ["block", "allow", "block", "allow", "monitor"]
    first = rows[0]
    assert (first["via"], first["client"], first["user"], first["host"], first["path"],
            first["clause"]) == ("squid", "192.0.2.200", "alice", "www.bet.test", "/a",
                                 GAMBLING_CLAUSE)
    assert rows[1]["client"] == "::1" and rows[1]["user"] is None
    assert rows[2]["group"] == "council-tablets"


def test_connect_requests_are_blocked_by_host(index_path: Path, log_path: Path) -> None:
    web = _filter(index_path, log_path)
    rewrite = SquidHelper(web, "rewrite", block_page=BLOCK_PAGE)
    acl = SquidHelper(web, "acl")
    assert rewrite.answer("4 bet.test:443 10.0.0.1/- - CONNECT").startswith("4 OK status=302")
    assert rewrite.answer("5 allowed.test:443 10.0.0.1/- - CONNECT") == "5 ERR"
    assert acl.answer("6 10.0.0.1 - CONNECT www.bet.test:443 -").startswith("6 ERR message=")
    web.close()
    rows = _log(log_path)
    assert [(r["host"], r["path"], r["action"]) for r in rows] == [
        ("bet.test", None, "block"), ("allowed.test", None, "allow"),
        ("www.bet.test", None, "block")]


def test_acl_mode_decides_with_user_group_and_fixed_group(index_path: Path,
                                                          log_path: Path) -> None:
    web = _filter(index_path, log_path)
    helper = SquidHelper(web, "acl")
    assert helper.answer("192.0.2.5 - GET http://bet.test/ -").startswith("ERR message=")
    assert helper.answer("0 ::1 mary%20jones GET http://fine.test/ -") == '0 OK log="allow/-/-"'
    tablets = SquidHelper(_filter(index_path, log_path, group="council-tablets"), "acl")
    assert tablets.answer("10.9.9.9 - GET http://play.test/ -").startswith("ERR ")
    web.close()
    tablets.web.close()
    rows = _log(log_path)
    assert rows[1]["user"] == "mary jones"
    assert rows[2]["group"] == "council-tablets"


def test_leigh_monitor_is_allowed(index_path: Path, log_path: Path) -> None:
    helper = SquidHelper(_filter(index_path, log_path, policy="leigh"), "acl")
    answer = helper.answer("192.0.2.5 - GET http://shop.test/ -")
    assert answer == 'OK log="monitor/shopping/leigh.email.no-personal-use"'
    helper.web.close()
    assert _log(log_path)[0]["action"] == "monitor"


@pytest.mark.parametrize("mode", ["rewrite", "acl"])
def test_malformed_lines_fail_closed(index_path: Path, log_path: Path, mode: str) -> None:
    helper = SquidHelper(_filter(index_path, log_path), mode, block_page=BLOCK_PAGE)
    url_field = "http://bad.test:99999/" if mode == "rewrite" else "1.2.3.4 - GET http://bad.test:99999/"
    closed = "OK status=302" if mode == "rewrite" else 'ERR log="error/-/-"'
    assert helper.answer("").startswith(closed)
    assert helper.answer("9").startswith("9 " + closed)  # an id with nothing after it
    assert helper.answer("3 " + url_field).startswith("3 " + closed)
    assert helper.answer("http://" + "a" * 20000 + ".test/").startswith(closed)
    helper.web.close()
    rows = _log(log_path)
    assert [r["action"] for r in rows] == ["error"] * 4
    assert "port" in str(rows[2]["error"]) and "longer" in str(rows[3]["error"])


def test_internal_failure_blocks_logs_and_continues(
    index_path: Path, log_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    web = _filter(index_path, log_path)
    helper = SquidHelper(web, "rewrite", block_page=BLOCK_PAGE)
    real = web.decide

    def broken(url: str, **kw: object) -> Decision:
        if "boom" in url:
            raise RuntimeError("index vanished")
        return real(url, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(web, "decide", broken)
    assert helper.answer("1 http://boom.test/ 1.2.3.4/- - GET").startswith("1 OK status=302")
    assert helper.answer("2 http://fine.test/ 1.2.3.4/- - GET") == "2 ERR"
    assert "index vanished" in capsys.readouterr().err
    web.close()
    rows = _log(log_path)
    assert rows[0]["action"] == "error" and "index vanished" in str(rows[0]["error"])
    assert rows[1]["action"] == "allow"


def test_unknown_mode_is_refused(index_path: Path, log_path: Path) -> None:
    with pytest.raises(ValueError, match="rewrite, acl"):
        SquidHelper(_filter(index_path, log_path), "redirect")


# --- the serving loop -------------------------------------------------------------------

def _serve(helper: SquidHelper, data: bytes, tmp_path: Path) -> list[str]:
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(data)
    with src.open("rb") as fin, dst.open("wb") as fout:
        helper.serve(fin.fileno(), fout.fileno())
    return dst.read_text().split("\n")


def test_serve_answers_every_line_in_order(index_path: Path, log_path: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(squid, "READ_SIZE", 7)  # lines split across many reads
    helper = SquidHelper(_filter(index_path, log_path), "rewrite", block_page=BLOCK_PAGE)
    data = (b"0 http://bet.test/ 1.2.3.4/- - GET\r\n"
            b"1 http://ok.test/ 1.2.3.4/- - GET\n"
            b"\n"
            b"2 http://caf\xc3\xa9.test/ 1.2.3.4/- - GET\n"
            b"3 http://\xff\xfe.test/ 1.2.3.4/- - GET\n"
            b"4 http://ok.test/last-line-without-newline 1.2.3.4/- - GET")
    out = _serve(helper, data, tmp_path)
    assert out[-1] == ""  # every answer ends with a newline
    answers = out[:-1]
    assert len(answers) == 6
    assert answers[0].startswith("0 OK status=302")
    assert answers[1] == "1 ERR"
    assert answers[2].startswith("OK status=302")  # a blank line: blocked, not skipped
    assert answers[3] == "2 ERR"
    assert answers[4].startswith("3 ")  # undecodable bytes still get their answer
    assert answers[5] == "4 ERR"
    helper.web.close()
    assert _log(log_path)[3]["host"] == "xn--caf-dma.test"


def test_serve_cuts_overlong_lines_and_keeps_going(index_path: Path, log_path: Path,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(squid, "READ_SIZE", 4096)
    monkeypatch.setattr(squid, "MAX_LINE", 20000)
    helper = SquidHelper(_filter(index_path, log_path), "acl")
    huge = b"5 1.2.3.4 - GET http://ok.test/" + b"a" * 100_000 + b" -\n"
    out = _serve(helper, b"4 1.2.3.4 - GET http://bet.test/ -\n" + huge
                 + b"6 1.2.3.4 - GET http://ok.test/ -\n", tmp_path)
    assert len(out) == 4 and out[-1] == ""
    assert out[0].startswith("4 ERR ")
    assert out[1] == '5 ERR log="error/-/-"'
    assert out[2] == '6 OK log="allow/-/-"'
    helper.web.close()
    rows = _log(log_path)
    assert [r["action"] for r in rows] == ["block", "error", "allow"]
    assert "longer than" in str(rows[1]["error"])


def test_command_serves_stdin_and_logs(index_path: Path, log_path: Path) -> None:
    script = Path(sys.executable).with_name("aupguard")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "aupguard.cli"]
    lines = "0 http://bet.test/x 192.0.2.1/- - GET\n1 http://ok.test/ 192.0.2.1/- - GET\n"
    run = subprocess.run(
        [*cmd, "web", "squid-helper", "--mode", "rewrite", "--policy", "belper",
         "--index", str(index_path), "--log", str(log_path), "--block-page", BLOCK_PAGE,
         "--channel-ids"],
        input=lines, capture_output=True, text=True, timeout=60,
        env={**os.environ, "AUPGUARD_DATA_DIR": str(index_path.parent)}, check=False,
    )
    assert run.returncode == 0, run.stderr
    answers = run.stdout.splitlines()
    assert answers[0].startswith(f'0 OK status=302 url="{BLOCK_PAGE}?url=http%3A%2F%2Fbet.test')
    assert answers[1] == "1 ERR"
    assert [(r["via"], r["action"]) for r in _log(log_path)] == [
        ("squid", "block"), ("squid", "allow")]


def test_command_usage_errors(index_path: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    base = ["web", "squid-helper", "--index", str(index_path), "--no-log"]
    assert main([*base, "--mode", "acl", "--block-page", "ftp://x/"]) == 3
    assert "--block-page 'ftp://x/'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([*base, "--mode", "redirect"])
    assert exc.value.code == 3
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(tmp_path / "empty"))
    assert main(["web", "squid-helper", "--mode", "acl", "--no-log"]) == 3
    assert "aupguard lists compile" in capsys.readouterr().err


def test_sighup_reopens_the_log_after_logrotate(index_path: Path, log_path: Path) -> None:
    script = Path(sys.executable).with_name("aupguard")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "aupguard.cli"]
    proc = subprocess.Popen(
        [*cmd, "web", "squid-helper", "--mode", "acl", "--policy", "belper",
         "--index", str(index_path), "--log", str(log_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write("1.2.3.4 - GET http://bet.test/ -\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("ERR ")  # answered: handler installed
        rotated = log_path.with_name("access.jsonl.1")
        log_path.rename(rotated)
        proc.send_signal(signal.SIGHUP)
        proc.stdin.write("1.2.3.4 - GET http://ok.test/ -\n")
        proc.stdin.flush()
        assert proc.stdout.readline() == 'OK log="allow/-/-"\n'
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert [r["host"] for r in _log(rotated)] == ["bet.test"]
    assert [r["host"] for r in _log(log_path)] == ["ok.test"]
