"""`decide`: council lists, rules per group and time window, exceptions, precedence,
defaults, malformed input; and the loader's checks on the `web:` section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from _testpack import TESTTOWN_CLAUSES

from aupguard.errors import PackError
from aupguard.policy.coverage import coverage
from aupguard.policy.loader import load_pack, validate_file
from aupguard.web.decide import decide
from aupguard.web.index import Index, compile_lists

PACK = TESTTOWN_CLAUSES + """\
web:
  groups:
    staff: {users: [alice]}
    council-tablets: {clients: [10.9.0.0/16]}
  default: {action: monitor, clause: testtown.web.shopping}
  rules:
    - id: shopping
      clause: testtown.web.shopping
      categories: [shopping]
      action: monitor
    - id: gambling
      clause: testtown.web.gambling
      categories: [gambling, aggressive]
      action: block
      exceptions: {allow: [lottery.test], block: [sneaky.test]}
    - id: tablet-games
      clause: testtown.web.tablet-games
      categories: [games]
      action: block
      groups: [council-tablets]
      when:
        - {days: [mon, tue, wed, thu, fri], hours: "09:00-17:00"}
        - {days: [sat], hours: "22:00-02:00"}
    - id: staff-games
      clause: testtown.web.tablet-games
      categories: [games]
      action: allow
      groups: [staff]
"""

# Monday 3 June 2024, 10:00 in London (BST, so 09:00 UTC).
MONDAY_10 = dt.datetime(2024, 6, 3, 10, 0)


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    p = tmp_path / "testtown.yaml"
    p.write_text(PACK, encoding="utf-8")
    return p


@pytest.fixture
def index(make_lists, tmp_path: Path) -> Index:  # type: ignore[no-untyped-def]
    root = make_lists(
        {
            "gambling": {"domains": "bet.test\nlottery.test\nbingo.test\n"},
            "shopping": {"domains": "shop.test\nbingo.test\n"},
            "games": {"domains": "play.test\n"},
            "agressif": {"domains": "hate.test\n"},
            "aggressive": {},  # replaced by an alias file below
        }
    )
    (root / "aggressive").rmdir()
    (root / "aggressive").write_text("agressif\n")
    own = make_lists(
        {"allow": {"domains": "council-bet.test\nboth.test\n"},
         "block": {"domains": "badshop.test\nboth.test\n"}},
        root="own",
    )
    compile_lists([root, own / "allow", own / "block"], tmp_path / "ix.aupx")
    return Index.load(tmp_path / "ix.aupx")


def test_category_rule_and_default(pack_path: Path, index: Index) -> None:
    pack = load_pack(pack_path)
    d = decide(pack, index, "https://www.bet.test/odds", at=MONDAY_10)
    assert (d.action, d.category, d.clause, d.rule) == (
        "block", "gambling", "testtown.web.gambling", "gambling"
    )
    d = decide(pack, index, "unlisted.test", at=MONDAY_10)
    assert (d.action, d.category, d.clause, d.rule) == (
        "monitor", None, "testtown.web.shopping", "default"
    )
    # A UT1 alias in the rule ("aggressive") matches the list it points to.
    assert decide(pack, index, "hate.test").category == "aggressive"


def test_most_severe_wins_whatever_the_order(pack_path: Path, index: Index) -> None:
    d = decide(load_pack(pack_path), index, "bingo.test")  # shopping (monitor) + gambling
    assert (d.action, d.rule) == ("block", "gambling")


def test_council_lists_win_allow_over_block(pack_path: Path, index: Index) -> None:
    pack = load_pack(pack_path)
    d = decide(pack, index, "council-bet.test")
    assert (d.action, d.category, d.clause) == ("allow", "council-allow", None)
    assert decide(pack, index, "badshop.test").action == "block"
    assert decide(pack, index, "badshop.test").category == "council-block"
    assert decide(pack, index, "www.both.test").action == "allow"


def test_exceptions(pack_path: Path, index: Index) -> None:
    pack = load_pack(pack_path)
    d = decide(pack, index, "www.lottery.test")
    assert (d.action, d.rule, d.clause) == ("allow", "gambling", "testtown.web.gambling")
    d = decide(pack, index, "sneaky.test/x")  # unlisted, blocked by the rule's exception
    assert (d.action, d.category, d.rule) == ("block", None, "gambling")


def test_groups_and_time_windows(pack_path: Path, index: Index) -> None:
    pack = load_pack(pack_path)
    tablet = {"group": "council-tablets"}
    assert decide(pack, index, "play.test", at=MONDAY_10, **tablet).action == "block"
    # Out of hours, and on Sunday: the rule is not in force, so the default applies.
    assert decide(pack, index, "play.test", at=MONDAY_10.replace(hour=18), **tablet).action == (
        "monitor"
    )
    sunday = dt.datetime(2024, 6, 2, 10, 0)
    assert decide(pack, index, "play.test", at=sunday, **tablet).action == "monitor"
    # A window past midnight, on the day of the moment itself.
    sat_late = dt.datetime(2024, 6, 1, 23, 30)
    assert decide(pack, index, "play.test", at=sat_late, **tablet).action == "block"
    # An aware time is converted to London time: 08:30 UTC is 09:30 BST.
    utc = dt.datetime(2024, 6, 3, 8, 30, tzinfo=ZoneInfo("UTC"))
    assert decide(pack, index, "play.test", at=utc, **tablet).action == "block"
    # In winter 08:30 UTC is 08:30 GMT: before the window.
    winter = dt.datetime(2024, 1, 8, 8, 30, tzinfo=ZoneInfo("UTC"))
    assert decide(pack, index, "play.test", at=winter, **tablet).action == "monitor"
    # The group from the client address or user name.
    d = decide(pack, index, "play.test", client="10.9.1.2", at=MONDAY_10)
    assert (d.group, d.action) == ("council-tablets", "block")
    d = decide(pack, index, "play.test", user="alice", at=MONDAY_10)
    assert (d.group, d.action, d.rule) == ("staff", "allow", "staff-games")
    # No group known: group rules do not apply.
    assert decide(pack, index, "play.test", client="192.0.2.1", at=MONDAY_10).action == (
        "monitor"
    )


@pytest.mark.parametrize("bad", ["", "http://exa mple.test/", "http://[::1/", "a..b", "x" * 20000])
def test_malformed_input_is_an_error_decision(pack_path: Path, index: Index, bad: str) -> None:
    d = decide(load_pack(pack_path), index, bad)
    assert d.action == "error" and d.error and d.clause is None
    assert "error" in d.to_json()


def test_shipped_packs(index: Index) -> None:
    leigh, belper = load_pack("leigh"), load_pack("belper")
    d = decide(leigh, index, "shop.test")
    assert (d.action, d.clause) == ("monitor", "leigh.email.no-personal-use")
    d = decide(leigh, index, "unlisted.test")
    assert (d.action, d.clause, d.rule) == ("monitor", "leigh.email.no-personal-use", "default")
    assert decide(leigh, index, "bet.test").action == "monitor"  # Leigh has no gambling rule
    assert decide(leigh, index, "hate.test").clause == "leigh.internet.offensive-sites"
    assert decide(belper, index, "unlisted.test").action == "allow"
    assert decide(belper, index, "bet.test").clause == "belper.general.gambling-auction-sites"
    assert decide(belper, index, "play.test").action == "allow"
    d = decide(belper, index, "play.test", group="council-tablets")
    assert (d.action, d.clause) == ("block", "belper.general.tablet-games-chat")


@pytest.mark.parametrize("name", ["belper", "leigh"])
def test_every_web_control_is_backed_by_a_rule(name: str) -> None:
    pack = load_pack(name)
    for item in coverage(pack):
        for c in item.controls:
            if c.kind == "web_category":
                assert c.implemented and c.note.startswith("web rule"), (item.id, c.name)


def _problems(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return validate_file(p)


def test_loader_checks_web_rules(tmp_path: Path) -> None:
    text = PACK.replace("clause: testtown.web.gambling\n", "clause: testtown.web.gamblin\n")
    text = text.replace("categories: [shopping]", "categories: [shoping]")
    text = text.replace("groups: [staff]", "groups: [staf]")
    text = text.replace("default: {action: monitor, clause: testtown.web.shopping}",
                        "default: {action: monitor, clause: testtown.nope.x}")
    problems = _problems(tmp_path, text)
    lines = text.splitlines()
    found = {(line, msg.split(";")[0]) for _, line, msg in problems}
    assert all(f.endswith("bad.yaml") for f, _, _ in problems)

    def line_of(s: str) -> int:
        return next(i for i, ln in enumerate(lines, 1) if s in ln)

    assert (line_of("clause: testtown.web.gamblin"),
            "web rule gambling cites unknown clause 'testtown.web.gamblin'") in found
    assert (line_of("[shoping]"), "web rule shopping: unknown web category 'shoping'") in found
    assert (line_of("[staf]"), "web rule staff-games names unknown groups ['staf']") in found
    assert (line_of("testtown.nope.x"),
            "web default cites unknown clause 'testtown.nope.x'") in found
    assert len(problems) == 4, problems
    with pytest.raises(PackError, match=r"bad\.yaml:\d+: web rule gambling cites"):
        load_pack(tmp_path / "bad.yaml")


def test_loader_checks_windows_and_hosts(tmp_path: Path) -> None:
    text = PACK.replace('hours: "09:00-17:00"', 'hours: "9am-5pm"')
    text = text.replace("allow: [lottery.test]", "allow: [http://lottery.test/]")
    text = text.replace("action: allow", "action: permit")
    problems = _problems(tmp_path, text)
    msgs = " | ".join(f"{line}: {m}" for _, line, m in problems)
    assert "hours must look like" in msgs and "not host names" in msgs
    assert "permit" in msgs or "action" in msgs
    lines = text.splitlines()
    assert any(line > 0 and "9am" in lines[line - 1] for _, line, m in problems if "hours" in m)


def test_core_does_not_import_the_web_filter() -> None:
    import subprocess
    import sys

    code = (
        "import sys, aupguard.policy.loader, aupguard.policy.coverage, aupguard.engine;"
        "sys.exit(any(m.startswith('aupguard.web') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
