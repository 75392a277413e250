"""Precision and recall of the checker on the hand-labelled council drafts.

Usage:
    python bench/eval_labelled.py [--fixture PATH] [--verbose] [--json OUT] [--today DATE]

Each line of tests/fixtures/eval/labelled.jsonl is a draft with the categories a careful
Town Clerk would flag. A message-level match: a category counts as predicted when the
Checker reports at least one finding of that category. For personal data and abuse we
also report whether the labelled entity / subtype was found.

Fixture fields -> Message: `external` false -> audience "internal"; true -> "public" for
social/blog/web and "external" for email/chat; `name` and `handle` go to the Author (a
personal-account row without a name is someone posting under a pseudonym). `policy`
(default "leigh") picks the pack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
try:
    import aupguard  # noqa: F401
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))

from aupguard.engine import Checker  # noqa: E402
from aupguard.model import ABUSE_SUBTYPES, CATEGORIES, ENTITIES, Author, Message, Verdict  # noqa: E402
from aupguard.policy.loader import load_pack  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "eval" / "labelled.jsonl"
DEFAULT_POLICY = "leigh"
_PUBLIC_CHANNELS = frozenset({"social", "blog", "web"})


def load_fixture(path: Path = FIXTURE) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON: {exc}") from exc
    return rows


def to_message(row: dict[str, Any]) -> Message:
    channel = row.get("channel", "email")
    if not row.get("external", True):
        audience = "internal"
    elif channel in _PUBLIC_CHANNELS:
        audience = "public"
    else:
        audience = "external"
    author = Author(
        role=row.get("role", "staff"),
        name=row.get("name"),
        handle=row.get("handle"),
        authorised=bool(row.get("authorised", False)),
    )
    return Message(
        text=row["text"],
        channel=channel,
        account=row.get("account", "council"),
        author=author,
        audience=audience,  # type: ignore[arg-type]
        edits_previous=bool(row.get("edits_previous", False)),
    )


def _expected(row: dict[str, Any]) -> tuple[set[str], set[str], set[str]]:
    cats = {lab["category"] for lab in row["labels"]}
    ents = {lab["entity"] for lab in row["labels"] if lab.get("entity")}
    subs = {lab["subtype"] for lab in row["labels"] if lab.get("subtype")}
    return cats, ents, subs


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def evaluate(
    rows: Sequence[dict[str, Any]], today: dt.date | None = None
) -> dict[str, Any]:
    """Run every row through the Checker for its policy and score the result."""
    checkers: dict[str, Checker] = {}
    counts = {c: {"tp": 0, "fp": 0, "fn": 0, "support": 0} for c in CATEGORIES}
    ent_hits: dict[str, list[int]] = {e: [0, 0] for e in ENTITIES}
    sub_hits: dict[str, list[int]] = {s: [0, 0] for s in ABUSE_SUBTYPES}
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    clean_total = clean_flagged = 0
    for row in rows:
        policy = row.get("policy", DEFAULT_POLICY)
        if policy not in checkers:
            checkers[policy] = Checker(load_pack(policy), today=today)
        verdict: Verdict = checkers[policy].check(to_message(row))
        got = {f.category for f in verdict.findings}
        got_ents = {f.entity for f in verdict.findings if f.entity}
        got_subs = {f.subtype for f in verdict.findings if f.subtype}
        want, want_ents, want_subs = _expected(row)
        for cat in CATEGORIES:
            if cat in want:
                counts[cat]["support"] += 1
                counts[cat]["tp" if cat in got else "fn"] += 1
            elif cat in got:
                counts[cat]["fp"] += 1
        for ent in want_ents:
            ent_hits[ent][1] += 1
            ent_hits[ent][0] += ent in got_ents
        for sub in want_subs:
            sub_hits[sub][1] += 1
            sub_hits[sub][0] += sub in got_subs
        if not want:
            clean_total += 1
            clean_flagged += bool(got)
        base = {"id": row["id"], "policy": policy, "text": row["text"]}
        for cat in sorted(want - got):
            misses.append({**base, "category": cat, "note": row.get("note", "")})
        for cat in sorted(got - want):
            found = [
                {
                    "excerpt": f.excerpt,
                    "entity": f.entity,
                    "subtype": f.subtype,
                    "clause": f.clause,
                    "score": round(f.score, 3),
                }
                for f in verdict.findings
                if f.category == cat
            ]
            false_alarms.append({**base, "category": cat, "findings": found})
    per_cat = {}
    tp = fp = fn = 0
    for cat, c in counts.items():
        per_cat[cat] = {**_prf(c["tp"], c["fp"], c["fn"]), **c}
        tp, fp, fn = tp + c["tp"], fp + c["fp"], fn + c["fn"]
    return {
        "messages": len(rows),
        "clean_messages": clean_total,
        "clean_flagged": clean_flagged,
        "categories": per_cat,
        "micro": {**_prf(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn},
        "entities": {e: {"found": h[0], "labelled": h[1]} for e, h in ent_hits.items() if h[1]},
        "abuse_subtypes": {s: {"found": h[0], "labelled": h[1]} for s, h in sub_hits.items()
                           if h[1]},
        "misses": misses,
        "false_alarms": false_alarms,
    }


def render(result: dict[str, Any], verbose: bool = False) -> str:
    out = [
        f"Labelled evaluation: {result['messages']} messages, "
        f"{result['clean_messages']} clean ({result['clean_flagged']} of them flagged)",
        "",
        "| category | precision | recall | F1 | support | TP | FP | FN |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cat, c in result["categories"].items():
        out.append(
            f"| {cat} | {c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | "
            f"{c['support']} | {c['tp']} | {c['fp']} | {c['fn']} |"
        )
    mi = result["micro"]
    out.append(
        f"| **micro** | **{mi['precision']:.3f}** | **{mi['recall']:.3f}** | "
        f"**{mi['f1']:.3f}** | {mi['tp'] + mi['fn']} | {mi['tp']} | {mi['fp']} | {mi['fn']} |"
    )
    out += ["", "| personal-data entity | found / labelled |", "|---|---:|"]
    out += [f"| {e} | {h['found']} / {h['labelled']} |" for e, h in result["entities"].items()]
    out += ["", "| abuse subtype | found / labelled |", "|---|---:|"]
    out += [f"| {s} | {h['found']} / {h['labelled']} |"
            for s, h in result["abuse_subtypes"].items()]
    if verbose:
        out += ["", f"Misses ({len(result['misses'])}):"]
        for m in result["misses"]:
            out.append(f"  - [{m['category']}] {m['id']} ({m['policy']}): "
                       f"{_short(m['text'])}  -- {m['note']}")
        out += ["", f"False alarms ({len(result['false_alarms'])}):"]
        for fa in result["false_alarms"]:
            why = "; ".join(
                f"{f['entity'] or f['subtype'] or ''} {f['excerpt']!r} ({f['clause']}, "
                f"{f['score']})" for f in fa["findings"]
            )
            out.append(f"  - [{fa['category']}] {fa['id']} ({fa['policy']}): "
                       f"{_short(fa['text'])}  -- {why}")
    return "\n".join(out)


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false alarms")
    ap.add_argument("--today", type=dt.date.fromisoformat, default=None,
                    help="date for register expiry (default: today)")
    args = ap.parse_args(argv)
    result = evaluate(load_fixture(args.fixture), today=args.today)
    print(render(result, verbose=args.verbose))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
