"""Bulk-mail limits: external recipients per message, external messages per sender per
sliding hour (SQLite, shared between processes), and chain letters reaching the
checker from an email body."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from _mailfiles import mail

from aupguard.engine import Checker
from aupguard.engine import on_council_domains as is_internal
from aupguard.mail.bulk import BulkCounter, external_recipients
from aupguard.mail.checkmail import check_mail

LEIGH = "leighonseatowncouncil.gov.uk"
BULK_CLAUSE = {"leigh": "leigh.internet.chain-letters", "belper": "belper.general.chain-letters"}
SENDER = f"clerk@{LEIGH}"
CHAIN_LETTER = """Dear friend,

This letter has been around the world nine times. Send this letter to ten people you
know within 24 hours of receiving it and you will receive good luck in 4 days.
Do not break the chain! One man who ignored it lost his job.

Send 5 pounds to each of the names on the list, then add your name to the bottom of the
list.
"""


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module", params=["leigh", "belper"])
def council(request: pytest.FixtureRequest) -> tuple[str, Checker]:
    return request.param, Checker(request.param)


@pytest.fixture(scope="module")
def leigh() -> Checker:
    return Checker("leigh")


def _hourly(checker: Checker, limit: int) -> Checker:
    """The pack with a small hourly limit, so the test sends a handful of messages."""
    pack = checker.pack
    assert pack.mail.bulk is not None
    bulk = pack.mail.bulk.model_copy(update={"max_external_per_sender_per_hour": limit})
    return Checker(pack.model_copy(update={"mail": pack.mail.model_copy(
        update={"bulk": bulk})}))


def test_internal_and_external_addresses() -> None:
    domains = [LEIGH]
    assert is_internal(f"a@{LEIGH}", domains)
    assert is_internal(f"<A@Mail.{LEIGH.upper()}>", domains)  # subdomain, any case
    assert not is_internal(f"a@evil{LEIGH}", domains)  # a suffix is not a subdomain
    assert not is_internal("a@example.com", domains)
    got = external_recipients(["X@example.com", "x@EXAMPLE.com", f"b@{LEIGH}", "y@example.org"],
                              domains)
    assert got == ["x@example.com", "y@example.org"]


def test_recipient_limit_at_n_and_n_plus_one(council: tuple[str, Checker]) -> None:
    name, checker = council
    bulk = checker.pack.mail.bulk
    assert bulk is not None
    n = bulk.max_external_recipients
    at_limit = [f"resident{i}@example.com" for i in range(n)]
    ok = check_mail(checker, mail("The newsletter."), recipients=at_limit)
    assert ok.action == "deliver" and ok.rules == ()
    over = check_mail(checker, mail("The newsletter."), recipients=[*at_limit, "one@more.org"])
    assert over.action == bulk.action == "hold"
    (rule,) = over.rules
    assert rule.rule == "bulk-recipients" and rule.clause == BULK_CLAUSE[name]
    assert f"{n + 1} external recipients" in over.reason and BULK_CLAUSE[name] in over.reason


def test_internal_recipients_do_not_count(council: tuple[str, Checker]) -> None:
    _, checker = council
    bulk = checker.pack.mail.bulk
    assert bulk is not None
    domain = checker.pack.council.email_domains[0]
    rcpts = [f"resident{i}@example.com" for i in range(bulk.max_external_recipients)]
    rcpts += [f"staff{i}@{domain}" for i in range(30)] + [f"m{i}@members.{domain}"
                                                           for i in range(5)]
    rcpts += [r.upper() for r in rcpts[:5]]  # the same people again
    assert check_mail(checker, mail("Agenda."), recipients=rcpts).action == "deliver"


def test_counter_sliding_hour(tmp_path: Path) -> None:
    clock = Clock()
    with BulkCounter(tmp_path / "bulk.sqlite", clock=clock) as counter:
        assert [counter.record("a@x.org") for _ in range(3)] == [1, 2, 3]
        clock.now += 1800
        assert counter.record("A@X.org") == 4  # the same sender, any case
        assert counter.count("b@x.org") == 0
        clock.now += 1799  # 3599 s after the first three
        assert counter.count("a@x.org") == 4
        clock.now += 2  # 3601 s: the first three have left the window
        assert counter.count("a@x.org") == 1
        clock.now += 3600
        assert counter.record("a@x.org") == 1


def test_hourly_limit_in_check_mail(tmp_path: Path, leigh: Checker) -> None:
    checker = _hourly(leigh, 3)
    clock = Clock()
    counter = BulkCounter(tmp_path / "data" / "bulk.sqlite", clock=clock)
    raw = mail("Hello.", to="someone@example.com")

    def send(sender: str = SENDER, to: str = "someone@example.com") -> str:
        clock.now += 60
        return check_mail(checker, raw, sender=sender, recipients=[to], bulk=counter).action

    assert [send() for _ in range(3)] == ["deliver"] * 3
    held = check_mail(checker, raw, sender=SENDER, recipients=["x@example.com"], bulk=counter)
    assert held.action == "hold"
    (rule,) = held.rules
    assert rule.rule == "bulk-hourly" and rule.clause == "leigh.internet.chain-letters"
    assert "4 messages to external recipients" in held.reason
    assert send() == "hold" and counter.count(SENDER) == 5  # held mail still counts
    assert send(sender=f"deputy@{LEIGH}") == "deliver"  # another sender has their own count
    assert send(to=f"office@{LEIGH}") == "deliver"  # internal mail is not counted
    assert counter.count(SENDER) == 5
    clock.now += 3600
    assert send() == "deliver"
    counter.close()
    # a restarted filter sees the same counts
    again = BulkCounter(tmp_path / "data" / "bulk.sqlite", clock=clock)
    assert again.count(SENDER) == 1 and again.count(f"deputy@{LEIGH}") == 0
    again.close()


def test_without_a_counter_only_the_recipient_limit_applies(leigh: Checker) -> None:
    checker = _hourly(leigh, 1)
    for _ in range(3):
        verdict = check_mail(checker, mail("Hello."), sender=SENDER,
                             recipients=["a@example.com"])
        assert verdict.action == "deliver"


def test_sender_defaults_to_the_from_header(tmp_path: Path, leigh: Checker) -> None:
    counter = BulkCounter(tmp_path / "bulk.sqlite", clock=Clock())
    check_mail(leigh, mail("Hello.", sender=SENDER, to="a@example.com"), bulk=counter)
    assert counter.count(SENDER) == 1
    counter.close()


def test_two_counters_on_one_file_see_each_others_counts(tmp_path: Path) -> None:
    path = tmp_path / "bulk.sqlite"
    clock = Clock()
    first, second = BulkCounter(path, clock=clock), BulkCounter(path, clock=clock)
    assert first.record("a@x.org") == 1
    assert second.record("a@x.org") == 2
    assert first.record("a@x.org") == 3 and second.count("a@x.org") == 3
    first.close()
    second.close()


def test_two_processes_count_together(tmp_path: Path) -> None:
    """Another filter process records at the same time as this one: no count is lost
    (each record is one IMMEDIATE transaction)."""
    path = tmp_path / "bulk.sqlite"
    n = 200
    script = ("import sys\nfrom aupguard.mail.bulk import BulkCounter\n"
              "c = BulkCounter(sys.argv[1])\n"
              f"for _ in range({n}): c.record('a@x.org')\nc.close()\n")
    other = subprocess.Popen([sys.executable, "-c", script, str(path)])
    here = BulkCounter(path)
    threads = [threading.Thread(target=lambda: [here.record("a@x.org") for _ in range(n // 2)])
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert other.wait(timeout=120) == 0
    assert here.count("a@x.org") == 2 * n
    here.close()


def test_a_failing_counter_holds(tmp_path: Path, leigh: Checker) -> None:
    counter = BulkCounter(tmp_path / "bulk.sqlite")
    counter.close()  # any use now raises sqlite3.ProgrammingError
    verdict = check_mail(leigh, mail("Hello."), sender=SENDER, recipients=["a@example.com"],
                         bulk=counter)
    assert verdict.action == "hold"
    assert verdict.reason.startswith("could not be checked: the bulk-mail counter failed")


def test_chain_letter_body_to_an_external_address_is_held(council: tuple[str, Checker]
                                                          ) -> None:
    name, checker = council
    for raw in (mail(CHAIN_LETTER, subject="Good luck", to="friend@example.com"),
                mail("See below.", html="<p>" + CHAIN_LETTER.replace("\n\n", "</p><p>")
                     + "</p>", to="friend@example.com")):
        verdict = check_mail(checker, raw)
        assert verdict.action == "hold"
        assert BULK_CLAUSE[name] in verdict.clauses
        assert any(f.category == "chain_letter" and f.clause == BULK_CLAUSE[name]
                   for f in verdict.findings)
