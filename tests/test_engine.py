"""The engine: which clauses apply, which clause is cited, thresholds, remedies, threads."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from aupguard.engine import Checker, apply_remedies, audience_for, clause_applies, where_of
from aupguard.model import Action, Author, Message
from aupguard.policy.loader import load_pack

MINI = Path(__file__).parent / "fixtures" / "engine" / "mini.yaml"
PHONE_DRAFT = "Please ring Mrs Patel on her mobile, 07700 900123, about the allotment."


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(MINI, today=dt.date(2026, 11, 21))


def test_most_severe_clause_is_cited_and_others_related(checker: Checker) -> None:
    verdict = checker.check(Message(text=PHONE_DRAFT, channel="email"))
    phones = [f for f in verdict.findings if f.entity == "PHONE_NUMBER"]
    assert len(phones) == 1
    phone = phones[0]
    assert phone.clause == "testtown.data.personal-details"
    assert phone.related == ("testtown.data.phone-numbers",)
    assert phone.action is Action.HOLD
    assert verdict.action is Action.HOLD
    assert PHONE_DRAFT[phone.start : phone.end] == "07700 900123"
    assert phone.excerpt == "07700 900123"
    assert phone.explanation


def test_clause_not_applying_to_the_account_is_not_cited(checker: Checker) -> None:
    verdict = checker.check(Message(text=PHONE_DRAFT, channel="social", account="personal"))
    phone = next(f for f in verdict.findings if f.entity == "PHONE_NUMBER")
    # The warn clause covers council systems only, so only the hold clause cites it.
    assert phone.clause == "testtown.data.personal-details"
    assert phone.related == ()


def test_channel_outside_every_clause_gives_nothing(checker: Checker) -> None:
    verdict = checker.check(Message(text=PHONE_DRAFT, channel="chat"))
    assert verdict.action is Action.ALLOW
    assert verdict.findings == ()


def test_council_public_number_is_not_a_finding(checker: Checker) -> None:
    verdict = checker.check(Message(text="Ring the council office on 01632 960001."))
    assert not [f for f in verdict.findings if f.entity == "PHONE_NUMBER"]


def test_role_decides_whether_a_clause_applies(checker: Checker) -> None:
    text = "Vote Labour on Thursday! Join our canvassing team this weekend."
    staff = checker.check(Message(text=text, author=Author(role="staff")))
    councillor = checker.check(Message(text=text, author=Author(role="councillor")))
    coopted = checker.check(Message(text=text, author=Author(role="co-opted")))
    assert "political" not in {f.category for f in staff.findings}
    for verdict in (councillor, coopted):
        political = [f for f in verdict.findings if f.category == "political"]
        assert political and political[0].clause == "testtown.general.party-politics"
        assert verdict.action is Action.BLOCK


def test_where_of_tablet_and_accounts() -> None:
    assert where_of(Message(text="", account="personal")) == {"personal-accounts"}
    tablet = Message(text="", account="personal", device="council-tablet")
    assert where_of(tablet) == {"personal-accounts", "council-tablets", "council-systems"}
    pack = load_pack(MINI)
    personal = pack.clause("testtown.personal.disclaimer")
    assert clause_applies(personal, Message(text="", channel="blog", account="personal"))
    assert not clause_applies(personal, Message(text="", channel="blog", account="council"))
    assert not clause_applies(personal, Message(text="", channel="email", account="personal"))


def test_threshold_from_pack_drops_weak_findings() -> None:
    strict = load_pack(MINI)
    lax = strict.model_copy(
        update={"thresholds": strict.thresholds.model_copy(update={"default": 1.01})}
    )
    assert Checker(strict).check(Message(text=PHONE_DRAFT)).findings
    assert Checker(lax).check(Message(text=PHONE_DRAFT)).findings == ()


def test_fix_redacts_and_appends_disclaimer(checker: Checker) -> None:
    text = (
        "As a member of Testtown Town Council I think the council got the budget wrong. "
        "Ring me on 07700 900123."
    )
    verdict = checker.check(Message(text=text, channel="blog", account="personal"))
    fixed = apply_remedies(verdict)
    assert "07700 900123" not in fixed
    assert "[phone number removed]" in fixed
    assert "my own" in fixed.lower()


def test_verdict_json_shape(checker: Checker) -> None:
    data = checker.check(Message(text=PHONE_DRAFT)).to_json(full=False)
    assert set(data) == {"action", "findings"}
    finding = data["findings"][0]  # type: ignore[index]
    assert set(finding) == {
        "clause", "category", "subtype", "entity", "start", "end", "score", "explanation"
    }


def test_checker_is_safe_to_share_between_threads(checker: Checker) -> None:
    drafts = [
        Message(text=f"{PHONE_DRAFT} Ref {i}.", channel="email" if i % 2 else "social")
        for i in range(60)
    ]
    expected = [checker.check(m).to_json() for m in drafts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda m: checker.check(m).to_json(), drafts))
    assert got == expected


def test_sharing_rules_leave_internal_mail_alone() -> None:
    """Leigh keeps personal data 'inside the council': the clerk may email a colleague a
    resident's number, but not a supplier."""
    leigh = Checker("leigh")
    internal = leigh.check(Message(text=PHONE_DRAFT, channel="email", audience="internal"))
    external = leigh.check(Message(text=PHONE_DRAFT, channel="email", audience="external"))
    assert not [f for f in internal.findings if f.category == "personal_data"]
    cited = {f.clause for f in external.findings if f.entity == "PHONE_NUMBER"}
    assert cited == {"leigh.work-use.data-protection"}
    assert external.action is Action.HOLD


def test_audience_from_recipients() -> None:
    council = load_pack("leigh").council
    own = "clerk@leighonseatowncouncil.gov.uk"
    assert audience_for((own, "Cllr <cllr.x@leighonseatowncouncil.gov.uk>"), council) == (
        "internal"
    )
    assert audience_for((own, "someone@gmail.com"), council) == "external"
    assert audience_for(("x@evil-leighonseatowncouncil.gov.uk",), council) == "external"
    assert audience_for((), council) == "external"


def test_sensitive_identifiers_are_held_even_internally() -> None:
    leigh = Checker("leigh")
    text = "For the payroll file: Ms Dunn, NI number AB 12 34 56 C, starts Monday."
    verdict = leigh.check(Message(text=text, channel="email", audience="internal"))
    ni = [f for f in verdict.findings if f.entity == "NI_NUMBER"]
    assert ni and ni[0].clause == "leigh.work-use.sensitive-personal-data"
    assert verdict.action is Action.HOLD


def test_overlapping_findings_of_one_kind_are_reported_once() -> None:
    text = "And frankly the contractor who did the last job is a crook who stole from us."
    verdict = Checker("leigh").check(
        Message(text=text, channel="social", account="personal", author=Author(role="councillor"))
    )
    spans = [(f.start, f.end) for f in verdict.findings if f.category == "defamation"]
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]].startswith("the contractor")
