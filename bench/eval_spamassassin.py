"""How the checker does on real email: the SpamAssassin public corpus.

Usage:
    python bench/eval_spamassassin.py [--limit N] [--json OUT] [--examples K] [--root DIR]

Spam (spam-1, spam-2) should mostly be caught as `commercial` or `chain_letter`;
legitimate mail (easy-ham-1, easy-ham-2, hard-ham-1) should mostly get no finding at all.
Every message is checked as a council email going out: channel=email, account=council,
audience=external, role=staff (not authorised to speak for the council), pack `leigh`.
`--limit N` takes the first N messages of each folder, for quick runs. If the corpus is
not at ../shared/data/spamassassin (from the repo root) the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
try:
    import aupguard  # noqa: F401
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))

import _corpus  # noqa: E402
from aupguard.engine import Checker  # noqa: E402
from aupguard.model import CATEGORIES, Author, Message  # noqa: E402
from aupguard.policy.loader import load_pack  # noqa: E402

SPAM_TARGETS = frozenset({"commercial", "chain_letter"})
POLICY = "leigh"


def as_message(text: str) -> Message:
    return Message(
        text=text,
        channel="email",
        account="council",
        author=Author(role="staff"),
        audience="external",
    )


def evaluate(
    mails: Sequence[_corpus.Mail], policy: str = POLICY, examples: int = 3
) -> dict[str, Any]:
    checker = Checker(load_pack(policy))
    folders: dict[str, dict[str, Any]] = {}
    samples: dict[str, list[dict[str, str]]] = defaultdict(list)
    for mail in mails:
        stats = folders.setdefault(
            mail.folder,
            {"messages": 0, "any_finding": 0, "any_but_pd": 0, "caught": 0,
             "by_category": Counter()},
        )
        verdict = checker.check(as_message(mail.text))
        cats = {f.category for f in verdict.findings}
        stats["messages"] += 1
        stats["any_finding"] += bool(cats)
        stats["any_but_pd"] += bool(cats - {"personal_data"})
        stats["caught"] += bool(cats & SPAM_TARGETS)
        for cat in cats:
            stats["by_category"][cat] += 1
            key = f"{'spam' if mail.spam else 'ham'}:{cat}"
            if len(samples[key]) < examples:
                first = next(f for f in verdict.findings if f.category == cat)
                samples[key].append({
                    "file": f"{mail.folder}/{mail.name}",
                    "subject": mail.subject[:80],
                    "excerpt": first.excerpt,
                    "detail": first.entity or first.subtype or "",
                    "clause": first.clause or "",
                })
    spam = [s for f, s in folders.items() if f in _corpus.SPAM_FOLDERS]
    ham = [s for f, s in folders.items() if f in _corpus.HAM_FOLDERS]
    spam_n = sum(s["messages"] for s in spam)
    ham_n = sum(s["messages"] for s in ham)
    spam_caught = sum(s["caught"] for s in spam)
    ham_flagged = sum(s["any_finding"] for s in ham)
    ham_flagged_npd = sum(s["any_but_pd"] for s in ham)
    ham_by_cat: Counter[str] = Counter()
    spam_by_cat: Counter[str] = Counter()
    for s in ham:
        ham_by_cat.update(s["by_category"])
    for s in spam:
        spam_by_cat.update(s["by_category"])
    return {
        "policy": policy,
        "message_setup": {"channel": "email", "account": "council", "audience": "external",
                          "role": "staff", "authorised": False},
        "spam": {"messages": spam_n, "caught": spam_caught,
                 "rate": round(spam_caught / spam_n, 4) if spam_n else 0.0,
                 "by_category": dict(spam_by_cat)},
        "ham": {"messages": ham_n, "flagged": ham_flagged,
                "rate": round(ham_flagged / ham_n, 4) if ham_n else 0.0,
                "flagged_other_than_personal_data": ham_flagged_npd,
                "by_category": dict(ham_by_cat)},
        "folders": {
            f: {**s, "by_category": dict(s["by_category"])} for f, s in folders.items()
        },
        "examples": dict(samples),
    }


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def render(result: dict[str, Any], verbose: bool = False) -> str:
    sp, hm = result["spam"], result["ham"]
    out = [
        f"SpamAssassin corpus, pack {result['policy']}, checked as "
        + ", ".join(f"{k}={v}" for k, v in result["message_setup"].items()),
        "",
        f"Spam caught as commercial or chain_letter: {sp['caught']} / {sp['messages']} "
        f"({_pct(sp['caught'], sp['messages'])})",
        f"Legitimate mail with any finding: {hm['flagged']} / {hm['messages']} "
        f"({_pct(hm['flagged'], hm['messages'])})",
        f"Legitimate mail with a finding other than personal_data: "
        f"{hm['flagged_other_than_personal_data']} / {hm['messages']} "
        f"({_pct(hm['flagged_other_than_personal_data'], hm['messages'])})",
        "(mailing-list mail quotes other people's email addresses and signatures, which "
        "an outgoing council email should not pass on, so many personal_data findings on "
        "ham are real; the second figure is the clearer false-alarm rate of the other "
        "detectors)",
        "",
    ]
    cats = [c for c in CATEGORIES
            if any(c in s["by_category"] for s in result["folders"].values())]
    head = "| folder | messages | caught (commercial/chain) | any finding | " + " | ".join(cats)
    out += [head + " |", "|---|---:|---:|---:|" + "---:|" * len(cats)]
    for folder in _corpus.FOLDERS:
        s = result["folders"].get(folder)
        if s is None:
            continue
        n = s["messages"]
        row = (f"| {folder} | {n} | {s['caught']} ({_pct(s['caught'], n)}) | "
               f"{s['any_finding']} ({_pct(s['any_finding'], n)}) | ")
        row += " | ".join(str(s["by_category"].get(c, 0)) for c in cats)
        out.append(row + " |")
    if verbose and result["examples"]:
        out += ["", "Examples (first few per kind:category):"]
        for key in sorted(result["examples"]):
            for ex in result["examples"][key]:
                out.append(f"  - {key} {ex['file']} [{ex['detail']}] {ex['excerpt']!r} "
                           f"(subject: {ex['subject']!r})")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N messages of each folder")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    ap.add_argument("--root", type=Path, default=None, help="corpus directory")
    ap.add_argument("--policy", default=POLICY)
    ap.add_argument("--examples", type=int, default=3, help="examples kept per category")
    ap.add_argument("--verbose", "-v", action="store_true", help="print the examples")
    args = ap.parse_args(argv)
    root = _corpus.require_corpus(args.root)
    mails = _corpus.load_mail(root, limit=args.limit)
    result = evaluate(mails, policy=args.policy, examples=args.examples)
    result["limit"] = args.limit
    print(render(result, verbose=args.verbose))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
