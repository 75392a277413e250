"""The pack's `mail:` section: both councils set every rule, each citing their own
clauses; unknown clauses are named with their line; unchecked mail is never delivered."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import aupguard.policy
from aupguard.policy.loader import load_pack, validate_file
from aupguard.policy.mailrules import MailRule

PACKS = Path(aupguard.policy.__file__).parent / "packs"


@pytest.mark.parametrize("name", ["belper", "leigh"])
def test_both_packs_set_every_mail_rule(name: str) -> None:
    pack = load_pack(name)
    rules = pack.mail.rules()
    assert set(rules) == {"programs", "installers", "encrypted", "unreadable", "bulk"}
    ids = {c.id for c in pack.clauses}
    for rule in rules.values():
        assert rule.clause in ids
    assert pack.mail.unreadable is not None and pack.mail.unreadable.action == "hold"
    assert pack.mail.programs is not None and pack.mail.programs.action == "refuse"


def test_unknown_related_clause_is_named_with_its_line(tmp_path: Path) -> None:
    text = (PACKS / "leigh.yaml").read_text()
    bad = text.replace("related: [leigh.internet.malware]", "related: [leigh.no-such]")
    assert bad != text
    path = tmp_path / "leigh.yaml"
    path.write_text(bad)
    line = next(i for i, t in enumerate(bad.splitlines(), 1) if "leigh.no-such" in t)
    problems = validate_file(path)
    assert any(ln == line and "mail.installers" in msg for _, ln, msg in problems)


def test_unchecked_mail_cannot_be_delivered() -> None:
    with pytest.raises(ValidationError):
        MailRule.model_validate({"action": "deliver", "clause": "x.y"})
