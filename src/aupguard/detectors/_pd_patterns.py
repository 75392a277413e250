"""Compiled patterns for the personal-data detector.

Every pattern is anchored on a cheap first character (a digit, an upper-case letter or
'@') with bounded repeats over disjoint character classes, so a 1 MB run of one
character costs a linear scan, never a backtracking storm.
"""

from __future__ import annotations

import re

# --- phone numbers -----------------------------------------------------------------
# national "0..." or international "+44"/"0044", then 9-10 more digits separated by at
# most one space/hyphen (and the bracket of an area code). No dots or slashes: those
# are dates, times and planning references.
PHONE = re.compile(
    r"[+(0](?<![\w+/.\-=#&?][+(0])"
    r"(?:(?<=\+)[ \t]?44[ \t\-]?(?:\(0\)[ \t]?)?\(?\d"
    r"|(?<=\()0\d"
    r"|(?<=0)0[ \t]?44[ \t\-]?(?:\(0\)[ \t]?)?\(?\d"
    r"|(?<=0)\d)"
    r"(?:\)?[ \t\-]?\d){8,9}"
    r"(?!\d|-\d|/)"
)

_SPOKEN_WORD = (
    r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|treble|triple|\d)"
)
SPOKEN_PHONE = re.compile(
    r"\b(?:plus[ ,\-]+four[ ,\-]+four|zero|oh|nought|double[ ,\-]+(?:oh|o|zero)|0)"
    r"(?:[ ,\-]{1,3}" + _SPOKEN_WORD + r"){8,16}\b"
)
SPOKEN_GATE = ("zero", "oh ", "oh,", "oh-", "nought", "double o", "plus four")

# --- email -----------------------------------------------------------------------------
# found from the '@' (a fast literal search); the local part is walked back by hand
EMAIL_DOMAIN = re.compile(
    r"@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,6}"
    r"\.[A-Za-z]{2,24}(?![\w\-]|\.[A-Za-z0-9])"
)
_SEP_DOT = r"(?:[ ]?[\[({]dot[\])}][ ]?|[ ]+dot[ ]+)"
_SEP_AT = r"(?:[ ]?[\[({]at[\])}][ ]?|[ ]+at[ ]+)"
OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.@])(?P<local>[a-z0-9][a-z0-9._\-]{0,40}(?:"
    + _SEP_DOT
    + r"[a-z0-9_\-]{1,40}){0,3})"
    + _SEP_AT
    + r"(?P<domain>[a-z0-9\-]{1,40}(?:(?:"
    + _SEP_DOT
    + r"|\.)[a-z0-9\-]{1,40}){1,4})\b"
)
OBFUSCATED_GATE = ("[at]", "(at)", "{at}", " dot ", "[dot]", "(dot)")
DOT_SPLIT = re.compile(r"[ ]?[\[({]dot[\])}][ ]?|[ ]+dot[ ]+|\.")
AT_SPLIT = re.compile(_SEP_AT)

FREEMAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.com",
        "live.co.uk",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "ymail.com",
        "btinternet.com",
        "btopenworld.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "aol.co.uk",
        "sky.com",
        "virginmedia.com",
        "ntlworld.com",
        "talktalk.net",
        "tiscali.co.uk",
        "protonmail.com",
        "proton.me",
        "gmx.com",
        "gmx.co.uk",
        "blueyonder.co.uk",
        "plus.com",
        "mail.com",
        "zoho.com",
        "fastmail.com",
    }
)
TLDS = frozenset(
    {"com", "uk", "org", "net", "me", "info", "io", "ie", "eu", "de", "fr", "biz", "co"}
)
ROLE_MAILBOXES = frozenset(
    {
        "info",
        "enquiries",
        "enquiry",
        "admin",
        "office",
        "clerk",
        "council",
        "contact",
        "contactus",
        "hello",
        "mail",
        "post",
        "reception",
        "bookings",
        "booking",
        "sales",
        "support",
        "help",
        "helpdesk",
        "noreply",
        "no-reply",
        "donotreply",
        "postmaster",
        "webmaster",
        "abuse",
        "accounts",
        "finance",
        "press",
        "media",
        "news",
        "newsletter",
        "team",
        "service",
        "services",
        "customerservices",
        "feedback",
        "complaints",
        "foi",
        "dpo",
        "dataprotection",
        "hr",
        "jobs",
        "careers",
        "recruitment",
        "events",
        "marketing",
        "billing",
        "payments",
        "orders",
        "remove",
        "unsubscribe",
        "list",
        "listserv",
        "majordomo",
        "owner",
        "root",
        "security",
        "privacy",
        "legal",
    }
)

# --- addresses ---------------------------------------------------------------------
POSTCODE = re.compile(
    r"[A-PR-UWYZ](?<![\w\-/][A-Z])(?:(?<=G)IR ?0AA"
    r"|(?:[A-HK-Y]\d[ABEHMNPRVWXY]|\d[A-HJKPSTUW]|[A-HK-Y]\d{1,2}|\d{1,2})"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![\w\-/])"
)
_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Way|Crescent|Cres|Place|"
    r"Gardens|Gdns|Grove|Court|Terrace|Hill|Square|Mews|Walk|Rise|Row|Parade|Chase|"
    r"Boulevard|Vale|Meadows?|Wharf|Broadway|Esplanade|Approach|Gate|Green|Park|View|"
    r"Heights|Fields|Hollow|Mead|Grange|Cottages|Yard|Ridgeway|Quay|Croft|Glade)"
)
STREET = re.compile(
    r"\d(?<![\w£$€.,/\-:]\d)"
    r"\d{0,3}[A-Za-z]?(?:-\d{1,4})?,?[ \t]+"
    r"(?:[A-Z][a-z'\-]{1,20}[ \t]+){1,3}" + _SUFFIX + r"\b"
)

# lower-case names for the trigger scan (street-address regex runs only near one)
STREET_WORDS = (
    "road rd street st avenue ave close lane ln drive way crescent cres place gardens gdns "
    "grove court terrace hill square mews walk rise row parade chase boulevard vale meadow "
    "meadows wharf broadway esplanade approach gate green park view heights fields hollow "
    "mead grange cottages yard ridgeway quay croft glade"
).split()

# --- identifiers ----------------------------------------------------------------------
# matched from the digits; the two prefix letters are checked by hand
NI_TAIL = re.compile(r"\d(?<![\d\-]\d)\d ?\d\d ?\d\d ?([A-Da-d])(?![\w\-])")
NHS = re.compile(r"\d(?<![\d\-/.]\d)\d{2}([ \-]?)\d{3}\1\d{4}(?![\d/]|-\d|\.\d)")
CARD = re.compile(
    r"\d(?<![\d\-/.]\d)(?:\d{3}([ \-]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{3}([ \-]?)\d{6}\2\d{5}"
    r"|\d{12,18})(?![\d/]|-\d|\.\d)"
)
SORT_CODE = re.compile(r"\d(?<![\w\-/.:]\d)(?:\d([\- ])\d{2}\1\d{2}|\d{5})(?![\d/:]|[\-.]\d)")
ACCOUNT = re.compile(r"\d(?<![\d\-/.:£$€,]\d)\d{3} ?\d{4}(?![\d/:,]|[\-.]\d)")
IBAN = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]{1,4}){3,8}(?![\w])")

FLAT_BEFORE = re.compile(r"(?:Flat|Apartment|Apt\.?|Unit)[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+\Z")
LOCAL_PUNCT = frozenset("._%+'-")
SORT_GATE = ("sort", "s/c", "bank", "bacs", "acc", "a/c")
DOB_GATE = ("born", "dob", "d.o.b", "birth", "aged")
DOB_WORDS = (
    "born",
    "dob",
    "d.o.b",
    "d.o.b.",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
    "aged",
)
# six or more digits in a row, allowing single spaces or hyphens between them
DIGIT_RUN = re.compile(r"\d(?:[ \-]?\d){5,}")
SORT_CUE = re.compile(r"sort[ \-]?code|s/c\b|b(?<!\wb)(?:ank|acs)|a(?<!\wa)cc(?:oun)?t|a/c\b")
ACCOUNT_CUE = re.compile(r"a(?<!\wa)cc(?:oun)?t(?:\b|[ .]*(?:number|no))|a/c\b|b(?<!\wb)ank\b")

# --- dates of birth ---------------------------------------------------------------------
DOB_CUE = re.compile(r"\bborn\b|\bd\.?o\.?b\b|date of birth|birth ?date|birthday|\baged\b")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE = re.compile(
    r"(?i)(?<![\d/])(?:"
    r"(?P<d1>\d{1,2})[/.\-](?P<m1>\d{1,2})[/.\-](?P<y1>(?:19|20)?\d{2})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?P<m2>" + _MONTH + r")\.?,?"
    r"(?:[ \t]+(?P<y2>(?:19|20)\d{2}))?"
    r"|(?P<m3>"
    + _MONTH
    + r")\.?[ \t]+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?(?:[ \t]+(?P<y3>(?:19|20)\d{2}))?"
    r"|(?P<y4>(?:19|20)\d{2})-(?P<m4>\d{2})-(?P<d4>\d{2})"
    r"|(?P<m5>" + _MONTH + r")\.?,?[ \t]+(?P<y5>(?:19|20)\d{2})"
    r"|(?<=in )(?P<y6>(?:19|20)\d{2})(?![\d/\-])"
    r")(?![\d/])"
)

# --- people -------------------------------------------------------------------------
# possessive: a name's small letters never give any back (what follows a name in every
# pattern here cannot start with a small letter), which saves the backtracking
NAME = r"[A-Z][a-z]{1,20}+(?:['\-][A-Z][a-z]{1,20}+)?"
_NAME = NAME
_ORG = (
    r"(?:Council|Hall|Centre|Center|Library|Office|Club|Society|Association|Ltd|Limited|"
    r"Group|Trust|Church|School|Surgery|Services?|Team|Department)"
)
PERSON = re.compile(
    r"\b(?:"
    r"(?P<titled>(?:Mrs|Mr|Ms|Miss|Mx|Dr|Cllr|Councillor|Revd|Rev|Sir|Dame|Lady|Lord)\.?[ \t]+"
    r"(?:[A-Z]\.?[ \t]+)?" + _NAME + r"(?:[ \t]+" + _NAME + r")?)"
    r"|(?:[Cc]ontact|[Cc]all|[Rr]ing|[Pp]hone|[Tt]ext|[Ee]-?mail|[Tt]elephone|[Ww]rite to|"
    r"[Aa]sk for|[Vv]isit)[ \t]+(?P<cued>"
    + _NAME
    + r"[ \t]+"
    + _NAME
    + r")\b(?![ \t]+"
    + _ORG
    + r")"
    r"|(?P<owner>" + _NAME + r"(?:[ \t]+" + _NAME + r")?)(?=['’]s[ \t]+(?:home|mobile|personal|"
    r"private|own|address|phone|number|e-?mail|date of birth|birthday|bank|NHS|national)"
    r"|[ \t]+(?:lives|lived|resides)[ \t]+at|[ \t]+\((?:born|aged|d\.?o\.?b))"
    r")"
)

_OWNED = (
    r"s[ \t]+(?:home|mobile|personal|private|own|address|phone|number|e-?mail|date of birth|"
    r"birthday|bank|NHS|national)"
)
# A literal that every PERSON match holds (a title, a cue word before a capital, the
# words after an owner's name), searched first: PERSON itself is slow to try at every
# word, and few windows hold any of these.
PERSON_GATE = re.compile(
    r"M(?:rs|r|s|iss|x)\.?[ \t]|D(?:r\.?[ \t]|ame[ \t])|C(?:llr\.?[ \t]|ouncillor[ \t]"
    r"|ontact[ \t]+[A-Z]|all[ \t]+[A-Z])|Rev(?:d|)\.?[ \t]|Sir[ \t]|L(?:ady|ord)[ \t]"
    r"|Ring[ \t]+[A-Z]|Phone[ \t]+[A-Z]|T(?:ext|elephone)[ \t]+[A-Z]|E-?mail[ \t]+[A-Z]"
    r"|Write to[ \t]+[A-Z]|Ask for[ \t]+[A-Z]|Visit[ \t]+[A-Z]"
    r"|c(?:ontact|all)[ \t]+[A-Z]|ring[ \t]+[A-Z]|phone[ \t]+[A-Z]|t(?:ext|elephone)[ \t]+[A-Z]"
    r"|e-?mail[ \t]+[A-Z]|write to[ \t]+[A-Z]|ask for[ \t]+[A-Z]|visit[ \t]+[A-Z]"
    r"|'" + _OWNED + r"|’" + _OWNED + r"|l(?:ive[sd])[ \t]+at|resides[ \t]+at"
    r"|\((?:born|aged|d\.?o\.?b)"
)

# context words that make a detail clearly someone's own
# Context-word patterns are searched on short lower-cased slices, thousands of times: each
# alternative starts with a literal letter (a word boundary is checked just after it, as
# in "m(?<!\wm)ob"), so the regex engine jumps between possible first letters in C
# instead of trying every alternative at every position.
_OWN = r" (?:own )?(?:number|phone|e-?mail|address|mobile|landline|details)"
PRIVATE_CUE = re.compile(
    r"home|mobile|m(?<!\wm)ob\b|personal|private|lives? at|living at|resid|call me|ring me|"
    r"text me|whatsapp|reach (?:me|him|her)|"
    + "|".join(w + _OWN for w in ("my", "his", "her", "their"))
    + r"|contact (?:me|him|her)|d(?<!\wd)irect\b|b(?<!\wb)orn\b"
)
