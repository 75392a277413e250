"""The council register's confidential matters for the confidential detector: per-pack
keyword patterns whose anchor words ride on the shared trigger scan."""

from __future__ import annotations

import datetime as dt
import re
import threading
from functools import lru_cache

from aupguard.detectors._conduct import MAX_FINDINGS, fold_phrase, pack_triggers
from aupguard.policy.schema import ConfidentialMatter
from aupguard.text.triggers import Hit, TriggerWords, scan_text


@lru_cache(maxsize=64)
def _register_index(
    matters: tuple[tuple[str, ...], ...],
) -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    """Per-pack structure for the register's keywords (they vary by council, so they are
    not shared triggers): a few words that between them occur in every keyword (chosen
    greedily, so "tender costs" and "roof replacement tender" share "tender"), each with
    one regex of its keywords, tried only near where the word occurs. The words are
    found by the shared trigger scan (see `_plan`)."""
    keys: list[tuple[int, str, set[str]]] = []
    for i, keywords in enumerate(matters):
        for k in keywords:
            words = set(scan_text(k.lower()).split())
            if words:
                keys.append((i, fold_phrase(k), words))
    out: list[tuple[str, int, re.Pattern[str]]] = []
    while keys:
        counts: dict[str, int] = {}
        for _i, _rx, words in keys:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        word = max(sorted(counts), key=lambda w: (counts[w], len(w)))
        mine = sorted((k for k in keys if word in k[2]), key=lambda k: len(k[1]), reverse=True)
        keys = [k for k in keys if word not in k[2]]
        reach = max(len(rx) for _i, rx, _w in mine)
        out.append((word, reach, re.compile(
            "(?<![a-z0-9])(?:"
            + "|".join(f"(?P<m{i}_{j}>{rx})" for j, (i, rx, _w) in enumerate(mine))
            + ")(?![a-z0-9])"
        )))
    return tuple(out)


# What a register needs per message, cached per (matters tuple, day): the active
# matters, their keyword index and its trigger group. Keyed by id() with the tuple kept
# in the entry (so the id cannot be reused while cached); pydantic models are slow to
# hash, and this runs for every message.
Plan = tuple[
    tuple[ConfidentialMatter, ...],
    dict[str, tuple[int, re.Pattern[str]]],
    tuple[str, ...],
    TriggerWords | None,
]
_plans: dict[int, tuple[object, dt.date, Plan]] = {}
_plans_lock = threading.Lock()


def plan(matters: tuple[ConfidentialMatter, ...], today: dt.date) -> Plan:
    entry = _plans.get(id(matters))
    if entry is not None and entry[0] is matters and entry[1] == today:
        return entry[2]
    active = tuple(m for m in matters if m.active(today))
    index = _register_index(tuple(m.keywords for m in active)) if active else ()
    words = tuple(w for w, _r, _p in index)
    group = pack_triggers("confidential-register", words) if words else None
    plan: Plan = (active, {w: (r, p) for w, r, p in index}, words, group)
    with _plans_lock:
        if len(_plans) >= 64:
            _plans.clear()
        _plans[id(matters)] = (matters, today, plan)
    return plan


def register_matches(
    text: str, plan: Plan | None, reg_hits: list[Hit]
) -> list[tuple[int, int, ConfidentialMatter]]:
    assert plan is not None
    active, index, words, _group = plan
    by_word: dict[str, list[int]] = {}
    for h in reg_hits:
        by_word.setdefault(h.tag, []).append(h.start)
    found: list[tuple[int, int, ConfidentialMatter]] = []
    seen: set[int] = set()
    for word in words:
        reach, pattern = index[word]
        for pos in by_word.get(word, ()):
            if len(found) >= MAX_FINDINGS:
                break
            for m in pattern.finditer(text, max(0, pos - reach), pos + reach):
                if m.start() <= pos < m.end() and m.start() not in seen:
                    seen.add(m.start())
                    i = int((m.lastgroup or "m0_0")[1:].split("_")[0])
                    found.append((m.start(), m.end(), active[i]))
    found.sort(key=lambda f: f[0])
    return found

