"""`WebFilter`: decides and logs alike for every front-end, reloads an edited pack or a
new index, keeps the old pack when the new one is broken; council lists cite clauses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aupguard.policy
from aupguard.errors import UsageError
from aupguard.policy.loader import load_pack, validate_file
from aupguard.web import service
from aupguard.web.accesslog import AccessLog
from aupguard.web.index import compile_lists
from aupguard.web.service import WebFilter

PACKS = Path(aupguard.policy.__file__).parent / "packs"


@pytest.fixture
def index_path(make_lists, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = make_lists({"gambling": {"domains": "bet.test\n"}, "games": {"domains": "play.test\n"}})
    own = make_lists({"block": {"domains": "nasty.test\n"}, "allow": {"domains": "ok.test\n"}},
                     root="own")
    out = tmp_path / "ix.aupx"
    compile_lists([root, own / "allow", own / "block"], out)
    return out


def test_decides_and_logs(index_path: Path, tmp_path: Path) -> None:
    log = AccessLog(tmp_path / "access.jsonl")
    web = WebFilter("belper", index_path, log=log, via="squid")
    d = web.decide("http://www.bet.test/x", client="10.0.0.9", path="/x")
    web.close()
    assert (d.action, d.clause) == ("block", "belper.general.gambling-auction-sites")
    (rec,) = [json.loads(x) for x in (tmp_path / "access.jsonl").read_text().splitlines()]
    assert (rec["via"], rec["client"], rec["host"], rec["path"], rec["action"]) == (
        "squid", "10.0.0.9", "www.bet.test", "/x", "block"
    )


def test_council_lists_cite_the_packs_clauses(index_path: Path) -> None:
    for policy in ("belper", "leigh"):
        pack = load_pack(policy)
        web = WebFilter(policy, index_path)
        blocked, allowed = web.decide("nasty.test"), web.decide("ok.test")
        assert (blocked.action, blocked.clause) == ("block", pack.web.council_lists.block)
        assert (allowed.action, allowed.clause) == ("allow", pack.web.council_lists.allow)
        assert blocked.clause and allowed.clause
        assert pack.web.contact.email  # the block page can say whom to ask


def test_unknown_council_list_clause_is_named_with_its_line(tmp_path: Path) -> None:
    text = (PACKS / "belper.yaml").read_text()
    bad = text.replace("council_lists: {block: belper.inappropriate.sites",
                       "council_lists: {block: belper.no-such-clause")
    assert bad != text
    path = tmp_path / "belper.yaml"
    path.write_text(bad)
    problems = validate_file(path)
    line = next(i for i, t in enumerate(bad.splitlines(), 1) if "belper.no-such-clause" in t)
    assert any(ln == line and "council_lists.block" in msg for _, ln, msg in problems)


def test_unknown_group_is_a_usage_error(index_path: Path) -> None:
    with pytest.raises(UsageError, match="no web group 'wizards'"):
        WebFilter("belper", index_path, group="wizards")


def test_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="lists compile"):
        WebFilter("belper", tmp_path / "none.aupx")


def test_reloads_pack_and_index_and_keeps_old_pack_when_broken(
    make_lists, index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(service, "RELOAD_SECONDS", 0.0)
    pack_file = tmp_path / "mine.yaml"
    original = (PACKS / "belper.yaml").read_text()
    pack_file.write_text(original)
    web = WebFilter(pack_file, index_path)
    assert web.decide("bet.test").action == "block"
    # The Clerk edits the pack: gambling is now only monitored.
    gambling = "categories: [gambling]\n      action: "
    pack_file.write_text(original.replace(gambling + "block", gambling + "monitor"))
    assert web.decide("bet.test").action == "monitor"
    # A broken edit keeps the last good pack in force.
    pack_file.write_text(original.replace("web:\n", "web:\n  nonsense: [\n", 1))
    assert web.decide("bet.test").action == "monitor"
    # `lists update` swaps in a new index: play.test is now gambling too.
    root = make_lists({"gambling": {"domains": "bet.test\nplay.test\n"}}, root="new")
    compile_lists([root], index_path)
    assert web.decide("play.test").category == "gambling"
