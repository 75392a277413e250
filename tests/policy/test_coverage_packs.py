"""The shipped packs' coverage, end to end: every implemented control's examples pass
through the real engine under the clause that names it."""

from __future__ import annotations

import pytest

from aupguard.detectors import available
from aupguard.model import CATEGORIES
from aupguard.policy.coverage import coverage, totals
from aupguard.policy.loader import load_pack


@pytest.mark.parametrize("name", ["belper", "leigh"])
def test_no_control_fails_and_every_detector_control_is_tested(name: str) -> None:
    items = coverage(load_pack(name))
    for item in items:
        for control in item.controls:
            assert control.tested != "FAIL", (item.id, control.label, control.failures)
            if control.kind == "detector":
                assert control.implemented and control.tested == "pass", (item.id, control)
    counts = totals(items)
    assert counts["implemented"] >= sum(
        1 for c in load_pack(name).clauses for ctl in c.controls if ctl.kind == "detector"
    )


def test_every_category_has_a_detector() -> None:
    assert available() == CATEGORIES
