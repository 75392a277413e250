"""The pack loader: packaged names, caching, and problems reported with file and line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from aupguard.errors import PackError, UsageError
from aupguard.policy.loader import load_pack, validate_file
from aupguard.policy.schema import Pack

PACKS = Path(__file__).parents[1] / "fixtures" / "packs"


def _problems(name: str) -> list[tuple[str, int, str]]:
    path = PACKS / name
    problems = validate_file(path)
    assert problems, f"{name} should be invalid"
    for fname, _, _ in problems:
        assert fname == str(path)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert info.value.problems == problems
    return problems


def _lines(problems: list[tuple[str, int, str]]) -> dict[int, str]:
    return {line: msg for _, line, msg in problems}


def test_packaged_names_load() -> None:
    for name in ("belper", "leigh"):
        pack = load_pack(name)
        assert isinstance(pack, Pack)
        assert pack.pack == name
        assert validate_file(name) == []


def test_good_fixture_loads_and_is_cached() -> None:
    first = load_pack(PACKS / "good.yaml")
    assert first.pack == "testtown"
    assert [c.id for c in first.clauses] == [
        "testtown.data.personal-details",
        "testtown.web.gambling",
    ]
    assert load_pack(str(PACKS / "good.yaml")) is first


def test_cache_sees_an_edited_file(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    shutil.copy(PACKS / "good.yaml", path)
    before = load_pack(path)
    text = path.read_text().replace("No betting sites.", "No betting or bingo sites.")
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = load_pack(path)
    assert after is not before
    assert after.clause("testtown.web.gambling").summary == "No betting or bingo sites."


def test_unknown_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no policy pack named 'tamworth'"):
        load_pack("tamworth")


def test_yaml_syntax_error_has_its_line() -> None:
    problems = _problems("bad-yaml.yaml")
    assert len(problems) == 1
    _, line, msg = problems[0]
    assert line == 8
    assert msg.startswith("YAML syntax error")
    assert "started on line 7" in msg


def test_unknown_key_points_at_the_key() -> None:
    assert _lines(_problems("unknown-key.yaml")) == {8: "unknown key 'severity' in clauses.0"}


def test_unknown_detector_points_at_the_control() -> None:
    lines = _lines(_problems("unknown-detector.yaml"))
    assert list(lines) == [10]
    assert "unknown detector 'horoscopes'" in lines[10]


def test_duplicate_id_points_at_the_second_one() -> None:
    lines = _lines(_problems("duplicate-id.yaml"))
    assert list(lines) == [11]
    assert "duplicate clause id 'testtown.data.personal-details'" in lines[11]
    assert "line 5" in lines[11]


def test_wrong_type_points_at_the_value() -> None:
    lines = _lines(_problems("wrong-type.yaml"))
    assert list(lines) == [6]
    assert "clauses.0.locator.item" in lines[6]
    assert "integer" in lines[6]


def test_every_problem_in_a_file_is_reported() -> None:
    lines = _lines(_problems("many-problems.yaml"))
    expected = {
        6: "register.spokespersons.0.channels.0",
        8: "between 0 and 1",
        9: "unknown name 'horoscopes'",
        11: "clause id must look like",
        17: "must start with the pack name 'testtown'",
        21: "unknown web category 'horoscopes'",
        26: "clauses.2.where.0",
        29: "entities only apply to detector 'personal_data'",
        30: "clauses.2.action",
        34: "a clause needs at least one control",
        36: "key 'action' appears twice",
    }
    assert sorted(lines) == sorted(expected)
    for line, fragment in expected.items():
        assert fragment in lines[line], (line, lines[line])


def test_missing_key_points_at_its_mapping(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    path.write_text(
        "pack: testtown\n"
        "source: {title: T, document: t.txt}\n"
        "council: {name: Test Town Council}\n"
        "clauses:\n"
        "  - id: testtown.data.x\n"
        "    locator: {section: Data}\n"
        "    controls: [{detector: personal_data}]\n"
        "    action: hold\n"
    )
    assert validate_file(path) == [(str(path), 5, "missing key 'summary' in clauses.0")]


def test_register_alias_maps_to_its_line(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(
        "pack: testtown\n"
        "source: {title: T, document: t.txt}\n"
        "council: {name: Test Town Council}\n"
        "register:\n"
        "  consents:\n"
        "    - person: Cllr A\n"
        "      details: [SHOE_SIZE]\n"
        "clauses: []\n"
    )
    problems = validate_file(path)
    assert (str(path), 7, problems[0][2]) == problems[0]
    assert "SHOE_SIZE" in problems[0][2]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "empty"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("pack: a\n---\npack: b\n", 2, "YAML syntax error"),
    ],
)
def test_odd_files(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(text)
    [(fname, got_line, msg)] = validate_file(path)
    assert (fname, got_line) == (str(path), line)
    assert fragment in msg
