"""Train the first abuse model on Davidson's training 80% and save it with joblib.

Rerun: python training/train_abuse.py [--tune] [--out PATH]. Deterministic: fixed split
seed, fixed LogisticRegression random_state, pinned versions (training/requirements.txt).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.metrics import f1_score

from abuse_model import build_pipeline, decide
from split import REPO_ROOT, SEED, TEST_SIZE, carve_validation, data_present, normalise, split

DEFAULT_OUT = REPO_ROOT / "training" / "out" / "abuse-model.joblib"
C_GRID = (1.0, 4.0, 10.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.20, 0.81, 0.025))


def tune(x: list[str], y: list[int]) -> tuple[float, float, dict[str, Any]]:
    """Pick C and the hate threshold on a validation slice of the training 80% only."""
    fit_x, fit_y, val_x, val_y = carve_validation(x, y)
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    log: dict[str, Any] = {}
    for c in C_GRID:
        model = build_pipeline(c=c).fit(fit_x, fit_y)
        proba = model.predict_proba(val_x)
        for t in THRESHOLDS:
            pred = decide(proba, t)
            macro = float(f1_score(val_y, pred, average="macro"))
            hate = float(f1_score(val_y, pred, labels=[0], average="macro"))
            log[f"C={c} t={t}"] = (round(macro, 4), round(hate, 4))
            if macro > best[0]:
                best = (macro, c, t)
        print(f"  C={c}: best val macro-F1 so far {best[0]:.4f} (C={best[1]}, t={best[2]})")
    return best[1], best[2], log


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--c", type=float, default=4.0, help="LogisticRegression C (no --tune)")
    ap.add_argument(
        "--tune", action="store_true",
        help="choose C and a hate threshold on a validation split of the training 80%%",
    )
    args = ap.parse_args()
    if not data_present():
        return 0
    t0 = time.perf_counter()
    s = split()
    train_x = [normalise(t) for t in s.train_x]
    c, threshold = args.c, None
    if args.tune:
        c, threshold, _ = tune(train_x, s.train_y)
        print(f"tuned on validation: C={c}, hate threshold={threshold}")
    model = build_pipeline(c=c).fit(train_x, s.train_y)
    artefact = {
        "pipeline": model,
        "labels": ("hate", "offensive", "neither"),
        "hate_threshold": threshold,
        "preprocess": "training/split.py normalise(): lower-case, @user, url, drop RT/entities",
        "params": {"C": c, "split_seed": SEED, "test_size": TEST_SIZE},
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(artefact, args.out, compress=3)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
