"""Diff: what one council's policy covers that the other's does not."""

from __future__ import annotations

import json

from aupguard.policy.diff import diff, to_json, to_text
from aupguard.policy.loader import load_pack


def _entry(entries, kind, name, detail=None):  # type: ignore[no-untyped-def]
    return next(e for e in entries if (e.kind, e.name, e.detail) == (kind, name, detail))


def test_belper_against_leigh() -> None:
    d = diff(load_pack("belper"), load_pack("leigh"))
    gambling = _entry(d.only_a, "web_category", "gambling")
    assert gambling.a is not None and gambling.a.clauses == (
        "belper.general.gambling-auction-sites",
    )
    assert gambling.a.action == "block"
    # Both guard passwords: Leigh under "unacceptable use", Belper as confidential
    # information, which reaches personal accounts too.
    creds = _entry(d.different, "detector", "credentials")
    assert creds.b is not None and creds.b.clauses == ("leigh.internet.passwords",)
    assert creds.a is not None
    assert creds.a.clauses == ("belper.communication.confidential-information",)
    assert "where" in creds.differences
    edits = _entry(d.only_b, "detector", "edit_unmarked")
    assert edits.b is not None and "leigh.personal-use.mark-edits" in edits.b.clauses
    ack = _entry(d.only_b, "workflow", "acknowledgement")
    assert ack.b is not None and "leigh.general.acknowledgement" in ack.b.clauses
    assert _entry(d.only_a, "detector", "gambling_auction")
    # Both cover abuse; Leigh's personal-use clause reaches personal accounts for insults.
    insult = _entry(d.entries, "detector", "abuse", "insult")
    assert insult.a is not None and insult.b is not None
    assert "leigh.personal-use.respect" in insult.b.clauses
    # Political: Belper holds on every council channel; Leigh advises on social media.
    political = _entry(d.different, "detector", "political")
    assert "action" in political.differences and "channels" in political.differences
    assert political.a is not None and political.a.action == "hold"
    assert political.b is not None and political.b.action == "advise"


def test_same_pack_has_no_differences() -> None:
    pack = load_pack("leigh")
    d = diff(pack, pack)
    assert not d.only_a and not d.only_b and not d.different
    assert len(d.same) == len(d.entries)


def test_text_and_json_output() -> None:
    d = diff(load_pack("belper"), load_pack("leigh"))
    text = to_text(d)
    assert "Covered by belper only:" in text
    assert "Covered by leigh only:" in text
    assert "web category gambling  (block): belper.general.gambling-auction-sites" in text
    assert "action: hold | advise" in text
    assert text.strip().splitlines()[-1].endswith("the same")
    data = json.loads(json.dumps(to_json(d)))
    assert data["a"] == "belper" and data["b"] == "leigh"
    names = {(e["kind"], e["name"]) for e in data["only_a"]}
    assert ("web_category", "gambling") in names
    assert all(e["a"] is None for e in data["only_b"])
