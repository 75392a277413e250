"""The abuse word list and phrase patterns (first version; a trained classifier replaces
them later behind `_abuse_model.score_sentences`).

This file necessarily contains offensive words: it is a filter list. Each word entry is
`"base:suffix,suffix"`, a subtype, a base score and flags:
  d  directed only: counts only when aimed at someone ("you muppet", "what a prat"),
     because the word has innocent uses (git, knob, cow, faggots and peas, Offa's Dyke).
  i  a swear word that becomes an insult when aimed at someone ("you shit").
Scores say how sure we are that the word is unacceptable in a council post; packs set
the thresholds per subtype.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    spec: str
    subtype: str
    score: float
    flags: str = ""
    not_before: str = ""  # regex (folded text) that must NOT follow the word


P, IN, HA, HT, T, S = "profanity", "insult", "harassment", "hate", "threat", "sexual"

WORDS: tuple[Entry, ...] = (
    # --- profanity -------------------------------------------------------------------
    Entry("fuck:s,ed,er,ers,ing,in,wit,wits,head,heads,face,tard,ery", P, 0.8, "i"),
    Entry("motherfucker:s", IN, 0.9),
    Entry("motherfucking", P, 0.9),
    Entry("fecking", P, 0.5),
    Entry("shit:s,e,ty,ter,head,heads,hole,bag,bags,faced,ting,ted", P, 0.65, "i"),
    Entry("bullshit:s,ting", P, 0.6),
    Entry("bollocks", P, 0.5, "i"),
    Entry("bollocking", P, 0.4),
    Entry("piss:ing,take", P, 0.45),
    Entry("pissed", P, 0.35),
    Entry("crap:py,s", P, 0.35),
    Entry("arse:d,s", P, 0.4, "i", r"\s+(?:end|about)"),
    Entry("bugger:ed,ing", P, 0.4),
    Entry("bloody", P, 0.2),
    Entry("damn:ed", P, 0.2),
    Entry("effing", P, 0.35),
    Entry("frigging", P, 0.3),
    Entry("wank:ing,s", S, 0.6),
    # --- insults ---------------------------------------------------------------------
    Entry("cunt:s,ing", IN, 0.95),
    Entry("bastard:s", IN, 0.75),
    Entry("wanker:s", IN, 0.8),
    Entry("twat:s", IN, 0.8),
    Entry("prick:s", IN, 0.7, "d"),
    Entry("dick:s", IN, 0.65, "d"),
    Entry("dickhead:s", IN, 0.75),
    Entry("knob:s", IN, 0.6, "d"),
    Entry("knobhead:s", IN, 0.75),
    Entry("knobend:s", IN, 0.75),
    Entry("bellend:s", IN, 0.75),
    Entry("tosser:s", IN, 0.75),
    Entry("arsehole:s", IN, 0.75),
    Entry("asshole:s", IN, 0.75),
    Entry("ass", IN, 0.5, "d"),
    Entry("pillock:s", IN, 0.6),
    Entry("plonker:s", IN, 0.55),
    Entry("prat:s", IN, 0.55),
    Entry("numpty:numpties", IN, 0.5),
    Entry("muppet:s", IN, 0.5, "d"),
    Entry("berk:s", IN, 0.55, "d"),
    Entry("git:s", IN, 0.55, "d"),
    Entry("twit:s", IN, 0.5, "d"),
    Entry("nitwit:s", IN, 0.5),
    Entry("dimwit:s,ted", IN, 0.5),
    Entry("halfwit:s", IN, 0.55),
    Entry("idiot:s", IN, 0.6, "d"),
    Entry("moron:s,ic", IN, 0.6),
    Entry("cretin:s,ous", IN, 0.65),
    Entry("imbecile:s", IN, 0.6),
    Entry("scumbag:s", IN, 0.75),
    Entry("scum", IN, 0.65),
    Entry("lowlife:s", IN, 0.6),
    Entry("loser:s", IN, 0.5, "d"),
    Entry("slag:s", IN, 0.75, "d", r"\s+(?:heap|heaps|off|pile|tip)"),
    Entry("slapper:s", IN, 0.75),
    Entry("tart:s", IN, 0.55, "d"),
    Entry("cow:s", IN, 0.55, "d"),
    Entry("bitch:es,y", IN, 0.75),
    Entry("skank:s,y", IN, 0.75),
    Entry("douche:bag,bags", IN, 0.65),
    Entry("jerk:s", IN, 0.5, "d"),
    Entry("pig:s", IN, 0.5, "d"),
    Entry("sod:s", IN, 0.5, "d"),
    Entry("scrounger:s", IN, 0.55, "d"),
    Entry("chav:s", IN, 0.55),
    Entry("nonce:s", IN, 0.8),
    Entry("paedo:s", IN, 0.8),
    Entry("slut:s", IN, 0.8),
    Entry("whore:s", IN, 0.8),
    Entry("cock:s", IN, 0.6, "d", r"\s*-?\s*(?:up|ups)\b"),
    # --- hate: slurs against protected characteristics ------------------------------
    Entry("nigger:s", HT, 0.95),
    Entry("nigga:s,z", HT, 0.9),
    Entry("nignog:s", HT, 0.95),
    Entry("paki:s", HT, 0.9),
    Entry("wog:s", HT, 0.9),
    Entry("golliwog:s", HT, 0.8),
    Entry("coon:s", HT, 0.8, "d"),
    Entry("chink:s", HT, 0.85, "d"),
    Entry("gook:s", HT, 0.85),
    Entry("kike:s", HT, 0.9),
    Entry("yid:s", HT, 0.7),
    Entry("spic:s", HT, 0.8),
    Entry("raghead:s", HT, 0.9),
    Entry("towelhead:s", HT, 0.9),
    Entry("darkie:s", HT, 0.85),
    Entry("sambo:s", HT, 0.85),
    Entry("kaffir:s", HT, 0.9),
    Entry("wetback:s", HT, 0.85),
    Entry("polack:s", HT, 0.8),
    Entry("taig:s", HT, 0.8),
    Entry("pikey:s", HT, 0.85),
    Entry("gyppo:s", HT, 0.85),
    Entry("gippo:s", HT, 0.85),
    Entry("faggot:s", HT, 0.85, "d"),
    Entry("fag:s", HT, 0.75, "d"),
    Entry("poof:s,ter,ters", HT, 0.8),
    Entry("bender:s", HT, 0.6, "d"),
    Entry("dyke:s", HT, 0.75, "d"),
    Entry("lesbo:s", HT, 0.8),
    Entry("lezza:s", HT, 0.8),
    Entry("lezzer:s", HT, 0.8),
    Entry("tranny:trannies", HT, 0.8),
    Entry("shemale:s", HT, 0.8),
    Entry("homo:s", HT, 0.7, "d"),
    Entry("retard:s,ed", HT, 0.8),
    Entry("spastic:s", HT, 0.8),
    Entry("spaz:zy,zer", HT, 0.8),
    Entry("mong:s,oloid", HT, 0.75),
    Entry("cripple:s", HT, 0.6, "d"),
    # --- sexual ----------------------------------------------------------------------
    Entry("blowjob:s", S, 0.8),
    Entry("handjob:s", S, 0.8),
    Entry("rimjob:s", S, 0.85),
    Entry("dildo:s", S, 0.7),
    Entry("porn:o,ographic", S, 0.6),
    Entry("nudes", S, 0.6),
    Entry("horny", S, 0.55),
    Entry("jizz:ed", S, 0.75),
    Entry("milf:s", S, 0.7),
    Entry("bukkake", S, 0.9),
    Entry("gangbang:s", S, 0.8),
    Entry("cumshot:s", S, 0.85),
    Entry("pussy:pussies", S, 0.7, "", r"\s+(?:willow|willows|cat|cats)"),
)

# Groups of people by a protected characteristic, for dehumanising phrases. Only
# phrases that *combine* a group with a slur-like predicate are findings, never the
# mention of a group on its own ("the new mosque opens on Saturday").
_GROUP = (
    r"(?:immigrants|migrants|asylum\s+seekers|refugees|foreigners|muslims|moslems|jews|"
    r"blacks|asians|arabs|africans|pakistanis|indians|poles|romanians|eastern\s+europeans|"
    r"gypsies|travellers|gays|gay\s+people|lesbians|homosexuals|trans\s+people|"
    r"transgender\s+people|disabled\s+people|the\s+disabled|catholics|protestants|hindus|"
    r"sikhs|roma|those\s+people|these\s+people|them\s+lot|that\s+lot)"
)
_GROUP_WORDS = (
    "immigrants migrants asylum refugees foreigners muslims moslems jews blacks asians arabs "
    "africans pakistanis indians poles romanians europeans gypsies travellers gays gay "
    "lesbians homosexuals trans transgender disabled catholics protestants hindus sikhs roma "
    "people lot"
)
# Lead-ins checked just before a phrase ("I'll" + "hurt you"). They end in `\s+$` and
# are matched against the few characters before the phrase.
_WE_WILL = (
    r"\b(?:i|we)\s*(?:'ll|\u2019ll|\s+will|\s+shall|'m\s+going\s+to|\u2019m\s+going\s+to|"
    r"\s+am\s+going\s+to|\s+are\s+going\s+to|'re\s+going\s+to|\u2019re\s+going\s+to|"
    r"\s+gonna|'m\s+gonna|\u2019m\s+gonna|\s+are\s+gonna)\s+"
    r"(?:(?:fucking|personally|really|come\s+round\s+and)\s+)?$"
)
_YOU_WILL = (
    r"\byou\s*(?:'ll|\u2019ll|\s+will|'re\s+going\s+to|\u2019re\s+going\s+to|"
    r"\s+are\s+going\s+to)\s+$"
)
_YOU_ARE = r"\b(?:you\s*(?:'re|\u2019re|\s+are)|ur|youre)\s+(?:a\s+)?$"
_CLAUSE_END = r"(?=\s*(?:[.!;\n]|$|and\b|outside\b|one\s+day\b|soon\b|eventually\b))"


class Phrase(NamedTuple):
    """`gate`: groups of words joined by ' + '; each group must have a word in the
    message. `core` is only tried where a word of the FIRST group starts, so it must
    begin with one of those words (this keeps the common case cheap). `before`, when
    set, must match the text just before the core."""

    subtype: str
    score: float
    gate: str
    core: str
    before: str = ""


PHRASES: tuple[Phrase, ...] = (
    Phrase(T, 0.85, "hurt kill murder stab shoot batter strangle knife",
           r"(?:hurt|kill|murder|stab|shoot|batter|strangle|knife)\s+(?:you|ya|u)\b(?!\s+(?:a|an|the|some|any)\b)",
           _WE_WILL),
    Phrase(T, 0.85, "hurt stab shoot batter murder strangle",
           r"(?:hurt|stab|shoot|batter|murder|strangle)\s+(?:him|her|them)\b", _WE_WILL),
    Phrase(T, 0.8, "find", r"find\s+(?:you|ya|u)" + _CLAUSE_END, _WE_WILL),
    Phrase(T, 0.8, "get", r"get\s+(?:you|ya|u)" + _CLAUSE_END, _WE_WILL),
    Phrase(T, 0.8, "sort", r"sort\s+(?:you|ya|u)\s+out" + _CLAUSE_END, _WE_WILL),
    Phrase(T, 0.8, "smash kick punch batter burn torch firebomb",
           r"(?:smash|kick|punch|batter|burn|torch|firebomb)\s+(?:your|yer|his|her)\s+"
           r"(?:face|head|teeth|house|home|car|door|windows?|legs?|kneecaps?|van)\b"),
    Phrase(T, 0.7, "regret", r"regret\s+(?:this|that|the\s+day|crossing|messing|it)(?!\s+if)",
           _YOU_WILL),
    Phrase(T, 0.7, "pay be get",
           r"(?:pay\s+for\s+(?:this|that|it)|be\s+sorry|get\s+what'?s\s+coming)\b", _YOU_WILL),
    Phrase(T, 0.8, "watch", r"watch\s+your\s+back\b"),
    Phrase(T, 0.85, "know", r"know\s+where\s+you\s+(?:live|work|sleep)\b", r"\b(?:we|i)\s+$"),
    Phrase(T, 0.8, "dead", r"dead\s+(?:man|woman|meat)\b", _YOU_ARE),
    Phrase(T, 0.75, "someone somebody",
           r"some(?:one|body)\s+(?:should|ought\s+to|needs\s+to|is\s+going\s+to)\s+"
           r"(?:shoot|kill|stab|hang|hurt|torch)\s+(?:you|him|her|them)\b"),
    Phrase(T, 0.7, "coming", r"coming\s+for\s+you\b", r"\b(?:we're|we\s+are|i'm|i\s+am)\s+$"),
    Phrase(HA, 0.9, "kill neck kys", r"(?:kill\s+yourself|kys|neck\s+yourself)\b"),
    Phrase(HA, 0.85, "hope", r"hope\s+you\s+(?:die|get\s+cancer|rot|burn|suffer)\b",
           r"\b(?:i|we)\s+$"),
    Phrase(HA, 0.75, "nobody no noone", r"no\s*(?:body|-?one)\s+(?:wants|likes|needs)\s+you\b"),
    Phrase(HA, 0.7, "everyone", r"everyone\s+hates\s+you\b"),
    Phrase(HA, 0.75, "get",
           r"get\s+out\s+of\s+(?:our|my|this)\s+(?:town|village|street|road|area|estate|"
           r"country|community|parish|neighbourhood)\b"),
    Phrase(HA, 0.7, "not", r"not\s+welcome\s+(?:here|in\s+(?:our|this|my))\b", _YOU_ARE),
    Phrase(HA, 0.85,
           "post publish share leak put spread give + address number details photos pictures "
           "workplace",
           r"(?:post|publish|share|leak|put\s+out|put\s+up|spread|give\s+out)\s+(?:your|his|"
           r"her|their)\s+(?:home\s+)?(?:address|phone\s+number|number|details|photos?|"
           r"pictures?|workplace)", _WE_WILL),
    Phrase(HA, 0.8, "everyone", r"everyone\s+(?:will|is\s+going\s+to)\s+know\s+where\s+you\s+live"),
    Phrase(HA, 0.8, "make", r"make\s+your\s+life\s+(?:a\s+)?(?:hell|misery)\b", _WE_WILL),
    Phrase(HA, 0.75, "ruin destroy",
           r"(?:ruin|destroy)\s+(?:you\b|your\s+(?:life|career|reputation))", _WE_WILL),
    Phrase(HT, 0.85, "go",
           r"go\s+back\s+(?:to\s+)?(?:where\s+(?:you|they)\s+(?:came|come)\s+from|"
           r"(?:to\s+)?your\s+own\s+country)"),
    Phrase(HT, 0.85,
           "vermin animals rats cockroaches parasites scum filth disease plague infestation "
           "subhuman savages cancer invaders",
           r"(?:vermin|animals|rats|cockroaches|parasites|scum|filth|disease|plague|"
           r"infestation|subhuman|savages|cancer|invaders)\b",
           _GROUP + r"\s+(?:are|is)\s+(?:(?:just|nothing\s+but|all|like|a\s+bunch\s+of)\s+)?"
           r"(?:an?\s+)?$"),
    Phrase(HT, 0.8, "infested overrun swarming crawling",
           r"(?:infested|overrun|swarming|crawling)\s+(?:with|by)\s+" + _GROUP),
    Phrase(HT, 0.8, "deport exterminate gas round get + " + _GROUP_WORDS,
           r"(?:deport|exterminate|gas|round\s+up|get\s+rid\s+of)\s+(?:all\s+)?(?:the\s+)?"
           + _GROUP),
    Phrase(HT, 0.85, "sieg heil white jewish + heil hitler power conspiracy",
           r"(?:sieg\s+heil|heil\s+hitler|white\s+power|jewish\s+conspiracy)\b"),
    Phrase(S, 0.85, "send show + nudes tits boobs body",
           r"(?:send|show)\s+(?:me|us)\s+(?:your\s+)?(?:nudes|tits|boobs|body)\b"),
    Phrase(S, 0.75, "nice lovely big + tits boobs rack",
           r"(?:nice|lovely|big)\s+(?:tits|boobs|rack)\b"),
    Phrase(S, 0.9, "shag fuck bang screw", r"(?:shag|fuck|bang|screw)\s+(?:you|her|him)\b",
           r"\b(?:i'd|i\s+would|i\s+want\s+to|i\s+wanna|i'm\s+going\s+to)\s+$"),
    Phrase(S, 0.9, "suck lick", r"(?:suck|lick)\s+my\s+(?:cock|dick|balls|pussy|tits)\b"),
    Phrase(S, 0.8, "get + tits knickers",
           r"get\s+(?:your|them|yer)\s+(?:tits|knickers)\s+(?:out|off)\b"),
    Phrase(S, 0.85, "sit", r"sit\s+on\s+my\s+face\b"),
    Phrase(IN, 0.85, "fuck fuuck fuk fck f", r"f[u*]+[c*]*k\s+off\b"),
    Phrase(IN, 0.9, "fuck fuk f fck", r"f[u*]+[c*]*k\s+(?:you|yourself|yourselves|u)\b"),
    Phrase(IN, 0.7, "piss", r"piss\s+off\b"),
    Phrase(IN, 0.6, "sod bugger naff", r"(?:sod|bugger|naff)\s+off\b"),
    Phrase(IN, 0.6, "up", r"up\s+yours\b"),
    Phrase(IN, 0.6, "waste", r"waste\s+of\s+(?:space|oxygen|skin)\b"),
    Phrase(IN, 0.5, "shut", r"shut\s+(?:your\s+(?:mouth|face|gob|trap)|the\s+fuck\s+up)\b"),
)
