"""Defamation: an allegation of crime, dishonesty or incompetence, stated as fact, about
a person or organisation people can identify ("Cllr Jones took a bribe", "the clerk is
fiddling the expenses", "Acme Builders Ltd are cowboys").

An allegation needs a target: reporting a crime with no one identifiable ("the police
arrested a man for theft"), attributed or hedged reports ("allegations ... are being
investigated"), and criticism of a decision are not findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aupguard.detectors._conduct import MAX_FINDINGS, apos, sentence_bounds
from aupguard.detectors.base import Context, Example
from aupguard.model import DEFAMATION, Finding, Remedy
from aupguard.text import View
from aupguard.text.triggers import Hit, TriggerWords, windows

# Words one of which every allegation contains: only the text around them is examined.
_TRIGGERS = TriggerWords(
    "defamation",
    """fraud fraudster fraudsters crook crooks crooked thief thieves thieving liar liars lying
    lied corrupt stole stolen steals stealing bribe bribes bribed backhander backhanders
    kickback kickbacks fiddling fiddled fiddles fiddle embezzled embezzling embezzler
    embezzlers cowboys rip ripped rips ripping conned conman conmen cheat cheats swindled
    swindler swindlers swindling launder laundered launders launderer launderers forged
    falsified rigged nicked pocketed criminal criminals incompetent dishonest scammed scammer
    scammers abused molested racist racists bully bullies paedo paedos paedophile paedophiles
    nonce nonces offender offenders dealer dealers trader traders bent defrauded defrauding
    conviction convictions drugs cocaine heroin cannabis poisoning poisoned sacked fired
    dismissed""".split()
    + ["on the take", "the books", "fixed the", "con man", "con men", "con artist",
       "con artists", "lining his", "lining her", "lining their", "lies to", "lies about",
       "criminal record"],
)

_GROUP = _TRIGGERS.group

_CRIME_NOUN = (
    r"fraud|fraudsters?|crooks?|thie(?:f|ves)|liars?|criminals?|con\s*-?\s*m[ae]n|"
    r"con\s+artists?|cheats?|swindlers?|embezzlers?|paedophiles?|paedos?|nonces?|"
    r"sex\s+offenders?|corrupt|bent|dishonest|crooked|on\s+the\s+take|on\s+the\s+fiddle|"
    r"cowboys|rogue\s+traders?|scammers?|money\s+launderers?|drug\s+dealers?|"
    r"stealing|fiddling|embezzling|defrauding|swindling|ripping\s+(?:\w+\s+)?off|"
    r"lining\s+(?:his|her|their)\s+(?:own\s+)?pockets|taking\s+(?:bribes|backhanders|kickbacks)|"
    r"cooking\s+the\s+books|lying|(?:selling|dealing|pushing|supplying)\s+(?:drugs|cocaine|weed|"
    r"heroin|cannabis|crack|stolen\s+goods)"
)
_LESSER_NOUN = r"racists?|bull(?:y|ies)|incompetent"
_VERB = (
    r"stole|stolen|steals|nicked|pocketed|embezzled|defrauded|swindled|conned|scammed|"
    r"fiddled|fiddles|cooked\s+the\s+books|took\s+(?:a\s+)?(?:bribes?|backhanders?|kickbacks?)|"
    r"taken\s+(?:a\s+)?(?:bribes?|backhanders?|kickbacks?)|takes\s+(?:bribes?|backhanders?)|"
    r"accepted\s+(?:a\s+)?(?:bribes?|backhanders?)|lied\s+(?:to|about)|lies\s+to|falsified|"
    r"forged\s+(?:\w+\s+){0,2}(?:signatures?|documents?|accounts|minutes|records|receipts|"
    r"invoices|expenses|results|figures|data|surveys?|reports?|references?|certificates?|"
    r"qualifications?|timesheets?|letters?|votes?|ballots?|paperwork|books)|rigged|fixed\s+the\s+(?:vote|tender|contract|election)|rip(?:s|ped)?\s+(?:\w+\s+)?off|"
    r"launder(?:s|ed)|abused|molested|bribed"
    r"|(?:has|had)\s+(?:a\s+)?(?:previous\s+|prior\s+|criminal\s+)?(?:convictions?\s+for|"
    r"criminal\s+record)"
    r"|gave\s+(?:\S+\s+){0,4}food\s+poisoning|poisoned\s+(?:\S+\s+){0,3}(?:customers|"
    r"people|residents|kids|children|guests|diners)"
    r"|(?:was|were|got|been|being)\s+(?:sacked|fired|dismissed|struck\s+off)\s+"
    r"(?:from\s+[^.!?\n]{1,30}?\s+)?for\s+(?:\w+\s+){0,2}?(?:fiddling|stealing|theft|fraud|"
    r"gross\s+misconduct|lying|embezzl\w+|bullying|harassment|assault|taking\s+bribes|"
    r"dishonesty|fiddl\w+)"
)
_FILL = (
    r"just|nothing\s+but|clearly|obviously|basically|simply|definitely|a|an|total|complete|"
    r"known|convicted|utter|absolute|proper|bunch\s+of|pack\s+of|load\s+of|lying|thieving|"
    r"corrupt|bent|also|actually|openly|secretly|always|been"
)
_PREDICATE_BODY = apos(
    r"\b(?:(?:is|are|was|were|has\s+(?:always\s+)?been|have\s+(?:always\s+)?been)\s+"
    r"(?:(?:" + _FILL + r")\s+){0,3}|'s\s+(?:(?:" + _FILL + r")\s+){1,3})"
    r"(?:(?P<crime>" + _CRIME_NOUN + r")|(?P<lesser>" + _LESSER_NOUN + r"))\b"
    r"|\b(?:(?:has|have|had)\s+)?(?:(?:" + _FILL + r")\s+){0,2}(?P<act>" + _VERB + r")\b"
)
_PREDICATE = re.compile("(?i:" + _PREDICATE_BODY + ")")
# The same over lower-cased ASCII text: case-insensitive matching of this many
# alternatives is several times slower (the regex engine cannot skip an alternative
# on its first letter), and for ASCII, lower-casing first gives the same matches.
_PREDICATE_LOWER = re.compile(_PREDICATE_BODY)
_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_ROLE = (
    r"(?:town\s+|parish\s+|deputy\s+|assistant\s+|new\s+|old\s+|ward\s+|local\s+)?"
    r"(?:clerk|contractors?|chairman|chair|chairwoman|mayor|treasurer|rfo|caretaker|groundsman|"
    r"builders?|developers?|landlord|manager|leader|vice[\s-]chair(?:man)?|councillors?|"
    r"council|officers?|company|firm|solicitor|accountant|auditor)"
)
_NOT_NAMES = (
    "He|She|They|It|This|That|These|Those|There|Everyone|Everybody|Someone|Somebody|Nobody|"
    "Anyone|Anybody|Who|What|Which|Here|Nothing|Something|Everything|I|We|You|One|Whoever|"
    "Today|Yesterday|Also|And|But|So|If|When|Then|Honestly|Frankly|Clearly|Obviously|Sadly|"
    "Apparently|Basically|Personally|Unfortunately|Well|Yes|No|Now|Surely|Again|Still|Please|"
    "Dear|Thanks|Hi|Hello|Council|Government|Everything|Nothing|Politics|Business|Somehow"
)
# A target ending just where the predicate starts. Case matters for names, so this runs
# on the `plain` view; the role words are matched case-insensitively.
_TARGET_END = re.compile(
    r"(?:(?P<named>(?i:cllr|councillor|mr|mrs|ms|miss|dr|mayor)\.?\s+" + _NAME
    + r"(?:\s+" + _NAME + r")?"
    r"|[A-Z][\w&'\-]*(?:\s+[A-Z&][\w&'\-]*){0,4}\s+(?i:ltd|limited|plc|llp|&\s+sons|builders|"
    r"contractors|construction|services|roofing|paving|homes)"
    r"|\b(?!(?:" + _NOT_NAMES + r")\b)" + _NAME + r"\s+" + _NAME
    + r"|(?<=[a-z,]\s)(?!(?:" + _NOT_NAMES + r")\b)" + _NAME + r")"
    r"|(?P<single>(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))(?!(?:" + _NOT_NAMES + r")\b)"
    r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)"
    r"|(?P<role>(?i:the|our|that|this|your|their)\s+(?i:" + _ROLE + r")))"
    # "the contractor who did the last job is a crook"
    r"(?:\s+(?i:who|that|which)\s+[^.!?\n,]{1,60}?)?"
    r"(?:'s)?\s*,?\s*$"
)
_EPITHET = re.compile(
    r"(?i:\b(?:that|the|this|our)\s+(?:corrupt|crooked|bent|lying|thieving|fraudulent|dishonest)\s+"
    + _ROLE + r"\b)"
    r"|(?i:\b(?:that|the)\s+(?:crook|fraudster|thief|liar|con\s*man|conman)\s+(?:cllr\s+)?)"
    + _NAME
)
_HEDGE = re.compile(
    r"(?i:\b(?:alleg\w*|investigat\w*|accused|accusations?|claims?\s+that|claimed|reportedly|"
    r"rumou?rs?|suspected|suspicion|charged\s+with|on\s+trial|if\s+anyone|victims?\s+of|"
    r"not\s+guilty|cleared|acquitted|denies|denied|whether|action\s+fraud)\b)"
)
_OPINION = re.compile(
    apos(r"(?i:\b(?:i\s+think|i\s+believe|i\s+feel|in\s+my\s+(?:opinion|view)|it\s+seems|"
         r"probably|might|may\s+have|seems?\s+to)\b)")
)

_EXPLAIN = (
    "This accuses an identifiable person or organisation of wrongdoing as if it were fact, "
    "which could be defamatory."
)
_EXPLAIN_LESSER = (
    "This labels an identifiable person or organisation in a way that could damage their "
    "reputation; stick to facts you can show."
)
_REMEDY = Remedy("review", "", "Remove the allegation, or state only facts you can prove.")


class DefamationDetector:
    """Allegations of wrongdoing about identifiable people or organisations."""

    category = DEFAMATION
    examples: tuple[Example, ...] = (
        Example("Cllr Jones took a bribe from the developer, everyone knows it.", True),
        Example("The clerk is fiddling the expenses again.", True),
        Example("Essex Paving Ltd are cowboys who rip off pensioners.", True),
        Example("John Smith is a fraud and a liar.", True),
        Example("The contractor stole £3,000 of materials from the depot.", True),
        Example("Don't trust that crook Henderson with the allotments.", True),
        Example("Henderson is a crook.", True),
        Example("The contractor who did the last job is a crook who stole from this town.",
                True),
        Example("Politicians are all liars, but the bins still need emptying.", False),
        Example("The police arrested a man for theft on Broadway last night.", False),
        Example("Allegations that a councillor took money are being investigated by the police.",
                False),
        Example("I disagree with Cllr Jones's decision on the car park.", False),
        Example("If anyone has been a victim of fraud, contact Action Fraud on 0300 123 2040.",
                False),
        Example("Cllr Jones is not a crook, whatever the rumours say.", False),
        Example("Warning: scammers are phoning residents pretending to be from the council.",
                False),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        hits = ctx.text.trigger_hits.get(_GROUP)  # read directly: runs for every message
        if not hits:
            return []
        # Names need case, so the patterns read `plain`; the triggers were found in
        # `folded`, whose offsets drift from plain's only where letters were joined or
        # runs cut, so windows are placed through the original text or widened.
        folded, view = ctx.text.folded, ctx.text.plain
        n = len(view.text)
        some = hits[: 4 * MAX_FINDINGS]
        if len(folded.text) == n:
            spans = windows(some, n, 70, 60)
        elif not view.maps:
            spans = windows(
                [Hit(*folded.to_original(h.start, h.end), h.phrase, h.tag) for h in some],
                n, 70, 60)
        else:
            spans = windows(some, n, 70, 60 + n - len(folded.text))
        return self._detect(view, spans)

    def _detect(self, view: View, spans: list[tuple[int, int]]) -> list[Finding]:
        text = view.text
        out: list[Finding] = []
        for start, end, lesser in (p for a, b in spans for p in _predicates(text, a, b)):
            if len(out) >= MAX_FINDINGS:
                return out
            s0, s1 = sentence_bounds(text, start, end)
            window_start = max(s0, start - 120)
            t = _TARGET_END.search(text, window_start, start)
            if t is None:
                continue
            if t.group("single") and not re.match(r"(?:is|was|has|'s)\b", text[start:end]):
                continue  # "Politicians are liars": a sentence-start word needs "is"
            score = 0.55 if lesser else (0.8 if t.group("named") else 0.75)
            score = self._adjust(text, s0, s1, score)
            if score <= 0:
                continue
            if re.match(r"(?i)(?:the|our|this|that)\s+(?:town\s+|parish\s+)?council\b",
                        t.group()):
                score = round(score * 0.8, 3)  # a council: in the policy, less sure
            out.append(self._finding(view, t.start(), end, score, lesser))
        for m in (m for a, b in spans for m in _EPITHET.finditer(text, a, b)):
            if len(out) >= MAX_FINDINGS:
                break
            s0, s1 = sentence_bounds(text, m.start(), m.end())
            score = self._adjust(text, s0, s1, 0.75)
            if score > 0 and not any(f.start <= m.start() < f.end for f in out):
                out.append(self._finding(view, m.start(), m.end(), score, False))
        return out

    @staticmethod
    def _adjust(text: str, s0: int, s1: int, score: float) -> float:
        if _HEDGE.search(text, s0, s1):
            return 0.0
        if text[s0:s1].rstrip().endswith("?"):
            score *= 0.6
        if _OPINION.search(text, s0, s1):
            score *= 0.85
        return round(score, 3)

    @staticmethod
    def _finding(view: View, start: int, end: int, score: float, lesser: bool) -> Finding:
        s, e = view.to_original(start, end)
        return Finding(DEFAMATION, s, e, score,
                       explanation=_EXPLAIN_LESSER if lesser else _EXPLAIN, remedy=_REMEDY)


def _predicates(text: str, a: int, b: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, lesser) of each `_PREDICATE` match in text[a:b]."""
    lo = a - 1 if a > 0 else 0  # one character before: what `\b` at `a` looks at
    window = text[lo:b]
    if window.isascii():
        for m in _PREDICATE_LOWER.finditer(window.lower(), a - lo):
            yield m.start() + lo, m.end() + lo, m.group("lesser") is not None
    else:
        for m in _PREDICATE.finditer(text, a, b):
            yield m.start(), m.end(), m.group("lesser") is not None


DETECTOR = DefamationDetector()
