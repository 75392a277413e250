"""check_mail applies the pack's `mail:` rules (programs, installers, encrypted,
unreadable, bulk) with the clauses each council's pack names, and falls back for a pack
without a `mail:` section."""

from __future__ import annotations

import pytest
from _mailfiles import encrypted_zip, mail, pe_stub, zip_of

from aupguard.engine import Checker
from aupguard.mail.checkmail import MailVerdict, check_mail, rules_for
from aupguard.policy.mailrules import MailPolicy, MailRule
from aupguard.policy.schema import Pack

# (clause, related) as the packs say
EXPECTED = {
    "leigh": {
        "programs": ("leigh.internet.malware", ("leigh.email.no-instant-messaging",)),
        "installers": ("leigh.email.no-instant-messaging", ("leigh.internet.malware",)),
        "encrypted": ("leigh.email.monitoring", ()),
        "unreadable": ("leigh.email.monitoring", ()),
        "bulk": ("leigh.internet.chain-letters", ()),
    },
    "belper": {
        "programs": ("belper.general.chain-letters", ("belper.inappropriate.material",)),
        "installers": ("belper.general.tablet-downloads", ("belper.general.chain-letters",)),
        "encrypted": ("belper.legislation.data-protection", ()),
        "unreadable": ("belper.legislation.data-protection", ()),
        "bulk": ("belper.general.chain-letters", ()),
    },
}
DOMAIN = {"leigh": "leighonseatowncouncil.gov.uk", "belper": "belpertowncouncil.gov.uk"}
MALFORMED = (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\nContent-Type: "
             b'multipart/mixed; boundary="a"; boundary="b"\r\n\r\n--a\r\n\r\nhi\r\n--b--\r\n')


@pytest.fixture(scope="module", params=["leigh", "belper"])
def council(request: pytest.FixtureRequest) -> tuple[str, Checker]:
    return request.param, Checker(request.param)


def _apk_zip() -> bytes:
    apk = zip_of([("AndroidManifest.xml", b"x"), ("classes.dex", b"x")])
    return zip_of([("app.bin", apk)])


def _cites(verdict: MailVerdict, clause: str, related: tuple[str, ...]) -> None:
    assert f"({clause})" in verdict.reason
    assert clause in verdict.clauses and set(related) <= set(verdict.clauses)


def test_the_pack_rules_are_read(council: tuple[str, Checker]) -> None:
    name, checker = council
    rules = rules_for(checker.pack)
    want = EXPECTED[name]
    assert (rules["executable"].clause, rules["executable"].related) == want["programs"]
    assert (rules["installer"].clause, rules["installer"].related) == want["installers"]
    assert rules["risky-name"] == rules["executable"]
    assert rules["virus"].action == "refuse" and rules["virus"].clause == want["programs"][0]
    assert (rules["encrypted"].action, rules["encrypted"].clause) == ("hold",
                                                                      want["encrypted"][0])
    assert (rules["unreadable"].action, rules["unreadable"].clause) == ("hold",
                                                                        want["unreadable"][0])


def test_programs_rule(council: tuple[str, Checker]) -> None:
    name, checker = council
    verdict = check_mail(checker, mail("Invoice.", attachments=[
        ("invoice.pdf", pe_stub(), "application/pdf")]))
    assert verdict.action == "refuse"
    (att,) = verdict.attachments
    assert att.reason == "executable" and (att.clause, att.related) == EXPECTED[name]["programs"]
    _cites(verdict, *EXPECTED[name]["programs"])


def test_risky_name_uses_the_programs_rule(council: tuple[str, Checker]) -> None:
    name, checker = council
    verdict = check_mail(checker, mail("Run this.", attachments=[
        ("update.vbs", b"MsgBox 1", "text/plain")]))
    assert verdict.action == "refuse"
    assert verdict.attachments[0].clause == EXPECTED[name]["programs"][0]


def test_installers_rule(council: tuple[str, Checker]) -> None:
    name, checker = council
    verdict = check_mail(checker, mail("The app.", attachments=[
        ("tools.zip", _apk_zip(), "application/zip")]))
    assert verdict.action == "refuse"
    (att,) = verdict.attachments
    assert att.reason == "installer" and att.part == "2:tools.zip/app.bin"
    assert (att.clause, att.related) == EXPECTED[name]["installers"]
    _cites(verdict, *EXPECTED[name]["installers"])


def test_encrypted_rule(council: tuple[str, Checker]) -> None:
    name, checker = council
    verdict = check_mail(checker, mail("Payroll, password by phone.", attachments=[
        ("payroll.zip", encrypted_zip("payroll.xlsx"), "application/zip")]),
        recipients=[f"office@{DOMAIN[name]}"])  # internal: nothing else holds it
    assert verdict.action == "hold"
    (att,) = verdict.attachments
    assert att.reason == "encrypted" and att.clause == EXPECTED[name]["encrypted"][0]
    _cites(verdict, *EXPECTED[name]["encrypted"])


def test_unreadable_rule(council: tuple[str, Checker]) -> None:
    name, checker = council
    verdict = check_mail(checker, MALFORMED)
    assert verdict.action == "hold"
    assert verdict.reason.startswith("could not be checked: ")
    _cites(verdict, *EXPECTED[name]["unreadable"])


def test_unreadable_refuse_when_the_council_says_so(council: tuple[str, Checker]) -> None:
    _, checker = council
    rule = checker.pack.mail.unreadable
    assert rule is not None
    strict = checker.pack.model_copy(update={"mail": checker.pack.mail.model_copy(
        update={"unreadable": MailRule(action="refuse", clause=rule.clause)})})
    verdict = check_mail(Checker(strict), MALFORMED)
    assert verdict.action == "refuse" and verdict.reason.startswith("could not be checked: ")


def test_bulk_rule(council: tuple[str, Checker]) -> None:
    name, checker = council
    bulk = checker.pack.mail.bulk
    assert bulk is not None and bulk.action == "hold"
    many = [f"resident{i}@example.com" for i in range(bulk.max_external_recipients + 1)]
    verdict = check_mail(checker, mail("Newsletter."), recipients=many)
    assert verdict.action == "hold"
    (rule,) = verdict.rules
    assert (rule.rule, rule.clause) == ("bulk-recipients", EXPECTED[name]["bulk"][0])
    _cites(verdict, *EXPECTED[name]["bulk"])
    assert verdict.to_json()["rules"] == [rule.to_json()]


def _without_mail(pack: Pack, drop_clauses: bool = False) -> Checker:
    update: dict[str, object] = {"mail": MailPolicy()}
    if drop_clauses:  # no clause the program lookup could find
        update["clauses"] = tuple(
            c for c in pack.clauses
            if not any(ctl.web_category == "malware" or ctl.workflow == "software-approval"
                       for ctl in c.controls))
    return Checker(pack.model_copy(update=update))


def test_older_pack_without_a_mail_section_falls_back() -> None:
    checker = _without_mail(Checker("leigh").pack)
    program = check_mail(checker, mail("x", attachments=[("a.pdf", pe_stub(), "application/pdf")]))
    assert program.action == "refuse"
    assert program.attachments[0].clause == "leigh.internet.malware"  # found by lookup
    unreadable = check_mail(checker, MALFORMED)
    assert unreadable.action == "hold"
    assert "no clause of the pack covers this" in unreadable.reason
    locked = check_mail(checker, mail("x", attachments=[
        ("p.zip", encrypted_zip(), "application/zip")]),
        recipients=["office@leighonseatowncouncil.gov.uk"])
    assert locked.action == "hold" and locked.attachments[0].clause is None
    many = [f"r{i}@example.com" for i in range(200)]
    assert check_mail(checker, mail("Newsletter."), recipients=many).rules == ()  # no limits


def test_a_program_with_no_clause_to_cite_is_held_not_refused() -> None:
    checker = _without_mail(Checker("leigh").pack, drop_clauses=True)
    verdict = check_mail(checker, mail("x", attachments=[("a.pdf", pe_stub(),
                                                          "application/pdf")]))
    assert verdict.action == "hold"
    assert verdict.attachments[0].clause is None
    assert "no clause of the pack covers this" in verdict.reason
