"""Model definition and decision rule shared by train_abuse.py and eval_abuse.py.

The saved artefact is a plain dict (pipeline + hate threshold + versions) so loading it
needs only scikit-learn, not this module. Texts go through split.normalise BEFORE the
pipeline (kept out of it so the pickle holds no reference to training code).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from split import SEED


def build_pipeline(c: float = 4.0, class_weight: Any = "balanced") -> Pipeline:
    """Word 1-2-grams plus char_wb 2-5-grams into a balanced logistic regression."""
    features = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    analyzer="word", ngram_range=(1, 2),
                    sublinear_tf=True, min_df=2, token_pattern=r"(?u)\b\w+\b",
                    dtype=np.float32,
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5),
                    sublinear_tf=True, min_df=3, dtype=np.float32,
                ),
            ),
        ]
    )
    clf = LogisticRegression(
        C=c, class_weight=class_weight, max_iter=2000, random_state=SEED, solver="lbfgs"
    )
    return Pipeline([("features", features), ("clf", clf)])


def decide(proba: np.ndarray, hate_threshold: float | None) -> np.ndarray:
    """Argmax, except hate wins whenever P(hate) reaches the tuned threshold.

    Below the threshold hate is never chosen; the larger of offensive/neither wins.
    """
    if hate_threshold is None:
        return np.asarray(proba.argmax(axis=1))
    rest = proba[:, 1:].argmax(axis=1) + 1
    return np.where(proba[:, 0] >= hate_threshold, 0, rest)
