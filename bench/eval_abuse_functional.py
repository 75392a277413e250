"""Accuracy of the abuse detector on the functional suite, per behaviour (issue 3).

Usage:
    python bench/eval_abuse_functional.py [--fixture PATH] [--verbose] [--json OUT]
                                          [--word-list-only]

Each line of tests/fixtures/abuse/functional.jsonl is one short text labelled with the
behaviour it tests (derogation, dehumanisation, threats, slurs, profanity aimed at a
person, counter-speech, quoting, negation, neutral identity mentions, obfuscated
spellings) and whether it is abusive. The text is checked by the `abuse` detector alone,
as a post on the council's social account (Leigh's council details, default Thresholds);
a case is predicted abusive when any finding's score reaches the threshold for its
subtype. Reported per behaviour: accuracy, misses (abusive judged clean), false alarms
(clean judged abusive), and how many caught abusive cases got the labelled subtype.
tests/detectors/test_abuse_functional.py asserts a floor per behaviour.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
try:
    import aupguard  # noqa: F401
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))

from aupguard import detectors  # noqa: E402
from aupguard.detectors.base import Context  # noqa: E402
from aupguard.model import ABUSE, Author, Finding, Message  # noqa: E402
from aupguard.policy.loader import load_pack  # noqa: E402
from aupguard.policy.schema import Pack, Thresholds  # noqa: E402
from aupguard.text import normalise  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "abuse" / "functional.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def findings(text: str, thresholds: Thresholds, pack: Pack) -> list[Finding]:
    """The abuse findings that reach their subtype's threshold."""
    msg = Message(text=text, channel="social", account="council", audience="public",
                  author=Author(role="staff"))
    ctx = Context(message=msg, text=normalise(text), council=pack.council,
                  register=pack.council_register, thresholds=thresholds)
    det = detectors.get(ABUSE)
    return [f for f in det.detect(ctx) if f.score >= thresholds.for_finding(ABUSE, f.subtype)]


def _use_word_list_only() -> None:
    """Swap the detector's scorer for the word list alone, as it was before issue 3."""
    from aupguard.detectors import abuse
    from aupguard.detectors._abuse_lexmatch import Scored, lexicon_spans
    from aupguard.text.triggers import Hit

    def word_list(text: str, hits: Sequence[Hit] | None = None, **_: Any) -> list[Scored]:
        out = lexicon_spans(text, hits)
        insults = [h for h in out if h.subtype == "insult"]
        if len(insults) >= 3:
            out.append(Scored(insults[0].start, insults[-1].end, "harassment", 0.7))
        return out

    abuse.score_sentences = word_list  # type: ignore[assignment]


def evaluate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-behaviour and overall figures, with every wrong case listed."""
    thresholds = Thresholds()
    pack = load_pack("leigh")
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong: list[dict[str, Any]] = []
    for row in rows:
        found = findings(row["text"], thresholds, pack)
        predicted = bool(found)
        expected = row["expect"] == "abusive"
        b = per[row["behaviour"]]
        b["cases"] += 1
        b["abusive"] += expected
        b["correct"] += predicted == expected
        b["missed"] += expected and not predicted
        b["false_alarms"] += predicted and not expected
        b["subtype_right"] += expected and any(f.subtype == row["subtype"] for f in found)
        if predicted != expected:
            wrong.append({"id": row["id"], "behaviour": row["behaviour"], "expect": row["expect"],
                          "text": row["text"],
                          "found": [f"{f.subtype}:{f.score:.2f}" for f in found]})
    total = {k: sum(b[k] for b in per.values())
             for k in ("cases", "abusive", "correct", "missed", "false_alarms", "subtype_right")}
    out: dict[str, Any] = {"behaviours": {}, "overall": total, "wrong": wrong}
    for name, b in [*per.items(), ("overall", total)]:
        fig: dict[str, float] = dict(b)
        fig["accuracy"] = round(b["correct"] / b["cases"], 3) if b["cases"] else 0.0
        if name == "overall":
            out["overall"] = fig
        else:
            out["behaviours"][name] = fig
    accs = [b["accuracy"] for b in out["behaviours"].values()]
    out["overall"]["macro_accuracy"] = round(sum(accs) / len(accs), 3) if accs else 0.0
    return out


def table(result: dict[str, Any]) -> str:
    lines = ["| behaviour | cases | abusive | accuracy | missed | false alarms | subtype right |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    rows = [*result["behaviours"].items(), ("**overall**", result["overall"])]
    for name, b in rows:
        lines.append(f"| {name} | {b['cases']} | {b['abusive']} | {b['accuracy']:.3f} | "
                     f"{b['missed']} | {b['false_alarms']} | {b['subtype_right']}/{b['abusive']} |")
    lines.append(f"\nmacro accuracy over behaviours: {result['overall']['macro_accuracy']:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every wrong case")
    parser.add_argument("--json", type=Path, help="write the figures (wrong cases included)")
    parser.add_argument("--word-list-only", action="store_true",
                        help="the word list without the trained model (the old baseline)")
    args = parser.parse_args(argv)
    if args.word_list_only:
        _use_word_list_only()
    result = evaluate(load(args.fixture))
    print(table(result))
    if args.verbose:
        for w in result["wrong"]:
            print(f"{w['id']} expect={w['expect']} found={w['found']}: {w['text']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
