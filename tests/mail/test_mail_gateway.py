"""The gateway without Postfix: aiosmtpd in this process, the filter on a free port and an
aiosmtpd sink standing in for Postfix's reinjection smtpd. Every answer the gateway
gives Postfix is checked against what happened to the message."""

from __future__ import annotations

import json
import re
import shutil
import signal
import smtplib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _mailfiles import encrypted_zip, nested_zips, pe_stub, zip_bomb, zip_of
from _mailfiles import mail as _mail
from _smtpsink import SinkHandler, free_port, smtp_sink

from aupguard.cli import main
from aupguard.engine import Checker
from aupguard.mail.gateway import INTERNAL_ERROR, Gateway, GatewayController, smtp_options
from aupguard.mail.journal import DELIVERED, DELIVERING, HELD, Journal, message_digest
from aupguard.mail.limits import MB, Limits
from aupguard.mail.postfix import split_config
from aupguard.mail.quarantine import Quarantine
from aupguard.mail.reinject import InlineDeliverer, WorkerDeliverer
from aupguard.mail.replies import add_verdict_headers, direction_of, refusal_reply

SENDER = "clerk@leighonseatowncouncil.gov.uk"
EXTERNAL = "resident@example.org"
PHONE = "Please ring the resident back on 07700 900123 today."
ADVERT = "Buy my handmade candles, 20% off this week only, order now at candles.example.com"


def mail(*args: Any, **kwargs: Any) -> bytes:
    """A test message with CRLF line ends, as SMTP carries it."""
    return _mail(*args, **kwargs).replace(b"\n", b"\r\n")


@pytest.fixture(scope="module")
def leigh() -> Checker:
    return Checker("leigh")


class Rig:
    """A running gateway and its sink."""

    def __init__(self, gateway: Gateway, port: int, sink: SinkHandler, quarantine: Quarantine):
        self.gateway, self.port, self.sink, self.quarantine = gateway, port, sink, quarantine

    def send(self, raw: bytes, rcpts: list[str] | None = None, sender: str = SENDER,
             xforward: str | None = None, options: list[str] | None = None) -> tuple[int, str]:
        """One SMTP transaction; returns the DATA reply."""
        with smtplib.SMTP("127.0.0.1", self.port, timeout=60) as smtp:
            smtp.ehlo("postfix.test")
            if xforward:
                assert smtp.docmd("XFORWARD", xforward)[0] == 250
            code, msg = smtp.mail(sender, options or [])
            assert code == 250, msg
            for r in rcpts or [EXTERNAL]:
                assert smtp.rcpt(r)[0] == 250
            code, msg = smtp.data(raw)
            return code, msg.decode()


Starter = Callable[..., Rig]


@pytest.fixture
def start(tmp_path: Path, leigh: Checker) -> Iterator[Starter]:
    """start(**options) -> a Rig; everything stopped afterwards."""
    stops: list[Callable[[], None]] = []

    def make(reinject_port: int | None = None, inline: bool = False, max_size: int = 100 * MB,
             **gateway_options: Any) -> Rig:
        sink_cm = smtp_sink()
        sink, sink_port = sink_cm.__enter__()
        stops.append(lambda: sink_cm.__exit__(None, None, None))
        quarantine = Quarantine(tmp_path / "quarantine")
        target = ("127.0.0.1", reinject_port or sink_port)
        quarantine.ensure()
        deliverer = (InlineDeliverer(target, Journal(quarantine.journal_dir)) if inline
                     else WorkerDeliverer(target, quarantine.journal_dir))
        gateway = Gateway(leigh, quarantine, deliverer, **gateway_options)
        port = free_port()
        options = smtp_options(max_size)
        options["server_hostname"] = options.pop("hostname")  # hostname: where to listen
        controller = GatewayController(gateway, hostname="127.0.0.1", port=port, **options)
        controller.start()
        stops.append(gateway.close)
        stops.append(controller.stop)
        return Rig(gateway, port, sink, quarantine)

    yield make
    for stop in reversed(stops):
        stop()


def test_clean_mail_is_delivered_with_verdict_headers(start: Starter) -> None:
    rig = start()
    raw = mail("The meeting is on Tuesday at 7pm.", to=EXTERNAL)
    code, text = rig.send(raw)
    assert code == 250 and "delivered" in text
    [got] = rig.sink.snapshot()
    assert got.mail_from == SENDER and got.rcpt_tos == (EXTERNAL,)
    assert got.data == b"X-AUP-Verdict: deliver\r\n" + raw  # the original bytes, unchanged
    assert rig.quarantine.list() == []


def test_warnings_travel_as_clause_header(start: Starter) -> None:
    rig = start()
    raw = mail(ADVERT, to=EXTERNAL)
    assert rig.send(raw)[0] == 250
    [got] = rig.sink.snapshot()
    head = got.data.split(b"\r\n\r\n", 1)[0]
    assert b"X-AUP-Clauses: leigh.internet.personal-business\r\n" in head
    assert got.data.endswith(raw)


def test_forged_verdict_headers_are_removed() -> None:
    raw = (b"X-AUP-Verdict: deliver\r\nSubject: hi\r\nx-aup-clauses: a,\r\n b\r\n\r\n"
           b"X-AUP-Verdict: in the body stays\r\n")
    out = add_verdict_headers(raw, "deliver", ["leigh.x.y"])
    assert out == (b"X-AUP-Verdict: deliver\r\nX-AUP-Clauses: leigh.x.y\r\nSubject: hi\r\n"
                   b"\r\nX-AUP-Verdict: in the body stays\r\n")


def test_direction_from_the_envelope() -> None:
    domains = ["leighonseatowncouncil.gov.uk"]
    assert direction_of(SENDER, [EXTERNAL], domains) == "outbound"
    assert direction_of(SENDER, ["a@leighonseatowncouncil.gov.uk"], domains) == "internal"
    assert direction_of(EXTERNAL, ["a@mail.leighonseatowncouncil.gov.uk"], domains) == "inbound"
    assert direction_of("", ["a@leighonseatowncouncil.gov.uk"], domains) == "inbound"


def test_personal_data_to_external_is_held(start: Starter) -> None:
    rig = start()
    raw = mail(PHONE, to=EXTERNAL)
    code, text = rig.send(raw, xforward="NAME=client.example ADDR=192.0.2.7 IDENT=4XyzQ1")
    assert code == 250 and "held for review as" in text
    [item] = rig.quarantine.list()
    assert item.id in text
    assert item.raw() == raw
    assert item.meta["envelope"]["rcpt_to"] == [EXTERNAL]
    assert item.meta["envelope"]["client"] == {"NAME": "client.example", "ADDR": "192.0.2.7"}
    assert item.meta["queue_id"] == "4XyzQ1" and item.meta["direction"] == "outbound"
    assert "leigh.work-use.data-protection" in item.meta["verdict"]["clauses"]
    assert item.meta["verdict"]["findings"][0]["excerpt"]
    assert rig.sink.snapshot() == []
    # the record is the JSON beside the message, written whole
    assert json.loads(item.eml.with_suffix(".json").read_text())["id"] == item.id


def test_internal_personal_data_is_delivered(start: Starter) -> None:
    rig = start()
    colleague = "office@leighonseatowncouncil.gov.uk"
    assert rig.send(mail(PHONE, to=colleague), rcpts=[colleague])[0] == 250
    assert len(rig.sink.snapshot()) == 1


def test_program_is_refused_with_clause_and_fix(start: Starter, leigh: Checker) -> None:
    rig = start()
    raw = mail("Here is the tool.", to=EXTERNAL,
               attachments=[("tool.exe", pe_stub(), "application/octet-stream")])
    code, text = rig.send(raw)
    assert code == 550
    assert text.startswith("5.7.1 Not delivered: tool.exe is a program")
    assert "leigh.internet.malware" in text and "To send it: remove tool.exe" in text
    assert text.isascii() and "\n" not in text and len(text) < 400
    assert rig.sink.snapshot() == [] and rig.quarantine.list() == []


def test_refusal_text_for_a_blocked_text_finding(leigh: Checker) -> None:
    from aupguard.mail.checkmail import MailFinding

    class V:
        attachments = ()
        findings = (MailFinding("1", "leigh.internet.malware", "abuse", 0, 4, "block",
                                subtype="threat"),)
        reason, clauses = "", ()

    text = refusal_reply(V(), leigh.pack)
    assert text.startswith("550 5.7.1 Not delivered: part 1 has abuse (threat).")
    assert "leigh.internet.malware (Do not bring viruses" in text
    assert text.endswith("To send it: remove or rephrase it and send again.")


def test_encrypted_zip_and_malformed_mime_are_held(start: Starter) -> None:
    rig = start()
    locked = mail("See attached.", to=EXTERNAL,
                  attachments=[("minutes.zip", encrypted_zip(), "application/zip")])
    broken = (b"From: a@example.org\r\nTo: resident@example.org\r\nSubject: x\r\n"
              b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"; "
              b"boundary=\"b2\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1--\r\n")
    for raw in (locked, broken):
        code, text = rig.send(raw)
        assert code == 250 and "held for review" in text, text
    reasons = [i.meta["reason"] for i in rig.quarantine.list()]
    assert "encrypted" in reasons[0] and "could not be checked" in reasons[1]
    assert rig.sink.snapshot() == []


def test_reinjection_down_is_451_and_the_retry_delivers(start: Starter, tmp_path: Path) -> None:
    closed = free_port()  # nothing listens here
    rig = start(reinject_port=closed)
    raw = mail("Agenda attached.", to=EXTERNAL)
    code, text = rig.send(raw)
    assert code == 451 and text.startswith("4.4.1")
    digest = message_digest(SENDER, [EXTERNAL], raw)
    assert rig.gateway.journal.get(digest) is None  # nothing recorded: a retry starts over
    with smtp_sink(closed) as (sink, _):  # Postfix's smtpd is back
        assert rig.send(raw)[0] == 250
        [got] = sink.snapshot()
    assert got.data.endswith(raw)
    entry = rig.gateway.journal.get(digest)
    assert entry is not None and entry.state == DELIVERED and entry.ref == "SINK"


def test_reinjection_5xx_is_passed_back(start: Starter) -> None:
    rig = start()
    rig.sink.rcpt_reply = "550 5.1.1 <resident@example.org>: Recipient address rejected"
    code, text = rig.send(mail("Hello.", to=EXTERNAL))
    assert code == 550 and "Recipient address rejected" in text
    rig.sink.rcpt_reply = None
    rig.sink.reply = "452 4.3.1 Insufficient system storage"
    code, text = rig.send(mail("Hello again.", to=EXTERNAL))
    assert code == 451 and "Insufficient system storage" in text


def test_quarantine_unwritable_is_451_then_held_once(start: Starter) -> None:
    rig = start()
    held = rig.quarantine.held_dir
    shutil.rmtree(held)
    held.write_text("not a folder")  # root ignores permissions; this fails for everyone
    raw = mail(PHONE, to=EXTERNAL)
    code, text = rig.send(raw)
    assert code == 451 and "quarantine" in text
    held.unlink()
    code, text = rig.send(raw)  # Postfix's retry
    assert code == 250
    [item] = rig.quarantine.list()
    entry = rig.gateway.journal.get(message_digest(SENDER, [EXTERNAL], raw))
    assert entry is not None and entry.state == HELD and entry.ref == item.id


def test_checker_raising_holds_the_message(start: Starter) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("detector exploded")

    rig = start(check=broken)
    raw = mail("The meeting is on Tuesday.", to=EXTERNAL)
    code, text = rig.send(raw)
    assert code == 250 and INTERNAL_ERROR in text
    [item] = rig.quarantine.list()
    assert item.meta["reason"] == INTERNAL_ERROR and item.raw() == raw
    assert "detector exploded" in item.meta["verdict"]["problems"][0]["detail"]
    assert item.meta["subject"] == "Note"
    assert rig.sink.snapshot() == []


def test_a_retry_is_not_done_twice(start: Starter) -> None:
    rig = start()
    clean, personal = mail("Hello.", to=EXTERNAL), mail(PHONE, to=EXTERNAL)
    assert "delivered" in rig.send(clean)[1]
    assert "already delivered" in rig.send(clean)[1]
    first = rig.send(personal)[1]
    again = rig.send(personal)[1]
    assert "already held" in again
    assert len(rig.sink.snapshot()) == 1 and len(rig.quarantine.list()) == 1
    assert rig.quarantine.list()[0].id in first and rig.quarantine.list()[0].id in again


def test_delivery_in_flight_elsewhere_is_451(start: Starter) -> None:
    rig = start()
    raw = mail("Hello.", to=EXTERNAL)
    digest = message_digest(SENDER, [EXTERNAL], raw)
    journal = rig.gateway.journal
    journal.set(digest, DELIVERING)
    with journal.inflight(digest) as mine:  # as an older worker still delivering would
        assert mine
        code, text = rig.send(raw)
    assert code == 451 and "still in progress" in text
    assert rig.sink.snapshot() == []
    # the lock is free and the state still says delivering: that attempt died mid-way;
    # the message is delivered (again, perhaps: the documented window)
    assert rig.send(raw)[0] == 250 and len(rig.sink.snapshot()) == 1


def test_too_large_to_check_is_held_and_over_the_smtp_limit_is_552(start: Starter) -> None:
    rig = start(max_size=3 * MB, check_options={"limits": Limits(max_message_bytes=1 * MB)})
    big = mail("Attached.", to=EXTERNAL,
               attachments=[("data.bin", bytes(range(256)) * 6000, "application/octet-stream")])
    assert 1 * MB < len(big) < 3 * MB
    code, text = rig.send(big)
    assert code == 250 and "held for review" in text and "too large" in text.lower()
    huge = big + (b"x" * 998 + b"\r\n") * (3 * MB // 1000)
    with smtplib.SMTP("127.0.0.1", rig.port, timeout=60) as smtp:
        smtp.ehlo("postfix.test")
        assert smtp.esmtp_features["size"] == str(3 * MB)  # advertised
        assert smtp.mail(SENDER, [f"SIZE={len(huge)}"])[0] == 552  # declared too big
    assert rig.send(huge)[0] == 552  # or found too big while reading it
    assert len(rig.quarantine.list()) == 1 and rig.sink.snapshot() == []


def test_fifty_megabyte_message_is_held(start: Starter) -> None:
    rig = start(inline=True)
    line = b"A" * 76 + b"\r\n"
    body = line * (51 * MB // len(line))
    raw = (b"From: clerk@leighonseatowncouncil.gov.uk\r\nTo: resident@example.org\r\n"
           b"Subject: big\r\nMessage-ID: <big@example.org>\r\n\r\n") + body
    code, text = rig.send(raw)
    assert code == 250 and "held for review" in text
    [item] = rig.quarantine.list()
    assert item.meta["size"] == len(raw) and "too large" in item.meta["reason"]


def test_long_lines_null_sender_and_smtputf8_pass_through(start: Starter) -> None:
    rig = start()
    raw = (b"From: <>\r\nTo: resident@example.org\r\nSubject: long\r\n\r\n"
           + b"word " * 1000 + b"\r\n")
    assert rig.send(raw, sender="")[0] == 250
    utf8 = "résident@example.org"
    raw8 = ("From: clerk@leighonseatowncouncil.gov.uk\r\nTo: " + utf8 +
            "\r\nSubject: café\r\n\r\nThe meeting is on Tuesday.\r\n").encode()
    assert rig.send(raw8, rcpts=[utf8], options=["SMTPUTF8", "BODY=8BITMIME"])[0] == 250
    first, second = rig.sink.snapshot()
    assert first.mail_from == "<>" and first.data.endswith(raw)
    assert second.rcpt_tos == (utf8,) and "SMTPUTF8" in second.mail_options
    assert "BODY=8BITMIME" in second.mail_options and second.data.endswith(raw8)


def test_archive_with_a_program_inside_is_refused(start: Starter) -> None:
    rig = start()
    raw = mail("Report.", to=EXTERNAL,
               attachments=[("report.zip", zip_of([("setup/run.exe", pe_stub())]),
                             "application/zip")])
    code, text = rig.send(raw)
    assert code == 550 and "run.exe" in text


def test_postfix_config_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mail", "postfix-config", "--listen", "127.0.0.1:10035",
                 "--reinject", "127.0.0.1:10036", "--maxproc", "3"]) == 0
    main_part, master_part = split_config(capsys.readouterr().out)
    assert "\ncontent_filter = aupguard:[127.0.0.1]:10035\n" in main_part
    assert "\naupguard_destination_recipient_limit = 1000\n" in main_part
    assert re.search(r"^aupguard\s+unix\s+-\s+-\s+n\s+-\s+3\s+smtp$", master_part, re.M)
    assert re.search(r"^127\.0\.0\.1:10036\s+inet\s+n\s+-\s+n\s+-\s+-\s+smtpd$", master_part,
                     re.M)
    for option in ("-o content_filter=\n", "-o smtpd_authorized_xforward_hosts=127.0.0.0/8\n",
                   "-o receive_override_options=no_unknown_recipient_checks,"
                   "no_header_body_checks,no_milters\n", "-o smtp_send_xforward_command=yes\n"):
        assert option in master_part
    assert main(["mail", "postfix-config", "--listen", "nowhere"]) == 3
    assert main(["mail", "serve", "--reinject", "127.0.0.1:99999"]) == 3


def test_a_dead_reinjection_worker_is_replaced(start: Starter) -> None:
    rig = start()
    assert rig.send(mail("First.", to=EXTERNAL))[0] == 250
    deliverer = rig.gateway.deliverer
    assert isinstance(deliverer, WorkerDeliverer) and deliverer._proc is not None
    old = deliverer._proc
    old.send_signal(signal.SIGKILL)
    old.wait()
    raw = mail("Second.", to=EXTERNAL)
    replies = [rig.send(raw)[0]]
    if replies[0] != 250:  # the gateway may learn of the death from this message
        replies.append(rig.send(raw)[0])
    assert replies in ([250], [451, 250])
    assert deliverer._proc is not old
    assert [r.data.endswith(raw) for r in rig.sink.snapshot()] == [False, True]


def test_bad_input_is_held_or_refused_and_the_filter_keeps_serving(start: Starter) -> None:
    rig = start()
    head = (b"From: clerk@leighonseatowncouncil.gov.uk\r\nTo: resident@example.org\r\n"
            b"Message-ID: <bad@example.org>\r\nMIME-Version: 1.0\r\n")
    bad = {
        "zip bomb": mail("Data.", to=EXTERNAL,
                         attachments=[("data.zip", zip_bomb(100), "application/zip")]),
        "20 nested archives": mail("Data.", to=EXTERNAL, attachments=[
            ("deep.zip", nested_zips(20), "application/zip")]),
        "unknown charset": head + (b"Subject: x\r\nContent-Type: text/plain; "
                                   b"charset=x-no-such-charset\r\n\r\nhello\r\n"),
        "header injection": head + (b"Subject: =?utf-8?q?hi=0D=0ABcc:_all@example.org?=\r\n"
                                    b"Content-Type: text/plain\r\n\r\nhello\r\n"),
    }
    for name, raw in bad.items():
        code, text = rig.send(raw)
        assert (code == 250 and "held for review" in text) or code == 550, (name, code, text)
    assert len(rig.quarantine.list()) == len(bad)
    assert all(i.meta["reason"] for i in rig.quarantine.list())
    assert rig.send(mail("The meeting is on Tuesday.", to=EXTERNAL))[0] == 250
    assert len(rig.sink.snapshot()) == 1


def test_a_bounce_that_would_be_refused_is_held(start: Starter) -> None:
    rig = start()
    raw = mail("Returned.", to=SENDER, sender="MAILER-DAEMON@example.org",
               attachments=[("tool.exe", pe_stub(), "application/octet-stream")])
    code, text = rig.send(raw, rcpts=[SENDER], sender="")
    assert code == 250 and "cannot be bounced" in text
    [item] = rig.quarantine.list()
    assert item.meta["envelope"]["mail_from"] == "" and item.meta["direction"] == "inbound"
