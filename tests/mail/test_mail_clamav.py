"""ClamAV through a real clamd: clean, EICAR attached, EICAR in a zip, in a forwarded
message, clamd down, a blob over clamd's stream limit, a clamd that never answers.

clamd runs from a temp folder whose database holds one signature: the EICAR test
string (signature updates need the internet). The EICAR string is put together at run
time so this file never holds it whole (desktop scanners would quarantine the file).
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY
from pathlib import Path

import pytest
from _mailfiles import mail, zip_of

from _ports import free_port
from aupguard.engine import Checker
from aupguard.mail.checkmail import check_mail
from aupguard.mail.clamav import (
    ClamdScanner,
    ScanResult,
    attachment_payloads,
    parse_address,
    parse_reply,
    scan_message,
)
from aupguard.mail.mime import parse_mail

CLAMD = Path("/usr/sbin/clamd")
SIGNATURE = "Aupguard.Test.EICAR"
STREAM_MAX = 1024 * 1024  # clamd's StreamMaxLength in the test config
FILE_MAX = 512 * 1024  # clamd's MaxFileSize: larger files are not scanned whole
MALWARE_CLAUSE = {"leigh": "leigh.internet.malware", "belper": "belper.general.chain-letters"}


def eicar() -> bytes:
    """The EICAR anti-virus test file (harmless), from pieces."""
    return b"".join((b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$", b"EICAR-STANDARD-",
                     b"ANTIVIRUS-TEST-", b"FILE!$H+H*"))




class Clamd:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.socket = folder / "clamd.sock"
        self.port = port

    @property
    def unix(self) -> str:
        return f"unix:{self.socket}"

    @property
    def tcp(self) -> str:
        return f"127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def clamd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clamd]:
    if not CLAMD.exists():
        pytest.skip("clamd not installed (Debian package clamav-daemon)")
    folder = tmp_path_factory.mktemp("clamd")
    db = folder / "db"
    db.mkdir()
    # A body signature (any file type, any offset): clamd matches it in decoded MIME
    # parts and unpacked archives, as it would its real EICAR signature.
    (db / "aupguard-test.ndb").write_text(f"{SIGNATURE}:0:*:{eicar().hex()}\n")
    server = Clamd(folder, free_port())
    conf = folder / "clamd.conf"
    conf.write_text(
        f"DatabaseDirectory {db}\nLocalSocket {server.socket}\nTCPSocket {server.port}\n"
        f"TCPAddr 127.0.0.1\nForeground yes\nLogFile {folder / 'clamd.log'}\n"
        f"PidFile {folder / 'clamd.pid'}\nStreamMaxLength {STREAM_MAX}\n"
        f"MaxFileSize {FILE_MAX}\nAlertExceedsMax yes\n")
    folder.chmod(0o755)  # readable should clamd drop privileges
    log = (folder / "stdout.log").open("wb")
    proc = subprocess.Popen([str(CLAMD), f"--config-file={conf}"], stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        scanner = ClamdScanner(server.unix, connect_timeout=1.0)
        deadline = time.monotonic() + 120  # a startup wait, not a timing assertion
        while not scanner.ping():
            if proc.poll() is not None or time.monotonic() > deadline:
                out = (folder / "stdout.log").read_text(errors="replace")
                pytest.fail(f"clamd did not start (exit {proc.returncode}):\n{out[-2000:]}")
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def checkers() -> dict[str, Checker]:
    return {"leigh": Checker("leigh"), "belper": Checker("belper")}


def test_clean_message_is_clean_and_delivered(clamd: Clamd, checkers: dict[str, Checker]
                                              ) -> None:
    scanner = ClamdScanner(clamd.unix)
    raw = mail("The agenda is attached.",
               attachments=[("agenda.txt", b"1. Apologies\n2. Minutes\n", "text/plain")])
    assert scanner.scan(raw) == ScanResult("clean")
    assert scan_message(scanner, raw) == ([], None)
    verdict = check_mail(checkers["leigh"], raw, scanner=scanner)
    assert verdict.action == "deliver" and verdict.problems == ()


@pytest.mark.parametrize("pack", ["leigh", "belper"])
def test_eicar_attachment_is_refused_citing_the_malware_clause(
        clamd: Clamd, checkers: dict[str, Checker], pack: str) -> None:
    scanner = ClamdScanner(clamd.unix)
    raw = mail("The file you asked for.",
               attachments=[("tool.dat", eicar(), "application/octet-stream")])
    found = scanner.scan(raw)
    assert found.status == "found" and found.signature and SIGNATURE in found.signature
    verdict = check_mail(checkers[pack], raw, scanner=scanner)
    assert verdict.action == "refuse"
    (virus,) = [a for a in verdict.attachments if a.reason == "virus"]
    assert (virus.part, virus.filename, virus.clause) == ("2", "tool.dat", MALWARE_CLAUSE[pack])
    assert virus.signature is not None and SIGNATURE in virus.signature
    assert SIGNATURE in verdict.reason and MALWARE_CLAUSE[pack] in verdict.reason
    assert verdict.to_json()["attachments"][0]["signature"] == virus.signature  # type: ignore[index]


def test_eicar_inside_a_zip_is_found(clamd: Clamd, checkers: dict[str, Checker]) -> None:
    scanner = ClamdScanner(clamd.tcp)  # the TCP socket this time
    archive = zip_of([("docs/readme.txt", b"Read me first."), ("docs/tool.com", eicar())])
    raw = mail("Two files.", attachments=[
        ("minutes.txt", b"Minutes of the meeting.", "text/plain"),
        ("bundle.zip", archive, "application/zip")])
    hits, error = scan_message(scanner, raw)
    assert error is None
    assert [(h.part, h.filename) for h in hits] == [("3", "bundle.zip")]
    verdict = check_mail(checkers["leigh"], raw, scanner=scanner)
    assert verdict.action == "refuse"
    assert [a.part for a in verdict.attachments if a.reason == "virus"] == ["3"]


def test_eicar_in_a_zip_in_a_forwarded_message_names_the_part(
        clamd: Clamd, checkers: dict[str, Checker]) -> None:
    inner = EmailMessage()
    inner["From"], inner["To"], inner["Subject"] = "a@example.com", "b@example.com", "Fwd"
    inner.set_content("See the zip.")
    inner.add_attachment(zip_of([("x.com", eicar())]), maintype="application",
                         subtype="zip", filename="inner.zip")
    outer = EmailMessage()
    outer["From"], outer["To"], outer["Subject"] = "clerk@example.org", "c@example.com", "FW"
    outer.set_content("Forwarding this.")
    outer.add_attachment(inner)
    raw = outer.as_bytes(policy=DEFAULT_POLICY)
    scanner = ClamdScanner(clamd.unix)
    verdict = check_mail(checkers["leigh"], raw, scanner=scanner)
    assert verdict.action == "refuse"
    (virus,) = [a for a in verdict.attachments if a.reason == "virus"]
    # the part id is the one parse_mail gives the zip, so reports line up
    parsed_parts = {e.part for e in parse_mail(raw).attachments if e.filename == "inner.zip"}
    assert parsed_parts == {virus.part} and virus.filename == "inner.zip"
    assert {p for p, _, _ in attachment_payloads(raw)} == {e.part for e in
                                                          parse_mail(raw).attachments}


def test_eicar_in_the_body_text_is_reported_for_the_whole_message(
        clamd: Clamd, checkers: dict[str, Checker]) -> None:
    raw = mail("Test string: " + eicar().decode())
    verdict = check_mail(checkers["leigh"], raw, scanner=ClamdScanner(clamd.unix))
    assert verdict.action == "refuse"
    (virus,) = [a for a in verdict.attachments if a.reason == "virus"]
    assert virus.part == "message" and "the message contains a virus" in virus.detail


def test_missing_socket_holds_as_could_not_be_checked(
        tmp_path: Path, checkers: dict[str, Checker]) -> None:
    scanner = ClamdScanner(f"unix:{tmp_path / 'no-such.sock'}")
    assert not scanner.ping()
    result = scanner.scan(b"anything")
    assert result.status == "error" and "cannot be reached" in result.reason
    verdict = check_mail(checkers["leigh"], mail("Hello."), scanner=scanner)
    assert verdict.action == "hold"
    assert verdict.reason.startswith("could not be checked: virus scanner unavailable")
    assert [p.code for p in verdict.problems] == ["virus-scan"]


def test_stopped_clamd_holds(tmp_path: Path, checkers: dict[str, Checker]) -> None:
    """A socket file left behind by a clamd that is no longer running."""
    path = tmp_path / "stale.sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
    assert path.exists()
    scanner = ClamdScanner(f"unix:{path}")
    assert scanner.scan(b"x").status == "error"
    raw = mail("x", attachments=[("tool.dat", eicar(), "application/octet-stream")])
    verdict = check_mail(checkers["belper"], raw, scanner=scanner)
    assert verdict.action == "hold" and "virus scanner unavailable" in verdict.reason
    assert "belper.legislation.data-protection" in verdict.reason  # mail.unreadable


def test_attachment_over_the_stream_limit_holds(clamd: Clamd, checkers: dict[str, Checker]
                                                ) -> None:
    big = bytes(range(256)) * (2 * STREAM_MAX // 256)
    raw = mail("The recording.", attachments=[("talk.bin", big, "application/octet-stream")])
    scanner = ClamdScanner(clamd.unix)
    result = scanner.scan(raw)
    assert result.status == "error" and "size limit" in result.reason
    verdict = check_mail(checkers["leigh"], raw, scanner=scanner)
    assert verdict.action == "hold" and "virus scanner unavailable" in verdict.reason
    assert scanner.ping()  # clamd keeps serving


def test_a_file_clamd_cannot_scan_whole_holds(clamd: Clamd, checkers: dict[str, Checker]
                                              ) -> None:
    """With AlertExceedsMax, clamd names a file over its limits Heuristics.Limits.Exceeded:
    not a virus, and not clean either."""
    big = bytes(range(256)) * (FILE_MAX // 256 + 256)
    raw = mail("The plans.", attachments=[("plans.bin", big, "application/octet-stream")])
    assert len(raw) < STREAM_MAX
    scanner = ClamdScanner(clamd.unix)
    result = scanner.scan(raw)
    assert result.status == "error" and result.signature is not None
    assert result.signature.startswith("Heuristics.Limits.Exceeded")
    verdict = check_mail(checkers["leigh"], raw, scanner=scanner)
    assert verdict.action == "hold" and "could not scan all of it" in verdict.reason


def test_a_clamd_that_never_answers_times_out_and_holds(checkers: dict[str, Checker]) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    accepted: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(conn)  # read nothing, answer nothing

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        scanner = ClamdScanner(f"127.0.0.1:{port}", timeout=0.5)
        verdict = check_mail(checkers["leigh"], mail("Hello."), scanner=scanner)
        assert verdict.action == "hold"
        assert "virus scanner unavailable" in verdict.reason and "timed out" in verdict.reason
    finally:
        done.set()
        listener.close()
        for conn in accepted:
            conn.close()
        thread.join(timeout=5)


def test_reply_parsing() -> None:
    assert parse_reply("stream: OK") == ScanResult("clean")
    assert parse_reply("stream: Win.Test.EICAR_HDB-1 FOUND") == ScanResult(
        "found", "Win.Test.EICAR_HDB-1")
    over = parse_reply("stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND")
    assert over.status == "error" and "could not scan all" in over.reason
    assert parse_reply("INSTREAM size limit exceeded. ERROR").status == "error"
    assert parse_reply("").status == "error"


def test_address_forms() -> None:
    assert parse_address("unix:/run/clamav/clamd.ctl")[1] == "/run/clamav/clamd.ctl"
    assert parse_address("/run/clamav/clamd.ctl")[1] == "/run/clamav/clamd.ctl"
    assert parse_address("127.0.0.1:3310") == (socket.AF_INET, ("127.0.0.1", 3310))
    assert parse_address("[::1]:3310") == (socket.AF_INET6, ("::1", 3310))
    with pytest.raises(ValueError):
        parse_address("clamd")


def test_the_test_file_does_not_hold_the_eicar_string() -> None:
    assert eicar() not in Path(__file__).read_bytes()
