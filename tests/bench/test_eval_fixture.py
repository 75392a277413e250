"""The labelled evaluation set is well-formed and covers what the issue asks for."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from aupguard.model import ABUSE_SUBTYPES, CATEGORIES, CHANNELS, ENTITIES, ROLES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "labelled.jsonl"
REQUIRED = ("id", "text", "channel", "account", "role", "authorised", "external", "labels",
            "note")
OPTIONAL = ("edits_previous", "name", "handle", "policy")
POLICIES = ("leigh", "belper")


def _rows() -> list[dict[str, Any]]:
    with FIXTURE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


ROWS = _rows()


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _nhs_ok(digits: str) -> bool:
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def test_every_line_is_a_json_object_with_the_fields() -> None:
    assert len(ROWS) >= 240
    for row in ROWS:
        missing = [k for k in REQUIRED if k not in row]
        assert not missing, (row.get("id"), missing)
        unknown = set(row) - set(REQUIRED) - set(OPTIONAL)
        assert not unknown, (row["id"], unknown)
        assert row["text"].strip() and row["note"].strip(), row["id"]
        assert row["channel"] in CHANNELS, row["id"]
        assert row["account"] in ("council", "personal"), row["id"]
        assert row["role"] in ROLES, row["id"]
        assert isinstance(row["authorised"], bool) and isinstance(row["external"], bool)
        assert isinstance(row.get("edits_previous", False), bool)
        assert row.get("policy", "leigh") in POLICIES, row["id"]


def test_ids_and_texts_are_unique() -> None:
    ids = Counter(r["id"] for r in ROWS)
    assert [i for i, n in ids.items() if n > 1] == []
    texts = Counter(r["text"] for r in ROWS)
    assert [t for t, n in texts.items() if n > 1] == []


def test_labels_use_known_categories_entities_and_subtypes() -> None:
    for row in ROWS:
        seen = set()
        for lab in row["labels"]:
            cat = lab["category"]
            assert cat in CATEGORIES, (row["id"], cat)
            if cat == "personal_data":
                assert lab.get("entity") in ENTITIES, (row["id"], lab)
                assert "subtype" not in lab
            elif cat == "abuse":
                assert lab.get("subtype") in ABUSE_SUBTYPES, (row["id"], lab)
                assert "entity" not in lab
            else:
                assert set(lab) == {"category"}, (row["id"], lab)
            key = (cat, lab.get("entity"), lab.get("subtype"))
            assert key not in seen, (row["id"], "duplicate label", key)
            seen.add(key)


def test_coverage_of_categories_entities_subtypes_and_clean_messages() -> None:
    positives = Counter(c for r in ROWS for c in {lab["category"] for lab in r["labels"]})
    thin = {c: positives[c] for c in CATEGORIES if positives[c] < 10}
    assert thin == {}, f"categories with fewer than 10 positives: {thin}"
    entities = Counter(lab["entity"] for r in ROWS for lab in r["labels"] if "entity" in lab)
    assert set(ENTITIES) <= set(entities), set(ENTITIES) - set(entities)
    subtypes = Counter(lab["subtype"] for r in ROWS for lab in r["labels"] if "subtype" in lab)
    assert all(subtypes[s] >= 3 for s in ABUSE_SUBTYPES), subtypes
    clean = [r for r in ROWS if not r["labels"]]
    assert len(clean) >= 80
    assert sum(r.get("policy") == "belper" for r in ROWS) >= 20
    assert sum(r.get("policy") == "belper" for r in clean) >= 5


@pytest.mark.parametrize(
    "needle",
    ["01702 716288", "Scunthorpe", "photo shoot", "over-60s", "published minutes",
     "Invitation to tender", "mosque", "Pride", "Our MP", "24/01567/FUL", "Please forward"],
)
def test_issue_hard_negatives_are_present_and_clean(needle: str) -> None:
    hits = [r for r in ROWS if needle.lower() in r["text"].lower() and not r["labels"]]
    assert hits, f"no clean message containing {needle!r}"


def test_edit_rows_say_whether_they_edit() -> None:
    for row in ROWS:
        if any(lab["category"] == "edit_unmarked" for lab in row["labels"]):
            assert row.get("edits_previous") is True, row["id"]


def test_identifiers_are_fictional_test_values() -> None:
    """Cards, IBANs and NHS numbers carry valid checksums (so a validating detector can
    find them) and every UK phone number is from Ofcom's drama ranges or is the
    council's published office number."""
    card = re.compile(r"\b(?:\d[ -]?){13,19}\b")
    iban = re.compile(r"\bGB\d{2}(?: ?[A-Z0-9]{4}){4} ?[A-Z0-9]{2}\b")
    nhs = re.compile(r"\b\d{3} \d{3} \d{4}\b")
    phone = re.compile(r"(?<![\d/])0\d{2,4} ?\d{3} ?\d{3,4}\b")
    allowed_phone = ("07700900", "01632960", "01174960", "01702716288")
    for row in ROWS:
        text = row["text"]
        ents = {lab.get("entity") for lab in row["labels"]}
        if "CARD_NUMBER" in ents:
            nums = [re.sub(r"\D", "", m) for m in card.findall(text)]
            assert any(13 <= len(n) <= 19 and _luhn(n) for n in nums), row["id"]
        if "IBAN" in ents:
            found = iban.findall(text)
            assert found and all(_iban_ok(x) for x in found), row["id"]
        if "NHS_NUMBER" in ents:
            found = [n.replace(" ", "") for n in nhs.findall(text)]
            assert found and all(_nhs_ok(n) for n in found), row["id"]
        for m in phone.findall(text):
            digits = m.replace(" ", "")
            assert digits.startswith(allowed_phone), (row["id"], m)
