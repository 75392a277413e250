"""Weighted phrase rules: the evidence scan of the commercial and chain-letter detectors.

A message is scored by the phrases it contains, each with a weight; only enough weight
together makes a finding. Phrases are found through the shared trigger scan
(`aupguard.text.triggers`), and regexes run only in small windows around the hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, islice
from operator import itemgetter

from aupguard.text import NormalisedText
from aupguard.text.triggers import Hit, TriggerWords

STRONG, MEDIUM, WEAK = 1.0, 0.5, 0.25

# (trigger words separated by "|", a trailing "+" marking a prefix; weight; regex or None)
RuleSpec = tuple[str, float, "str | None"]


@dataclass(frozen=True, slots=True)
class _Rule:
    weight: float
    pattern: re.Pattern[str] | None  # None: the trigger word itself is the phrase
    before: int  # -1: the match starts at the trigger (pattern.match there)
    after: int  # 0: the match ends where the trigger ends
    tags: frozenset[str]


class PhraseRules:
    """Weighted phrases found through the shared trigger scan.

    Each rule names the words that must occur in any of its matches (its triggers) and
    a regex run only in a small window around a trigger; a rule with no regex is just
    its trigger words. A regex starting with "^" must start at the trigger (it is
    matched there, not searched for); one ending with "$" must end with the trigger.
    A rule counts once however often it matches, so one phrase repeated a thousand
    times cannot add up to a finding. Phrase rules are settled by the scan alone; then
    regex rules run strongest first, and the message is dismissed as soon as what is
    found plus what could still be found cannot reach the caller's bar.

    `literals` are rules whose trigger is a character the word scan ignores ("$", "£"),
    found with `str.find`; their regex runs in a short window around it, and only if
    the text has one of the "|"-separated words that every match contains. At most
    `limit` windows are searched in all (`_TRIES` per rule), which keeps a 1 MB message
    linear."""

    def __init__(self, group: str, rules: Sequence[RuleSpec],
                 literals: Sequence[tuple[str, float, str, str]] = (),
                 before: int = 50, after: int = 60, limit: int = 100) -> None:
        self._rules: list[_Rule] = []
        self._by_tag: dict[str, list[int]] = {}
        self._words: set[str] = set()
        self._prefixes: set[str] = set()
        for triggers, weight, pattern in rules:
            if pattern is not None:
                expanded = [e for t in triggers.split("|") for e in expand(t)]
                self._add(expanded, weight, pattern, before, after)
                continue
            # Without a regex each "|" alternative is a rule of its own ("prize" and
            # "winner" are two pieces of evidence), matched by its brace expansions.
            for alternative in triggers.split("|"):
                self._add(expand(alternative), weight, None, before, after)
        words = {t: t for t in self._words}
        prefixes = {t[1:]: t for t in self._prefixes}
        self._literals = [(lit, len(self._rules) + n, weight, re.compile(pattern),
                           tuple(filter(None, needs.split("|"))))
                          for n, (lit, weight, pattern, needs) in enumerate(literals)]
        self._lit_chars = tuple({lit[0] for lit in self._literals})
        self._weights = [r.weight for r in self._rules] + [lit[2] for lit in self._literals]
        self._neg_weights = [-w for w in self._weights]
        self._strong = frozenset(i for i, w in enumerate(self._weights) if w >= STRONG)
        self._group = group
        self._limit = limit
        # tag -> (phrase rules it completes, regex rules it makes worth running)
        self._table = {
            tag: (tuple(i for i in idx if self._rules[i].pattern is None),
                  tuple(i for i in idx if self._rules[i].pattern is not None))
            for tag, idx in self._by_tag.items()}
        # tag -> its regex rules strongest first, as `scan` orders them, and their weight
        self._todo: dict[str, tuple[list[int], float]] = {}
        for tag, (_certain, regex) in self._table.items():
            todo = sorted(set(regex), key=self._neg_weights.__getitem__)
            self._todo[tag] = (todo, sum(self._weights[i] for i in todo))
        self.triggers = TriggerWords(group, words, prefixes)

    def _add(self, triggers: Sequence[str], weight: float, pattern: str | None,
             before: int, after: int) -> None:
        index = len(self._rules)
        tags = frozenset("+" + t[:-1] if t.endswith("+") else " ".join(t.split())
                         for t in triggers)
        if pattern is not None and pattern.startswith("^"):
            pattern, before = pattern[1:], -1
        elif pattern is not None and pattern.endswith("$"):
            pattern, after = pattern[:-1], 0
        self._rules.append(_Rule(weight, _compile(pattern), before, after, tags))
        for tag in tags:
            (self._prefixes if tag.startswith("+") else self._words).add(tag)
            if index not in self._by_tag.setdefault(tag, []):
                self._by_tag[tag].append(index)

    def scan(self, text: NormalisedText, need: tuple[float, float],
             saturate: float = 1e9) -> list[tuple[int, int, float]]:
        """The rules matched in the folded view as (start, end, weight), strongest
        first, or [] when their weights cannot add up to what the caller needs:
        `need[0]` when a strong phrase is among them, else `need[1]`. Once the phrases
        found add up to `saturate` (and are enough), the remaining regexes are not run.
        Runs for every message: the common path is a few plain loops over the distinct
        trigger tags and the regex rules they make worth running."""
        hits = text.trigger_hits.get(self._group, _NO_HITS)
        folded = text.folded.text
        lits = _NO_LITS
        for c in self._lit_chars:
            if c in folded:
                lits = [lit for lit in self._literals if lit[0] in folded]
                break
        if not hits and not lits:
            return _NONE
        need_strong, need_weak = need
        weights = self._weights
        found: dict[int, tuple[int, int]] = {}
        todo_set: set[int] = {lit[1] for lit in lits}
        table = self._table
        # The first hit of each trigger is enough for phrase rules.
        first: dict[str, Hit] = {}
        for h in reversed(hits):
            first[h.tag] = h
        for tag, h in first.items():
            certain, regex = table[tag]
            for i in certain:
                if i not in found or found[i][0] > h.start:
                    found[i] = (h.start, h.end)
            if regex:
                todo_set.update(regex)
        total = 0.0
        strong = False
        for i in found:
            w = weights[i]
            total += w
            if w >= STRONG:
                strong = True
        if not todo_set:
            return _NONE if total < (need_strong if strong else need_weak) else _sorted(
                found, weights)
        if len(first) == 1 and not lits:
            todo, rest = self._todo[tag]  # `tag`: the only one
        else:
            todo = sorted(todo_set, key=self._neg_weights.__getitem__)
            rest = 0.0
            for i in todo:
                rest += weights[i]
        # the strongest rule still to run decides whether a strong phrase is possible
        strong_todo = weights[todo[0]] >= STRONG
        if total + rest < (need_strong if strong or strong_todo else need_weak):
            return _NONE
        patterns = {i: (lit, p, nd) for lit, i, _w, p, nd in lits} if lits else _NO_PATTERNS
        budget = self._limit
        rules = self._rules
        # Where every trigger occurs once (most messages), a rule's candidate hits are
        # a short list; otherwise they are picked out of the hits in C.
        repeated = len(first) < len(hits)
        tag_list = list(map(_TAG, hits)) if repeated else _NO_TAGS
        for n, i in enumerate(todo):
            if total >= saturate and total >= (need_strong if strong else need_weak):
                break
            weight = weights[i]
            rest -= weight
            m = None
            if i in patterns:
                m = self._literal_search(folded, *patterns[i])
            else:
                rule = rules[i]
                pattern = rule.pattern
                assert pattern is not None
                tags = rule.tags
                tries = budget if budget < _TRIES else _TRIES
                own: Iterable[Hit]
                if repeated:
                    own = islice(compress(hits, map(tags.__contains__, tag_list)), tries)
                else:
                    own = [h for h in hits if h.tag in tags]
                    if len(own) > tries:
                        own = own[:tries]
                before, after = rule.before, rule.after
                for h in own:
                    budget -= 1
                    if before < 0:
                        # a trigger never follows a letter or digit (see `_search`)
                        m = pattern.match(folded, h.start, h.end + after)
                    else:
                        start = h.start - before
                        m = _search(pattern, folded, start if start > 0 else 0, h.end + after)
                    if m is not None:
                        break
            if m is not None:
                found[i] = m.span()
                total += weight
                if weight >= STRONG:
                    strong = True
            else:
                if strong_todo and not strong:
                    # is a strong rule still to come? (todo is strongest first)
                    strong_todo = n + 1 < len(todo) and weights[todo[n + 1]] >= STRONG
                if total + rest < (need_strong if strong or strong_todo else need_weak):
                    return _NONE
            if budget <= 0:
                break
        return _sorted(found, weights) if found else _NONE

    @staticmethod
    def _literal_search(text: str, lit: str, pattern: re.Pattern[str],
                        needs: tuple[str, ...]) -> re.Match[str] | None:
        for word in needs:
            if word in text:
                break
        else:
            if needs:
                return None  # a word every match contains is missing
        pos = text.find(lit)
        for _ in range(_TRIES):
            if pos < 0:
                return None
            m = pattern.search(text, max(0, pos - 20), pos + 20)
            if m is not None:
                return m
            pos = text.find(lit, pos + 1)
        return None


_TRIES = 10  # windows searched per rule
_TAG = itemgetter(3)  # Hit.tag
_NO_HITS: list[Hit] = []
_NO_LITS: list[tuple[str, int, float, re.Pattern[str], tuple[str, ...]]] = []
_NONE: list[tuple[int, int, float]] = []  # shared: callers only read it
_NO_TAGS: list[str] = []
_NO_PATTERNS: dict[int, tuple[str, re.Pattern[str], tuple[str, ...]]] = {}


def _sorted(found: dict[int, tuple[int, int]], weights: list[float]
            ) -> list[tuple[int, int, float]]:
    out = [(s, e, weights[i]) for i, (s, e) in found.items()]
    out.sort(key=lambda h: (-h[2], h[0]))  # strongest first, then by position
    return out


def _search(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """`pattern.search` where a match may not follow a letter or digit: checked here
    rather than with a lookbehind, which would slow the search at every position."""
    m = pattern.search(text, start, end)
    while m is not None:
        s = m.start()
        if s == 0 or text[s - 1] not in _ALNUM:
            return m
        m = pattern.search(text, s + 1, end)
    return None


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_BRACE = re.compile(r"\{([^{}]*)\}")


def expand(spec: str) -> list[str]:
    """Brace expansion for trigger phrases: "{buy,order} now{,!}" -> "buy now",
    "order now", ... An empty alternative drops the part; spaces are collapsed."""
    m = _BRACE.search(spec)
    if m is None:
        return [" ".join(spec.split())]
    out: list[str] = []
    for choice in m.group(1).split(","):
        out.extend(expand(spec[:m.start()] + choice + spec[m.end():]))
    return [o for o in out if o]


def _compile(pattern: str | None) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    # the match must not follow a letter or digit either: see `_search`
    return re.compile(rf"(?:{pattern})(?![a-z])")
