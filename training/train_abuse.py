"""Train the abuse model that ships in the package: src/aupguard/detectors/models/abuse.aupm.

Rerun: python training/train_abuse.py [--out PATH] [--no-oof]. Deterministic: fixed split
seed, fixed fold seed, sorted vocabulary, lbfgs (no randomness) on one thread, pinned
versions (training/requirements.txt); the same inputs write the same bytes.

Sources (see training/README.md): Davidson's training 80% (never its test 20%) and our
own examples in training/data/own_examples.jsonl. The functional test suite in
tests/fixtures/abuse/ is never read here.
"""

from __future__ import annotations

import os

# One thread everywhere: multi-threaded BLAS sums in a different order from run to run,
# and lbfgs then ends a few hundredths away; with one thread the file is byte-identical.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import email
import email.policy
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

import abuse_model
from abuse_model import (
    CHAR_MIN_DF,
    CLASSES,
    WORD_MIN_DF,
    C,
    build_vocabulary,
    decide,
    features,
    fit,
    fold,
    matrix,
    to_davidson,
)
from aupguard.detectors._abuse_lexmatch import RANK, lexicon_spans, scan
from aupguard.detectors._abuse_model import sentences
from aupguard.detectors._abuse_ngrams import dump
from split import REPO_ROOT, SEED, TEST_SIZE, data_present, split

DEFAULT_OUT = REPO_ROOT / "src" / "aupguard" / "detectors" / "models" / "abuse.aupm"
OWN = REPO_ROOT / "training" / "data" / "own_examples.jsonl"
# Clean background: sentences of ordinary English mail (one SpamAssassin folder only;
# the other ham folders stay unseen so benchmarks can measure false alarms on them).
HAM = REPO_ROOT / ".." / "shared" / "data" / "spamassassin" / "easy-ham-2"
MAX_HAM_SENTENCES = 12_000
W_HATE = tuple(round(x, 2) for x in np.arange(0.5, 4.01, 0.25))
W_NEITHER = tuple(round(x, 2) for x in np.arange(0.5, 2.01, 0.25))
_INDEX = {c: i for i, c in enumerate(CLASSES)}


def davidson_label(cls: int, folded: str) -> int:
    """Davidson's 3 classes onto ours. Offensive tweets take the most serious subtype the
    word list finds in them (a weak label); 'hate' from the word list becomes insult,
    because the annotators judged these tweets offensive but not hateful."""
    if cls == 0:
        return _INDEX["hate"]
    if cls == 2:
        return _INDEX["clean"]
    subs = [s.subtype for s in lexicon_spans(folded)]
    best = max(subs, key=lambda s: RANK.get(s, 0), default="insult")
    return _INDEX["insult" if best == "hate" else best]


def own_examples() -> tuple[list[str], list[int]]:
    if not OWN.is_file():
        print(f"note: {OWN} not found; training on Davidson only")
        return [], []
    texts, labels = [], []
    for line in OWN.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append(fold(row["text"]))
        labels.append(_INDEX[row["label"]])
    return texts, labels


def ham_sentences() -> list[str]:
    """Folded sentences from the plain-text parts of easy-ham-2, quoted lines dropped,
    without any word the word list knows (so swearing is never taught as clean); a
    deterministic selection by content hash."""
    if not HAM.is_dir():
        print(f"note: {HAM} not found; training without the clean mail background")
        return []
    seen: dict[str, str] = {}
    for path in sorted(HAM.iterdir()):
        if not path.is_file() or path.name == "cmds":
            continue
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for part in msg.walk():
            if part.get_content_type() != "text/plain":
                continue
            try:
                body = part.get_content()
            except (LookupError, ValueError):
                continue
            lines = [ln for ln in str(body).splitlines() if not ln.lstrip().startswith(">")]
            folded = fold(" \n".join(lines))
            for s0, s1 in sentences(folded):
                sent = " ".join(folded[s0:s1].split())
                if len(sent) < 12 or scan(sent):
                    continue
                seen.setdefault(hashlib.sha1(sent.encode()).hexdigest(), sent)
    return [seen[k] for k in sorted(seen)[:MAX_HAM_SENTENCES]]


def choose_weights(d_docs: list, d_y: list[int], d_cls: np.ndarray,
                   o_docs: list, o_y: list[int], vocab) -> tuple[list[float], dict]:
    """Per-class weights for the Davidson 3-way decision, chosen on 5-fold out-of-fold
    predictions over the training 80% (own examples always stay in the fitting part)."""
    proba = np.zeros((len(d_docs), 3))
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    for k, (tr, va) in enumerate(folds.split(np.zeros(len(d_cls)), d_cls)):
        x = matrix([d_docs[i] for i in tr] + o_docs, vocab)
        model = fit(x, [d_y[i] for i in tr] + o_y)
        proba[va] = to_davidson(model.predict_proba(matrix([d_docs[i] for i in va], vocab)))
        print(f"  fold {k + 1}/5 done", flush=True)
    best = (-1.0, [1.0, 1.0, 1.0], 0.0)
    for w0 in W_HATE:
        for w2 in W_NEITHER:
            pred = decide(proba, (w0, 1.0, w2))
            macro = float(f1_score(d_cls, pred, average="macro"))
            if macro > best[0]:
                hate = float(f1_score(d_cls, pred, labels=[0], average="macro"))
                best = (macro, [float(w0), 1.0, float(w2)], hate)
    argmax = decide(proba, (1.0, 1.0, 1.0))
    log = {
        "oof_macro_f1_argmax": round(float(f1_score(d_cls, argmax, average="macro")), 4),
        "oof_hate_f1_argmax": round(
            float(f1_score(d_cls, argmax, labels=[0], average="macro")), 4),
        "oof_macro_f1": round(best[0], 4),
        "oof_hate_f1": round(best[2], 4),
    }
    return best[1], log


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--no-oof", action="store_true",
                    help="skip choosing Davidson decision weights (keeps 1, 1, 1)")
    ap.add_argument("--no-pairs", action="store_true", help="words and character grams only")
    ap.add_argument("--class-weight", choices=("balanced", "sqrt", "none"),
                    default=abuse_model.CLASS_WEIGHT)
    args = ap.parse_args()
    abuse_model.PAIRS = not args.no_pairs
    abuse_model.CLASS_WEIGHT = args.class_weight
    if not data_present():
        return 0
    t0 = time.perf_counter()
    s = split()
    d_text = [fold(t) for t in s.train_x]
    d_y = [davidson_label(c, t) for c, t in zip(s.train_y, d_text, strict=True)]
    o_text, o_y = own_examples()
    ham = ham_sentences()
    o_text += ham
    o_y += [_INDEX["clean"]] * len(ham)
    d_docs = [features(t) for t in d_text]
    o_docs = [features(t) for t in o_text]
    vocab = build_vocabulary(d_docs + o_docs)
    print(f"{len(d_docs)} Davidson + {len(o_docs) - len(ham)} own examples + {len(ham)} "
          "clean mail sentences; "
          f"{len(vocab.words)} word and {len(vocab.chars)} character features")
    print("labels:", dict(sorted(Counter(CLASSES[i] for i in d_y + o_y).items())))
    weights, log = [1.0, 1.0, 1.0], {}
    if not args.no_oof:
        weights, log = choose_weights(d_docs, d_y, np.asarray(s.train_y), o_docs, o_y, vocab)
        print("Davidson decision weights (hate, offensive, neither):", weights, log)
    model = fit(matrix(d_docs + o_docs, vocab), d_y + o_y)
    assert tuple(model.classes_) == tuple(range(len(CLASSES)))
    meta = {
        "pairs": abuse_model.PAIRS,
        "davidson_weights": weights,
        "training": {
            "davidson_rows": len(d_docs), "own_rows": len(o_docs) - len(ham),
            "ham_sentences": len(ham),
            "own_sha256": hashlib.sha256(OWN.read_bytes()).hexdigest() if OWN.is_file() else None,
            "split_seed": SEED, "test_size": TEST_SIZE, "C": C,
            "class_weight": abuse_model.CLASS_WEIGHT,
            "word_min_df": WORD_MIN_DF, "char_min_df": CHAR_MIN_DF, **log,
        },
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    data = dump(vocab.words, vocab.chars, vocab.idf, model.coef_.T, model.intercept_, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data) / 1e6:.2f} MB, sha256 "
          f"{hashlib.sha256(data).hexdigest()[:16]}) in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
