"""Shared, deterministic Davidson split so training never sees the evaluation rows.

Both train_abuse.py and eval_abuse.py import this module; changing SEED or TEST_SIZE
changes the held-out set, so don't.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sklearn.model_selection import train_test_split

REPO_ROOT = Path(__file__).resolve().parent.parent
DAVIDSON_DIR = REPO_ROOT / ".." / "shared" / "data" / "davidson"
DAVIDSON_CSV = DAVIDSON_DIR / "labeled_data.csv"

SEED = 20261121
TEST_SIZE = 0.2
VAL_SIZE = 0.15  # fraction of the training 80% carved out for threshold tuning
LABELS = ("hate", "offensive", "neither")  # Davidson's class 0, 1, 2

_MENTION = re.compile(r"@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_RT = re.compile(r"\brt\b")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#\d+);")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case and replace @mentions, URLs, HTML entities and retweet markers."""
    t = text.lower()
    t = _URL.sub(" url ", t)
    t = _MENTION.sub(" @user ", t)
    t = _ENTITY.sub(" ", t)
    t = _RT.sub(" ", t)
    return _SPACE.sub(" ", t).strip()


@dataclass(frozen=True)
class Split:
    """Raw texts and labels (0 hate, 1 offensive, 2 neither) for each part."""

    train_x: list[str]
    train_y: list[int]
    test_x: list[str]
    test_y: list[int]


def data_present() -> bool:
    """Report, rather than crash, when the shared dataset is not on this machine."""
    if DAVIDSON_CSV.is_file():
        return True
    print(f"Davidson data not found at {DAVIDSON_CSV} (expected ../shared/data/davidson "
          "from the repo root); nothing to do.")
    return False


def load() -> tuple[list[str], list[int]]:
    """Read the CSV rows in file order."""
    texts: list[str] = []
    labels: list[int] = []
    with DAVIDSON_CSV.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            texts.append(row["tweet"])
            labels.append(int(row["class"]))
    return texts, labels


def split() -> Split:
    """Stratified 80/20 split with a fixed seed; the 20% is the untouchable test set."""
    texts, labels = load()
    tr_x, te_x, tr_y, te_y = train_test_split(
        texts, labels, test_size=TEST_SIZE, stratify=labels, random_state=SEED
    )
    return Split(list(tr_x), list(tr_y), list(te_x), list(te_y))


def carve_validation(
    x: list[str], y: list[int]
) -> tuple[list[str], list[int], list[str], list[int]]:
    """Validation slice of the training 80%, used only for tuning (never the test set)."""
    a_x, b_x, a_y, b_y = train_test_split(
        x, y, test_size=VAL_SIZE, stratify=y, random_state=SEED + 1
    )
    return list(a_x), list(a_y), list(b_x), list(b_y)


if __name__ == "__main__":
    if not data_present():
        sys.exit(0)
    s = split()
    for name, ys in (("train", s.train_y), ("test", s.test_y)):
        counts = [ys.count(k) for k in range(3)]
        print(name, len(ys), dict(zip(LABELS, counts, strict=True)))
