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
    # swear words when not aimed at anyone ("fat lazy bastards, all of us")
    Entry("bastard:s", P, 0.55, "i"),
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
    Entry("bitch:es,y", IN, 0.75, "", r"\s+(?:to\s|in\s+show|class|puppy|of\s+a\b)"),
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
    Entry("whore:s", P, 0.55, "i"),
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

# Words whose sentence makes an entry innocent ("Best Bitch in Show" at a dog show).
UNLESS: dict[str, str] = {
    "bitch": r"\b(?:dogs?|show|crufts|breed\w*|kennel\w*|pupp(?:y|ies)|litters?|whelp\w*|"
    r"spayed|in\s+season|stud|sire)\b",
}

# The protected characteristics of the Equality Act 2010, named as the Act names them.
CHARACTERISTICS = (
    "age", "disability", "gender reassignment", "marriage and civil partnership",
    "pregnancy and maternity", "race", "religion or belief", "sex", "sexual orientation",
)
# The characteristic a slur or a group word is about, for the explanation. Under the Act
# "race" includes colour, nationality and ethnic or national origins.
_RACE, _REL, _SEX, _GEN, _DIS = (
    "race", "religion or belief", "sexual orientation", "gender reassignment", "disability"
)
ABOUT: dict[str, str] = {
    **dict.fromkeys(
        "nigger nigga nignog paki wog golliwog coon chink gook spic raghead towelhead darkie "
        "sambo kaffir wetback polack taig pikey gyppo gippo".split(), _RACE),
    **dict.fromkeys("kike yid".split(), _REL),
    **dict.fromkeys("faggot fag poof bender dyke lesbo lezza lezzer homo".split(), _SEX),
    **dict.fromkeys("tranny shemale trannies".split(), _GEN),
    **dict.fromkeys("retard spastic spaz mong cripple cripples retards".split(), _DIS),
    **dict.fromkeys(
        "immigrants migrants asylum refugees foreigners poles romanians europeans polish "
        "romanian foreign".split(), _RACE),
    **dict.fromkeys(
        "blacks black asians asian arabs africans african pakistanis pakistani indians indian "
        "gypsies gypsy travellers traveller roma chinese irish".split(), _RACE),
    **dict.fromkeys(
        "muslims moslems muslim islam jews jewish catholics protestants hindus sikhs christians "
        "atheists mosque synagogue church".split(), _REL),
    **dict.fromkeys("gays gay lesbians lesbian homosexuals queers queer bisexual".split(), _SEX),
    **dict.fromkeys("trans transgender transsexual transsexuals".split(), _GEN),
    **dict.fromkeys("disabled wheelchair autistic".split(), _DIS),
    **dict.fromkeys(
        "pensioners oaps boomers elderly pensioner youngsters teenagers".split(), "age"),
    **dict.fromkeys("women woman females female girls wives".split(), "sex"),
    **dict.fromkeys("pregnant pregnancy maternity mums mothers".split(),
                    "pregnancy and maternity"),
    **dict.fromkeys("married unmarried spouse spouses partnership".split(),
                    "marriage and civil partnership"),
}
assert set(ABOUT.values()) <= set(CHARACTERISTICS)

# Groups of people by a protected characteristic, for dehumanising phrases. Only
# phrases that *combine* a group with a slur-like predicate are findings, never the
# mention of a group on its own ("the new mosque opens on Saturday").
_ADJ_GROUP = (
    r"(?:polish|romanian|muslim|jewish|black|asian|gay|trans|disabled|foreign|eastern\s+european|"
    r"chinese|indian|pakistani|african|irish|gypsy|traveller)\s+(?:people|families|folk|men|"
    r"women|kids|lot|scum)"
)
GROUP = (
    r"(?:immigrants|migrants|asylum\s+seekers|refugees|foreigners|muslims|moslems|jews|"
    r"blacks|asians|arabs|africans|pakistanis|indians|poles|romanians|eastern\s+europeans|"
    r"gypsies|travellers|gays|lesbians|homosexuals|queers|transgender\s+people|"
    r"the\s+disabled|catholics|protestants|hindus|sikhs|christians|roma|those\s+people|"
    r"these\s+people|them\s+lot|that\s+lot|" + _ADJ_GROUP + ")"
)
_ADJS = (
    "polish romanian muslim jewish black asian gay trans disabled foreign chinese indian "
    "pakistani african irish gypsy traveller".split()
)
GROUP_TRIGGERS = "|".join(
    [
        "immigrants", "migrants", "asylum seekers", "refugees", "foreigners", "muslims",
        "moslems", "jews", "blacks", "asians", "arabs", "africans", "pakistanis", "indians",
        "poles", "romanians", "eastern europeans", "gypsies", "travellers", "gays", "lesbians",
        "homosexuals", "queers", "transgender", "the disabled", "catholics", "protestants",
        "hindus", "sikhs", "christians", "roma", "those people", "these people", "them lot",
        "that lot",
    ]
    + [f"{a} {n}" for a in _ADJS for n in "people families folk men women kids lot scum".split()]
)


def _each(words: str, then: str) -> str:
    """Trigger phrases: every word of `words` followed by every word of `then`."""
    return "|".join(f"{w} {t}" for w in words.split() for t in then.split())


_BAD = (
    r"thieves|thieving|scroungers?|spongers?|criminals|rapists|terrorists|paedos|paedophiles|"
    r"perverts|parasites|vermin|animals|rats|cockroaches|scum|filth|filthy|dirty|disgusting|"
    r"vile|disease|plague|subhuman|savages|cancer|invaders|inbred|freaks|degenerates|evil|"
    r"a\s+disease|a\s+plague|a\s+cancer|an\s+infestation|not\s+(?:welcome|wanted|human)"
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
# An intention somewhere earlier in the sentence: "I'll slash his tyres and put a
# brick through his window", "someone should burn the offices down".
_INTENT = (
    r"(?:'ll|\bwill|\bshall|\bshould|\bgonna|\bgoing\s+to|\blet'?s|\bought\s+to|\bneeds?\s+to|"
    r"\bdeserves?|\bwanna|\bwant\s+to|'d|\bwould)\b"
)
_CLAUSE_END = r"(?=\s*(?:[.!;\n]|$|and\b|outside\b|one\s+day\b|soon\b|eventually\b))"
_CHAIN = (
    r"\b(?:forward|send\s+(?:this|it)|pass\s+(?:it|this)\s+on|chain|copies|bad\s+luck|"
    r"good\s+luck|within\s+\d+\s+(?:hours|days))"
)


class Phrase(NamedTuple):
    """`triggers`: words or phrases ('|'-separated) registered with the shared trigger
    scan; `core` is searched only in a window around them. `before`, when set, must
    match the text just before the core (searched in the 80 characters before it, so
    end it in `$` to anchor it). `unless` cancels the phrase when found in its sentence
    or the one either side. `needs`, when set, is a regex every match of `core` contains:
    a cheap test of the window before the slower `core` search (for cores that start
    with a long alternation)."""

    subtype: str
    score: float
    triggers: str
    core: str
    before: str = ""
    unless: str = ""
    needs: str = ""


PHRASES: tuple[Phrase, ...] = (
    Phrase(T, 0.85, "hurt you|kill you|murder you|stab you|shoot you|batter you|strangle you|"
           "knife you|kill ya|kill u",
           r"(?:hurt|kill|murder|stab|shoot|batter|strangle|knife)\s+(?:you|ya|u)\b"
           r"(?!\s+(?:a|an|the|some|any)\b)", _WE_WILL),
    Phrase(T, 0.85, _each("hurt stab shoot batter murder strangle", "him her them"),
           r"(?:hurt|stab|shoot|batter|murder|strangle)\s+(?:him|her|them)\b", _WE_WILL),
    Phrase(T, 0.8, "find you|find ya", r"find\s+(?:you|ya|u)" + _CLAUSE_END, _WE_WILL),
    Phrase(T, 0.8, "get you|get ya", r"get\s+(?:you|ya|u)" + _CLAUSE_END, _WE_WILL),
    Phrase(T, 0.8, "sort you|sort ya", r"sort\s+(?:you|ya|u)\s+out" + _CLAUSE_END, _WE_WILL),
    Phrase(T, 0.8, "smash|kick|punch|batter|firebomb",
           r"(?:smash|kick|punch|batter|burn|torch|firebomb)\s+(?:your|yer|his|her)\s+"
           r"(?:face|head|teeth|house|home|car|door|windows?|legs?|kneecaps?|van)\b"),
    Phrase(T, 0.8, "tyres|brick|bricks|petrol bomb",
           r"(?:slash|knife|puncture|let\s+down|cut|do)\s+(?:his|her|your|their|[a-z]+'s)\s+"
           r"tyres|(?:put|throw|chuck|lob|stick)\s+(?:a\s+)?(?:brick|rock|stone|petrol\s+bomb|"
           r"firework)s?\s+(?:through|at)\s+(?:his|her|your|their|the|[a-z]+'s)\s+(?:\w+\s+)?"
           r"(?:windows?|car|door|house)", _INTENT),
    Phrase(T, 0.8, "burn|torch|firebomb|blow",
           r"(?:burn|torch|firebomb|blow\s+up)\s+(?:the|his|her|your|their|that|this)\s+"
           r"(?:[a-z']+\s+){0,3}?(?:down|offices?|house|home|hall|building|chambers|car|van|"
           r"shop)\b", _INTENT, r"\b(?:calories|fat|bonfire|rubbish|garden\s+waste|cd|dvd)\b"),
    Phrase(T, 0.7, "regret this|regret that|regret the|regret crossing|regret messing|regret it",
           r"regret\s+(?:this|that|the\s+day|crossing|messing|it)(?!\s+if)", _YOU_WILL, _CHAIN),
    Phrase(T, 0.7, "pay for|be sorry|what s coming|whats coming",
           r"(?:pay\s+for\s+(?:this|that|it)|be\s+sorry|get\s+what'?s\s+coming)\b", _YOU_WILL,
           _CHAIN),
    Phrase(T, 0.8, "watch your back|watch his back|watch her back|watch their back",
           r"watch\s+(?:your|his|her|their)\s+backs?\b", "",
           r"\b(?:ice|icy|slippery|steps|lifting|posture|pickpockets?|bags?|belongings)\b"),
    Phrase(T, 0.85, "know where",
           r"know\s+where\s+(?:you|he|she|they)\s+(?:live|lives|work|works|sleep|sleeps|park|"
           r"parks)\b", r"\b(?:we|i|they)\s+(?:all\s+|already\s+)?$"),
    Phrase(T, 0.8, "dead man|dead woman|dead meat", r"dead\s+(?:man|woman|meat)\b", _YOU_ARE),
    Phrase(T, 0.75, "someone should|somebody should|someone ought|somebody ought|someone needs|"
           "somebody needs|someone is going|somebody is going",
           r"some(?:one|body)\s+(?:should|ought\s+to|needs\s+to|is\s+going\s+to)\s+"
           r"(?:shoot|kill|stab|hang|hurt|torch|beat\s+up|batter|do\s+in)\s+(?:you|him|her|them)\b"),
    Phrase(T, 0.7, "coming for", r"coming\s+for\s+you\b", r"\b(?:we're|we\s+are|i'm|i\s+am)\s+$"),
    Phrase(HA, 0.9, "kill yourself|kys|neck yourself",
           r"(?:kill\s+yourself|kys|neck\s+yourself)\b"),
    Phrase(HA, 0.85, "hope you", r"hope\s+you\s+(?:die|get\s+cancer|rot|burn|suffer)\b",
           r"\b(?:i|we)\s+$"),
    Phrase(HA, 0.75, _each("nobody noone one", "wants likes needs"),
           r"no\s*(?:body|-?one)\s+(?:wants|likes|needs)\s+you\b"),
    Phrase(HA, 0.7, "everyone hates", r"everyone\s+hates\s+you\b"),
    Phrase(HA, 0.75, "get out",
           r"get\s+out\s+of\s+(?:our|my|this)\s+(?:town|village|street|road|area|estate|"
           r"country|community|parish|neighbourhood)\b"),
    Phrase(HA, 0.7, "not welcome", r"not\s+welcome\s+(?:here|in\s+(?:our|this|my))\b",
           _YOU_ARE),
    Phrase(HA, 0.7, "belong here|belong in",
           r"belong\s+(?:here|in\s+(?:our|this|my))\b",
           r"\b(?:you|you\s+lot|your\s+(?:sort|kind)|people\s+like\s+(?:you|them|him|her))\s+"
           r"(?:don't|do\s+not|dont|never)\s+$"),
    Phrase(HA, 0.85, _each("your his her their", "home address phone number details photos "
                                                     "photo pictures picture workplace"),
           r"(?:post|publish|share|leak|put\s+out|put\s+up|spread|give\s+out)\s+(?:your|his|"
           r"her|their)\s+(?:home\s+)?(?:address|phone\s+number|number|details|photos?|"
           r"pictures?|workplace)", _WE_WILL),
    Phrase(HA, 0.8, "where you live",
           r"everyone\s+(?:will|is\s+going\s+to)\s+know\s+where\s+you\s+live"),
    Phrase(HA, 0.8, "your life", r"make\s+your\s+life\s+(?:a\s+)?(?:hell|misery)\b", _WE_WILL),
    Phrase(HA, 0.75, "ruin|destroy",
           r"(?:ruin|destroy)\s+(?:you\b|your\s+(?:life|career|reputation))", _WE_WILL),
    Phrase(HA, 0.8, _each("flood spam bombard swamp inundate", "his her their your")
           + "|fill up|clog up",
           r"(?:flood|spam|bombard|fill\s+up|clog\s+up|swamp|inundate)\s+(?:his|her|their|your|"
           r"[a-z]+'s)\s+(?:inbox|email|e-mail|phone|voicemail|page|timeline|mentions)", "",
           r"\bspam\s+filter"),
    Phrase(HA, 0.75, "resigns|resign|quits|quit|steps down|gives up",
           r"until\s+(?:she|he|they|you)\s+(?:resigns?|quits?|steps?\s+down|leaves?|"
           r"gives?\s+up|cracks?|breaks?)\b",
           r"(?:\blet'?s|\bkeep|\bwe'll|\bwe\s+will|\bwe\s+should|\bhound|\bharass|\bpester|"
           r"\bhammer|\bbombard|\bflood|\btarget|\bpile\s+on|\bgo\s+after)"),
    Phrase(HA, 0.7, "freeze|froze|frozen|coventry",
           r"(?:freeze|froze|frozen)\s+(?:him|her|them|you|the\s+\w+)\s+out\b"
           r"|send\s+(?:him|her|them)\s+to\s+coventry"),
    Phrase(HA, 0.75, _each("hound harass bully drive force", "him her them you"),
           r"(?:hound|harass|bully|drive|force)\s+(?:him|her|them|you)\s+out\s+of\s+"
           r"(?:office|the\s+council|town|the\s+village|the\s+job|(?:his|her|their)\s+job)"),
    Phrase(HT, 0.85, "go back",
           r"go\s+back\s+(?:to\s+)?(?:where\s+(?:you|they)\s+(?:came|come)\s+from|"
           r"(?:to\s+)?(?:your|their)\s+own\s+country)"),
    Phrase(HT, 0.85, GROUP_TRIGGERS,
           GROUP + r"\s+(?:are|is|r)\s+(?:(?:all|just|nothing\s+but|like|a\s+bunch\s+of|"
           r"a\s+load\s+of|basically|simply|total|complete|utter|lazy|dirty|filthy|thieving|"
           r"disgusting)\s+){0,3}(?:" + _BAD + r")\b", needs=r"\s(?:are|is|r)\s"),
    Phrase(HT, 0.8, GROUP_TRIGGERS,
           GROUP + r"\s+(?:(?:don't|do\s+not|dont)\s+belong\b|[^.!?\n]{0,60}?\b(?:should|must|"
           r"need\s+to|ought\s+to|want\s+to)\s+be\s+(?:driven|kicked|thrown|run|chased|booted|"
           r"forced|burned|burnt|sent\s+back|shipped\s+(?:back|out)|deported|gassed|shot|hanged|"
           r"exterminated|wiped\s+out|got\s+rid\s+of|banned\s+from|rounded\s+up))",
           needs=r"belong|\sbe\s"),
    Phrase(HT, 0.8, GROUP_TRIGGERS,
           r"(?:infested|overrun|swarming|crawling)\s+(?:with|by)\s+" + GROUP),
    Phrase(HT, 0.8, GROUP_TRIGGERS,
           r"(?:deport|exterminate|gas|round\s+up|get\s+rid\s+of)\s+(?:all\s+)?(?:the\s+)?"
           + GROUP),
    Phrase(HT, 0.85, "sieg heil|heil hitler|white power|jewish conspiracy",
           r"(?:sieg\s+heil|heil\s+hitler|white\s+power|jewish\s+conspiracy)\b"),
    Phrase(S, 0.85, "send me|show me|send us|show us",
           r"(?:send|show)\s+(?:me|us)\s+(?:your\s+)?(?:nudes|tits|boobs|body)\b"),
    Phrase(S, 0.75, "tits|boobs|rack", r"(?:nice|lovely|big)\s+(?:tits|boobs|rack)\b"),
    Phrase(S, 0.9, "shag|bang|screw", r"(?:shag|fuck|bang|screw)\s+(?:you|her|him)\b",
           r"\b(?:i'd|i\s+would|i\s+want\s+to|i\s+wanna|i'm\s+going\s+to)\s+$"),
    Phrase(S, 0.9, "suck my|lick my", r"(?:suck|lick)\s+my\s+(?:cock|dick|balls|pussy|tits)\b"),
    Phrase(S, 0.8, "tits out|tits off|knickers off|knickers out",
           r"get\s+(?:your|them|yer)\s+(?:tits|knickers)\s+(?:out|off)\b"),
    Phrase(S, 0.85, "sit on my face", r"sit\s+on\s+my\s+face\b"),
    Phrase(IN, 0.85, "fuck off|fuuck off|fuk off|fck off", r"f[u*]+[c*]*k\s+off\b"),
    Phrase(IN, 0.9, "fuck you|fuuck you|fuk you|fck you|fuck yourself|fuck yourselves|fuck u",
           r"f[u*]+[c*]*k\s+(?:you|yourself|yourselves|u)\b"),
    Phrase(IN, 0.7, "piss off", r"piss\s+off\b"),
    Phrase(IN, 0.6, "sod off|bugger off|naff off", r"(?:sod|bugger|naff)\s+off\b"),
    Phrase(IN, 0.6, "up yours", r"up\s+yours\b"),
    Phrase(IN, 0.6, "waste of space|waste of oxygen|waste of skin",
           r"waste\s+of\s+(?:space|oxygen|skin)\b"),
    Phrase(IN, 0.5, "shut your|shut the fuck", r"shut\s+(?:your\s+(?:mouth|face|gob|trap)|the\s+"
           r"fuck\s+up)\b"),
)
# Phrases also tried where a starred word stands ("f**k off").
STARRED_CORES = (r"f[u*]+[c*]*k\s+off\b", r"f[u*]+[c*]*k\s+(?:you|yourself|yourselves|u)\b")
