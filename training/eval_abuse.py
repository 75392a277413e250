"""Evaluate on Davidson's held-out 20% test split only, beside two profanity baselines.

Rerun: python training/eval_abuse.py [--model PATH ...]. Baselines give a binary answer,
mapped to offensive (profane) or neither (clean); they never say hate.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from abuse_model import decide
from split import LABELS, REPO_ROOT, data_present, normalise, split

DEFAULT_MODEL = REPO_ROOT / "training" / "out" / "abuse-model.joblib"
Predictor = Callable[[list[str]], np.ndarray]


def aupguard_predictor(path: Path) -> Predictor:
    """Load a train_abuse.py artefact; apply its tuned hate threshold if it has one."""
    art = joblib.load(path)

    def predict(texts: list[str]) -> np.ndarray:
        proba = art["pipeline"].predict_proba([normalise(t) for t in texts])
        return decide(proba, art["hate_threshold"])

    return predict


def profanity_check_predictor() -> Predictor:
    """alt-profanity-check: 1 -> offensive, 0 -> neither."""
    from profanity_check import predict as pc_predict

    def predict(texts: list[str]) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.where(np.asarray(pc_predict(texts)) == 1, 1, 2)

    return predict


def better_profanity_predictor() -> Predictor:
    """better_profanity: contains_profanity -> offensive, else neither."""
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
    ap.add_argument("--model", type=Path, nargs="+", default=[DEFAULT_MODEL])
    args = ap.parse_args()
    if not data_present():
        return 0
    s = split()
    systems: list[tuple[str, Callable[[], Predictor]]] = [
        (f"aupguard [{m.name}]", lambda m=m: aupguard_predictor(m)) for m in args.model
    ]
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
    print("\nsystem                               macro-F1  hate-F1  (targets 0.80 / 0.55)")
    for name, m in rows:
        ok = "meets" if m["macro"] >= 0.80 and m["hate"] >= 0.55 else "below"
        print(f"{name:<36} {m['macro']:8.3f} {m['hate']:8.3f}  {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
