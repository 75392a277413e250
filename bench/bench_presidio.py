"""Throughput and latency: aupguard (all detectors) against Microsoft Presidio.

Usage:
    python bench/bench_presidio.py [--limit N] [--warmup N] [--json OUT] [--no-breakdown]

In one run, the texts of the SpamAssassin corpus (6,046 messages: subject + body) go
through
  (a) aupguard: Checker with the `leigh` pack, every detector running, and
  (b) Presidio's AnalyzerEngine with its offline no-op NLP engine (no spaCy model is
      loaded or downloaded) and the pattern recognizers that match aupguard's personal-data
      entities: phone (region GB), email, credit card, IBAN, date, and the UK NHS number,
      National Insurance number and postcode recognizers (language "en").
Both run single-process and single-threaded, after a warm-up, timed by wall clock.

Why these message settings for aupguard: as a councillor (member) posting on the
council's social account (channel=social, account=council, audience=public,
edits_previous=True), 13 of the 14 detector categories have a Leigh clause that applies.
The Leigh policy has no gambling/auction rule, so the benchmark adds one clause for any
category still missing (a copy of the pack, in memory) so that all 14 run. The output
lists the categories that ran.

Targets (issue 2): aupguard >= 10x Presidio's messages/second; p99 < 20 ms per message
for messages up to 10 KB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

# Presidio's email recognizer uses tldextract, which would try to download the public
# suffix list on first use; an empty URL list makes it use its bundled snapshot (offline).
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
try:
    import aupguard  # noqa: F401
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))

import _corpus  # noqa: E402
from aupguard.engine import Checker, clause_applies  # noqa: E402
from aupguard.model import CATEGORIES, Author, Message  # noqa: E402
from aupguard.policy.loader import load_pack  # noqa: E402
from aupguard.policy.schema import Clause, Control, Locator, Pack  # noqa: E402
from profile_detectors import breakdown  # noqa: E402

TEN_KB = 10 * 1024
POLICY = "leigh"


# ------------------------------------------------------------------------- aupguard
def bench_message(text: str) -> Message:
    return Message(
        text=text,
        channel="social",
        account="council",
        author=Author(role="councillor"),
        audience="public",
        edits_previous=True,
    )


def all_detector_pack(
    policy: str = POLICY,
) -> tuple[Pack, tuple[str, ...], tuple[str, ...]]:
    """The pack, plus a bench-only clause for any category that no applicable clause
    covers for bench_message(); returns (pack, categories that run, categories added)."""
    pack = load_pack(policy)
    probe = bench_message("")
    covered: dict[str, None] = {}
    for clause in pack.clauses:
        if clause_applies(clause, probe):
            for control in clause.controls:
                if control.detector:
                    covered.setdefault(control.detector, None)
    added = tuple(c for c in CATEGORIES if c not in covered)
    if added:
        extra = Clause(
            id=f"{pack.pack}.bench.all-detectors",
            locator=Locator(section="benchmark only"),
            summary="Benchmark only: runs the detectors no clause of this pack applies here.",
            applies_to=("staff", "members", "co-opted-members"),
            where=("council-systems", "council-tablets", "personal-accounts"),
            controls=tuple(Control(detector=c) for c in added),
            action="record",
        )
        pack = pack.model_copy(update={"clauses": (*pack.clauses, extra)})
    running = tuple(c for c in CATEGORIES if c in covered or c in added)
    return pack, running, added


# ------------------------------------------------------------------------- presidio
def presidio_analyzer(config: str) -> tuple[Any, list[str], str]:
    """Presidio with the no-op NLP engine (no spaCy model), in one of two configurations:

    `uk`: what a user gets by enabling Presidio's UK recognizers: its predefined
    recognizers for English plus UkNino, UkPostcode, UkPassport, UkDrivingLicence and
    UkVehicleRegistration (disabled by default in its configuration).
    `matched`: only the recognizers for the entities aupguard reports (phone with
    region GB, email, card, IBAN, date, NHS, NI number, postcode): fewer recognizers,
    so Presidio is faster and the comparison harder for aupguard.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        DateRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        NhsRecognizer,
        PhoneRecognizer,
        UkDrivingLicenceRecognizer,
        UkNinoRecognizer,
        UkPassportRecognizer,
        UkPostcodeRecognizer,
        UkVehicleRegistrationRecognizer,
    )

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "no_op",
            "models": [{"lang_code": "en", "model_name": "no_op"}],
        }
    )
    nlp = provider.create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    if config == "uk":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
        extra: tuple[Any, ...] = tuple(
            cls(supported_language="en")
            for cls in (
                UkNinoRecognizer,
                UkPostcodeRecognizer,
                UkPassportRecognizer,
                UkDrivingLicenceRecognizer,
                UkVehicleRegistrationRecognizer,
            )
        )
    else:
        extra = (
            PhoneRecognizer(supported_language="en", supported_regions=("GB",)),
            EmailRecognizer(supported_language="en"),
            CreditCardRecognizer(supported_language="en"),
            IbanRecognizer(supported_language="en"),
            DateRecognizer(supported_language="en"),
            NhsRecognizer(supported_language="en"),
            UkNinoRecognizer(supported_language="en"),
            UkPostcodeRecognizer(supported_language="en"),
        )
    for rec in extra:
        registry.add_recognizer(rec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "context enhancer can't use tokens with no-op"
        engine = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])
    names = [type(r).__name__ for r in engine.get_recognizers("en")]
    return engine, names, metadata.version("presidio-analyzer")


PRESIDIO_CONFIGS = {
    "uk": "its recognizers + UK ones enabled",
    "matched": "only aupguard's entities",
}


# ------------------------------------------------------------------------- timing
def _time_each(fn: Callable[[Any], Any], items: Sequence[Any]) -> tuple[float, list[float]]:
    """Wall-clock total and per-item latencies (seconds)."""
    lat = [0.0] * len(items)
    clock = time.perf_counter
    gc.collect()
    start = clock()
    for i, item in enumerate(items):
        t0 = clock()
        fn(item)
        lat[i] = clock() - t0
    return clock() - start, lat


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of values, in the values' unit."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def _lat_summary(lat: Sequence[float]) -> dict[str, float]:
    ms = [x * 1000 for x in lat]
    return {
        "n": len(ms),
        "p50_ms": round(pct(ms, 50), 3),
        "p95_ms": round(pct(ms, 95), 3),
        "p99_ms": round(pct(ms, 99), 3),
        "max_ms": round(max(ms), 3) if ms else 0.0,
        "mean_ms": round(sum(ms) / len(ms), 3) if ms else 0.0,
    }


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {
        "nproc": usable,
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# ------------------------------------------------------------------------- main
def _side(total: float, lat: list[float], count: int, small: list[int]) -> dict[str, Any]:
    return {
        "seconds": round(total, 3),
        "messages_per_second": round(count / total, 1) if total else 0.0,
        "latency_all": _lat_summary(lat),
        "latency_up_to_10kb": _lat_summary([lat[i] for i in small]),
    }


def run(texts: Sequence[str], warmup: int, do_breakdown: bool) -> dict[str, Any]:
    pack, running, added = all_detector_pack()
    checker = Checker(pack)
    analyzers = {config: presidio_analyzer(config) for config in PRESIDIO_CONFIGS}
    messages = [bench_message(t) for t in texts]
    sizes = [len(t.encode("utf-8")) for t in texts]
    small = [i for i, s in enumerate(sizes) if s <= TEN_KB]

    warm = max(0, min(warmup, len(texts)))
    for msg in messages[:warm]:
        checker.check(msg)
    for analyzer, _names, _version in analyzers.values():
        for text in texts[:warm]:
            analyzer.analyze(text=text, language="en")

    found = [0]

    def aup(msg: Message) -> None:
        found[0] += len(checker.check(msg).findings)

    aup_total, aup_lat = _time_each(aup, messages)
    result: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": {
            "messages": len(texts),
            "bytes": sum(sizes),
            "up_to_10kb": len(small),
            "median_bytes": int(pct(sizes, 50)) if sizes else 0,
            "max_bytes": max(sizes) if sizes else 0,
        },
        "warmup_messages": warm,
        "aupguard": {
            "version": metadata.version("aupguard") if _installed("aupguard") else "source",
            "pack": POLICY,
            "message": {"channel": "social", "account": "council", "role": "councillor",
                        "audience": "public", "edits_previous": True},
            "detectors_run": list(running),
            "bench_clause_added_for": list(added),
            "findings": found[0],
            **_side(aup_total, aup_lat, len(texts), small),
        },
        "presidio": {},
    }
    for config, (analyzer, names, version) in analyzers.items():
        pre_found = [0]

        def pre(text: str, analyzer: Any = analyzer, pre_found: list[int] = pre_found) -> None:
            pre_found[0] += len(analyzer.analyze(text=text, language="en"))

        total, lat = _time_each(pre, texts)
        side = {"version": version, "nlp_engine": "no_op", "recognizers": names,
                "findings": pre_found[0], **_side(total, lat, len(texts), small)}
        side["ratio"] = round(
            result["aupguard"]["messages_per_second"] / side["messages_per_second"], 2
        ) if side["messages_per_second"] else 0.0
        result["presidio"][config] = side
    a = result["aupguard"]
    ratio = result["presidio"]["uk"]["ratio"]
    result["ratio"] = ratio
    result["targets"] = {
        "throughput_10x": ratio >= 10,
        "p99_under_20ms_up_to_10kb": a["latency_up_to_10kb"]["p99_ms"] < 20,
    }
    if do_breakdown:
        spent = breakdown(messages, running)
        result["aupguard"]["breakdown_us_per_message"] = {
            k: round(1e6 * v / len(texts), 1)
            for k, v in sorted(spent.items(), key=lambda kv: -kv[1])
        }
    return result


def _installed(dist: str) -> bool:
    try:
        metadata.version(dist)
    except metadata.PackageNotFoundError:
        return False
    return True


def render(r: dict[str, Any]) -> str:
    a, m, c = r["aupguard"], r["machine"], r["corpus"]
    out = [
        f"Machine: {m['cpu_model']}, nproc {m['nproc']}, Python {m['python']} "
        f"({m['platform']}), load average at start {m['loadavg_at_start']}",
        f"Corpus: {c['messages']} SpamAssassin messages, {c['bytes'] / 1e6:.1f} MB, "
        f"median {c['median_bytes']} B, max {c['max_bytes']} B, {c['up_to_10kb']} up to 10 KB; "
        f"warm-up {r['warmup_messages']} messages; single process, one after the other",
        f"aupguard: pack {a['pack']}, message "
        + ", ".join(f"{k}={v}" for k, v in a["message"].items())
        + f"; {len(a['detectors_run'])} detectors: {', '.join(a['detectors_run'])}"
        + (f" (bench clause added for: {', '.join(a['bench_clause_added_for'])})"
           if a["bench_clause_added_for"] else ""),
    ]
    for config, p in r["presidio"].items():
        out.append(f"Presidio {p['version']} ({config}): NLP engine {p['nlp_engine']}; "
                   f"{len(p['recognizers'])} recognizers: " + ", ".join(p["recognizers"]))
    out += [
        "",
        "| | messages/s | total s | p50 ms | p95 ms | p99 ms | p99 ms (<=10 KB) | max ms "
        "| aupguard is |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows: list[tuple[str, dict[str, Any]]] = [
        (f"aupguard ({len(a['detectors_run'])} detectors)", a)
    ]
    rows += [(f"Presidio, {PRESIDIO_CONFIGS[k]}", p) for k, p in r["presidio"].items()]
    for name, d in rows:
        la, ls = d["latency_all"], d["latency_up_to_10kb"]
        faster = f"{d['ratio']:.1f}x faster" if "ratio" in d else ""
        out.append(
            f"| {name} | {d['messages_per_second']:.1f} | {d['seconds']:.2f} | "
            f"{la['p50_ms']:.3f} | {la['p95_ms']:.3f} | {la['p99_ms']:.3f} | "
            f"{ls['p99_ms']:.3f} | {la['max_ms']:.1f} | {faster} |"
        )
    t = r["targets"]
    out += [
        "",
        f"Throughput ratio aupguard / Presidio with its UK recognizers: {r['ratio']:.1f}x "
        f"(target >= 10x: {'met' if t['throughput_10x'] else 'NOT met'})",
        f"aupguard p99 for messages up to 10 KB: {a['latency_up_to_10kb']['p99_ms']:.3f} ms "
        f"(target < 20 ms: {'met' if t['p99_under_20ms_up_to_10kb'] else 'NOT met'}); "
        f"p50 {a['latency_up_to_10kb']['p50_ms']:.3f} ms, "
        f"p95 {a['latency_up_to_10kb']['p95_ms']:.3f} ms",
    ]
    if "breakdown_us_per_message" in a:
        out += ["", "| aupguard stage (CPU) | µs per message (mean) |", "|---|---:|"]
        out += [f"| {k} | {v:.1f} |" for k, v in a["breakdown_us_per_message"].items()]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N messages of each folder")
    ap.add_argument("--warmup", type=int, default=200, help="messages run before timing")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    ap.add_argument("--root", type=Path, default=None, help="corpus directory")
    ap.add_argument("--no-breakdown", action="store_true", help="skip the per-detector pass")
    args = ap.parse_args(argv)
    try:
        import presidio_analyzer  # noqa: F401
    except ModuleNotFoundError:
        print("presidio-analyzer is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    root = _corpus.require_corpus(args.root)
    texts = [m.text for m in _corpus.iter_mail(root, limit=args.limit)]
    result = run(texts, args.warmup, not args.no_breakdown)
    print(render(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
