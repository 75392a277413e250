"""Coverage: which clauses have code behind them, and whether the examples pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aupguard.detectors.base import Context, Example
from aupguard.model import Finding, Message
from aupguard.policy.coverage import coverage, fit_message, to_json, totals
from aupguard.policy.loader import load_pack
from aupguard.policy.schema import Control, Pack

PACKS = Path(__file__).parents[1] / "fixtures" / "packs"


@dataclass
class FakePhoneDetector:
    """Finds the word PHONE; stands in for a real detector so the test is about coverage."""

    category: str = "personal_data"
    examples: tuple[Example, ...] = field(default_factory=tuple)

    def detect(self, ctx: Context) -> list[Finding]:
        text = ctx.text.original
        i = text.find("PHONE")
        if i < 0:
            return []
        return [Finding("personal_data", i, i + 5, 0.9, entity="PHONE_NUMBER")]


def _getter(detector: FakePhoneDetector):  # type: ignore[no-untyped-def]
    def get(category: str) -> FakePhoneDetector:
        if category == "personal_data":
            return detector
        raise ModuleNotFoundError(category)

    return get


@pytest.fixture
def good() -> Pack:
    return load_pack(PACKS / "good.yaml")


def _run(pack: Pack, detector: FakePhoneDetector) -> dict[str, object]:
    with pytest.MonkeyPatch.context() as mp:
        # The engine looks detectors up through aupguard.detectors.get; point it at the fake.
        mp.setattr("aupguard.detectors.get", _getter(detector))
        items = coverage(pack, get_detector=_getter(detector))
    return {c.id: c for c in items}


def test_passing_examples(good: Pack) -> None:
    det = FakePhoneDetector(
        examples=(
            Example("Ring me on PHONE", True, entity="PHONE_NUMBER"),
            Example("Ring the office", False),
        )
    )
    items = _run(good, det)
    data = items["testtown.data.personal-details"].controls[0]  # type: ignore[attr-defined]
    assert (data.kind, data.name, data.implemented, data.tested) == (
        "detector",
        "personal_data",
        True,
        "pass",
    )
    assert data.examples_run == 2
    web = items["testtown.web.gambling"].controls[0]  # type: ignore[attr-defined]
    assert (web.kind, web.implemented, web.tested, web.note) == (
        "web_category",
        False,
        "no examples",
        "no web rule in the pack covers it",
    )


def test_failing_examples_are_reported(good: Pack) -> None:
    det = FakePhoneDetector(
        examples=(
            Example("Ring me on 07700 900999", True, entity="PHONE_NUMBER"),  # fake misses it
            Example("PHONE the office", False),  # fake wrongly finds it
        )
    )
    data = _run(good, det)["testtown.data.personal-details"].controls[0]  # type: ignore[attr-defined]
    assert data.tested == "FAIL"
    assert len(data.failures) == 2
    assert "expected a PHONE_NUMBER finding" in data.failures[0]
    assert "expected no personal_data finding" in data.failures[1]


def test_examples_that_cannot_fit_are_skipped(good: Pack) -> None:
    det = FakePhoneDetector(
        examples=(
            Example("PHONE", True, entity="PHONE_NUMBER", message={"channel": "fax"}),
            Example("PHONE", True, entity="PHONE_NUMBER", message={"not_a_field": 1}),
        )
    )
    data = _run(good, det)["testtown.data.personal-details"].controls[0]  # type: ignore[attr-defined]
    assert data.tested == "no examples"


def test_missing_detector_is_not_implemented(good: Pack) -> None:
    def get(category: str) -> FakePhoneDetector:
        raise ModuleNotFoundError(category)

    items = coverage(good, get_detector=get)
    ctl = items[0].controls[0]
    assert (ctl.implemented, ctl.tested, ctl.note) == (
        False,
        "no examples",
        "detector not written yet",
    )


def test_fit_message_respects_the_clause() -> None:
    pack = load_pack("belper")
    political = pack.clause("belper.general.party-political")
    control = political.controls[0]
    msg = fit_message(political, control, Example("Vote Labour", True))
    assert msg is not None and msg.account == "council"
    personal = Example("Vote Labour", True, message={"account": "personal"})
    assert fit_message(political, control, personal) is None
    logo = pack.clause("belper.general.logo-personal")
    msg = fit_message(logo, logo.controls[0], Example("logo", True, subtype="logo"))
    assert msg is not None and msg.account == "personal"
    narrow = pack.clause("belper.legislation.employee-contact-details")
    ni = Example("AB123456C", True, entity="NI_NUMBER")
    assert fit_message(narrow, narrow.controls[0], ni) is None
    tablet = pack.clause("belper.general.tablet-registrations")
    only_web = Control(detector="commercial")
    msg = fit_message(tablet, only_web, Example("x", False))
    assert isinstance(msg, Message) and msg.device == "council-tablet" and msg.channel == "web"


def test_real_packs_report_every_clause_and_control() -> None:
    for name in ("belper", "leigh"):
        pack = load_pack(name)
        items = coverage(pack)
        assert [i.id for i in items] == [c.id for c in pack.clauses]
        for item, clause in zip(items, pack.clauses, strict=True):
            assert len(item.controls) == len(clause.controls)
            for ctl in item.controls:
                assert ctl.tested in ("pass", "FAIL", "no examples")
                if ctl.kind == "workflow":
                    assert (ctl.implemented, ctl.note) == (False, "records (planned)")
                if ctl.tested != "no examples":
                    assert ctl.implemented and ctl.examples_run > 0
        t = totals(items)
        assert t["clauses"] == len(pack.clauses)
        assert t["pass"] + t["fail"] + t["no_examples"] == t["controls"]
        data = to_json(pack, items)
        assert data["pack"] == name and data["totals"] == t


def test_real_detector_examples_run_under_real_clauses() -> None:
    pytest.importorskip("aupguard.detectors.personal_data")
    items = {i.id: i for i in coverage(load_pack("leigh"))}
    ctl = items["leigh.work-use.data-protection"].controls[0]
    assert ctl.implemented and ctl.examples_run > 0
    assert ctl.tested == "pass", ctl.failures
