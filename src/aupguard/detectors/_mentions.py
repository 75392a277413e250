"""Shared helpers for detectors that need to know whether a text is about the council.

Private to the political / identity / disclaimer detectors, plus the weighted phrase
rules of the commercial and chain-letter detectors. Patterns depend on the
council's profile, so they are built once per council and cached (the cache is keyed
on immutable strings, so sharing it between threads is safe).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from aupguard.policy.schema import Council
from aupguard.text import NormalisedText
from aupguard.text.triggers import TriggerWords

# Words that end a council's formal name; stripping them leaves the place name.
_SUFFIX = re.compile(r"\s*\b(?:town|parish|city|district|borough|county|community)?\s*council\s*$",
                     re.I)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Generic ways of referring to "the council" or its members in a post.
_GENERIC = (
    r"(?:the|our|this|my|your)\s+(?:town\s+|parish\s+)?council\b",
    r"(?:town|parish)\s+council(?:s|'s|lors?)?\b",
    r"council\s+(?:meeting|offices?|business|decision|chamber|clerk|staff)\b",
    r"full\s+council\b",
    r"councillors?\b",
    r"cllrs?\b",
    r"town\s+clerk\b",
    r"(?:town\s+)?mayor\b",
)


def compact(value: str) -> str:
    """Lower-case, keep only letters and digits: "Leigh-on-Sea TC" -> "leighonseatc"."""
    return _NON_ALNUM.sub("", value.lower())


def _place(name: str) -> str:
    """The place part of a council's name: "Belper Town Council" -> "Belper"."""
    return _SUFFIX.sub("", name).strip()


@lru_cache(maxsize=64)
def _names(name: str, aliases: tuple[str, ...], handles: tuple[str, ...],
           website: str | None) -> tuple[str, ...]:
    """Every literal name the council goes by, longest first, lower-cased."""
    out: set[str] = {name.lower()}
    out.update(a.lower() for a in aliases if a.strip())
    out.update(h.lower().lstrip("@") for h in handles if h.strip().lstrip("@"))
    if website:
        host = re.sub(r"^[a-z]+://", "", website.lower()).split("/")[0]
        out.add(host.removeprefix("www."))
    place = _place(name)
    first = re.split(r"[-\s]", place)[0] if place else ""
    if first and first.lower() != place.lower():
        # "Leigh-on-Sea Town Council" is commonly written "Leigh Town Council".
        out.add(f"{first.lower()} town council")
    return tuple(sorted((n for n in out if len(n) >= 3), key=len, reverse=True))


@lru_cache(maxsize=64)
def _mention_re(names: tuple[str, ...]) -> re.Pattern[str]:
    literal = [re.escape(n).replace(r"\ ", r"\s+") for n in names]
    body = "|".join(literal + list(_GENERIC))
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def mention_pattern(council: Council) -> re.Pattern[str]:
    """A compiled pattern (for the folded, lower-case view) matching references to the
    council: its name, aliases, handles, website, "the council", councillors, the clerk."""
    names = _names(council.name, council.aliases, council.social_handles, council.website)
    return _mention_re(names)


def find_mention(council: Council, folded: str) -> re.Match[str] | None:
    """The first reference to the council in a folded text, or None."""
    if "council" not in folded and "cllr" not in folded and "clerk" not in folded \
            and "mayor" not in folded:
        # Cheap pre-check; named handles/aliases without the word are checked below.
        names = _names(council.name, council.aliases, council.social_handles, council.website)
        if not any(n in folded for n in names):
            return None
    return mention_pattern(council).search(folded)


@lru_cache(maxsize=64)
def _handle_stems(name: str, aliases: tuple[str, ...], handles: tuple[str, ...]) -> tuple[str, ...]:
    """Compacted forms of the council's name that should not appear inside a personal
    handle: the full name, aliases, official handles, and "<place>tc"/"<place>council"."""
    # Any "...TownCouncil..." handle on a personal account passes itself off as a council.
    stems: set[str] = {compact(name), "towncouncil", "parishcouncil"}
    stems.update(compact(a) for a in aliases)
    stems.update(compact(h) for h in handles)
    place = _place(name)
    places = {compact(place)}
    first = re.split(r"[-\s]", place)[0] if place else ""
    places.add(compact(first))
    for a in aliases:
        places.add(compact(_place(a)))
    for p in places:
        if len(p) >= 3:
            stems.update({p + "tc", p + "council", p + "towncouncil", p + "parishcouncil",
                          p + "pc"})
    return tuple(sorted((s for s in stems if len(s) >= 5), key=len, reverse=True))


def handle_uses_council_name(council: Council, handle: str) -> str | None:
    """The council name form found inside a personal handle or display name, or None.

    "@LeighTownCouncilJoe" and "BelperTC_fan" match; "BelperMum" (just the town) does
    not. The short "<place>TC"/"<place>PC" forms count only when the abbreviation stands
    out (capitals, or followed by a non-letter), so "belperpcrepairs" is not flagged."""
    flat = compact(handle)
    if not flat:
        return None
    for stem in _handle_stems(council.name, council.aliases, council.social_handles):
        if stem not in flat:
            continue
        if stem.endswith(("tc", "pc")) and not stem.endswith("council"):
            place = re.escape(stem[:-2])
            abbr = stem[-2:]
            pat = rf"(?i:{place})[\W_]*(?:{abbr.upper()}|{abbr}(?![a-z]))"
            if not re.search(pat, handle):
                continue
        return stem
    return None


# --- weighted phrase rules (commercial, chain_letter) ---

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
    found with `str.find`; their regex runs in a short window around it. At most
    `limit` windows are searched in all (`_TRIES` per rule), which keeps a 1 MB message
    linear."""

    def __init__(self, group: str, rules: Sequence[RuleSpec],
                 literals: Sequence[tuple[str, float, str]] = (),
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
        self._literals = [(lit, len(self._rules) + n, weight, re.compile(pattern))
                          for n, (lit, weight, pattern) in enumerate(literals)]
        self._lit_chars = tuple({lit for lit, _i, _w, _p in self._literals})
        self._weights = [r.weight for r in self._rules] + [w for _l, _i, w, _p in self._literals]
        self._limit = limit
        # tag -> (phrase rules it completes, regex rules it makes worth running)
        self._table = {
            tag: (tuple(i for i in idx if self._rules[i].pattern is None),
                  tuple(i for i in idx if self._rules[i].pattern is not None))
            for tag, idx in self._by_tag.items()}
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

    def scan(self, text: NormalisedText, enough: Callable[[float, bool], bool],
             saturate: float = 1e9) -> list[tuple[int, int, float]]:
        """The rules matched in the folded view as (start, end, weight), strongest
        first, or [] when `enough(total_weight, any_strong)` cannot be met. Once the
        phrases found add up to `saturate`, the remaining regexes are not run."""
        hits = self.triggers.hits(text)
        folded = text.folded.text
        lits = [lit for lit in self._literals if lit[0] in folded] if any(
            c in folded for c in self._lit_chars) else []
        if not hits and not lits:
            return []
        weights = self._weights
        found: dict[int, tuple[int, int]] = {}
        todo_set: set[int] = {lit[1] for lit in lits}
        table = self._table
        # The first hit of each trigger is enough for phrase rules.
        for tag, h in {h.tag: h for h in reversed(hits)}.items():
            certain, regex = table[tag]
            for i in certain:
                if i not in found or found[i][0] > h.start:
                    found[i] = (h.start, h.end)
            todo_set.update(regex)
        total = sum(weights[i] for i in found)
        strong = any(weights[i] >= STRONG for i in found)
        todo = sorted(todo_set, key=lambda i: -weights[i])
        rest = sum(weights[i] for i in todo)
        strong_todo = any(weights[i] >= STRONG for i in todo)
        if not enough(total + rest, strong or strong_todo):
            return []
        patterns = {i: (lit, p) for lit, i, _w, p in lits}
        budget = self._limit
        for i in todo:
            if total >= saturate and enough(total, strong):
                break
            weight = weights[i]
            rest -= weight
            m = None
            if i in patterns:
                m = self._literal_search(folded, *patterns[i])
            else:
                rule = self._rules[i]
                pattern = rule.pattern
                assert pattern is not None
                tags = rule.tags
                tries = _TRIES
                for h in hits:
                    if h.tag not in tags:
                        continue
                    budget -= 1
                    tries -= 1
                    if rule.before < 0:
                        m = pattern.match(folded, h.start, h.end + rule.after)
                    else:
                        m = pattern.search(folded, max(0, h.start - rule.before),
                                           h.end + rule.after)
                    if m is not None or budget <= 0 or tries <= 0:
                        break
            if m is not None:
                found[i] = m.span()
                total += weight
                strong = strong or weight >= STRONG
            elif not enough(total + rest, strong or strong_todo):
                return []
            if budget <= 0:
                break
        out = [(s, e, weights[i]) for i, (s, e) in found.items()]
        out.sort(key=lambda h: (-h[2], h[0]))
        return out


    @staticmethod
    def _literal_search(text: str, lit: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
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
    return re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z])")
