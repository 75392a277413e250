"""Evaluate on Davidson's held-out 20% test split only, beside two profanity baselines.

Rerun: python training/eval_abuse.py [--model PATH] [--skip-baselines]

Systems, all on the same 4,957 test tweets in one run:
- aupguard model: the shipped n-gram model alone, its classes collapsed to Davidson's
  three and decided with the per-class weights chosen on training folds (stored in the
  model file);
- aupguard detector: the whole abuse detector as a council runs it (word list + model,
  default thresholds): hate if it reports a hate finding, offensive if any other, else
  neither;
- alt-profanity-check and better_profanity: profane -> offensive, clean -> neither (they
  never say hate, so their hate F1 is 0 by construction).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from abuse_model import decide, fold, to_davidson
from aupguard.detectors._abuse_model import score_sentences
from aupguard.detectors._abuse_ngrams import load
from split import LABELS, data_present, split

Predictor = Callable[[list[str]], np.ndarray]


def model_predictor(path: Path | None) -> Predictor:
    model = load(path)
    weights = model.meta.get("davidson_weights") or [1.0, 1.0, 1.0]

    def predict(texts: list[str]) -> np.ndarray:
        proba = to_davidson(model.probabilities([fold(t) for t in texts]))
        return decide(proba, weights)  # type: ignore[arg-type]

    return predict


def detector_predictor(path: Path | None) -> Predictor:
    model = load(path)

    def predict(texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            subs = {s.subtype for s in score_sentences(fold(t), model=model) if s.score >= 0.5}
            out.append(0 if "hate" in subs else 1 if subs else 2)
        return np.array(out)

    return predict


def profanity_check_predictor() -> Predictor:
    from profanity_check import predict as pc_predict

    def predict(texts: list[str]) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.where(np.asarray(pc_predict(texts)) == 1, 1, 2)

    return predict


def better_profanity_predictor() -> Predictor:
    from better_profanity import profanity

    profanity.load_censor_words()

    def predict(texts: list[str]) -> np.ndarray:
        return np.array([1 if profanity.contains_profanity(t) else 2 for t in texts])

    return predict


def report(name: str, y: Sequence[int], pred: np.ndarray, secs: float) -> dict[str, float]:
    """Print macro-F1, hate F1 and per-class precision/recall; return the headline pair."""
    macro = float(f1_score(y, pred, labels=[0, 1, 2], average="macro", zero_division=0))
    p, r, f, n = precision_recall_fscore_support(y, pred, labels=[0, 1, 2], zero_division=0)
    print(f"\n{name}: macro-F1 {macro:.3f}   hate F1 {f[0]:.3f}   ({secs:.1f}s, {len(y)} tweets)")
    for k, label in enumerate(LABELS):
        print(f"  {label:<10} P {p[k]:.3f}  R {r[k]:.3f}  F1 {f[k]:.3f}  n={n[k]}")
    return {"macro": macro, "hate": float(f[0])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=None, help="default: the shipped model")
    ap.add_argument("--skip-baselines", action="store_true")
    args = ap.parse_args()
    if not data_present():
        return 0
    s = split()
    systems: list[tuple[str, Callable[[], Predictor]]] = [
        ("aupguard model", lambda: model_predictor(args.model)),
        ("aupguard detector", lambda: detector_predictor(args.model)),
    ]
    if not args.skip_baselines:
        systems += [
            ("alt-profanity-check", profanity_check_predictor),
            ("better_profanity", better_profanity_predictor),
        ]
    rows: list[tuple[str, dict[str, float]]] = []
    for name, make in systems:
        predictor = make()
        t0 = time.perf_counter()
        pred = predictor(s.test_x)
        rows.append((name, report(name, s.test_y, pred, time.perf_counter() - t0)))
    print("\nsystem                  macro-F1  hate-F1  (targets 0.80 / 0.55)")
    for name, m in rows:
        ok = "meets" if m["macro"] >= 0.80 and m["hate"] >= 0.55 else "below"
        print(f"{name:<23} {m['macro']:8.3f} {m['hate']:8.3f}  {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
