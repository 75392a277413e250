"""Copyright and consent for media (Belper: "Download, possess, distribute or copy works
... without the consent of the copyright owner", "Post videos or pictures of others ...
without their permission"; Leigh: "software, film or music piracy").

Subtypes: "media" (a picture, sound or video with no stated licence or permission, or
text saying it was taken from the internet), "people" (people shown have not agreed),
"piracy" (cracked software, torrents, pirated films or music). Attachment findings have
no text span (start = end = 0).
"""

from __future__ import annotations

import re

from aupguard.detectors.base import Context, Example
from aupguard.model import COPYRIGHT, Attachment, Finding, Remedy
from aupguard.text.triggers import Hit, TriggerWords, windows

_MEDIA_EXT = frozenset(
    (
        "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic", "svg", "raw", "mp3",
        "wav", "aac", "m4a", "ogg", "flac", "wma", "mp4", "mov", "avi", "mkv", "wmv", "webm",
        "m4v", "mpg", "mpeg", "3gp",
    ))
# A credit or licence stated in the text covers the attachments.
_CREDIT = re.compile(
    r"(?<![a-z])(?:(?:photo|picture|image|video|footage|music|pic)s?\s+(?:by|courtesy|credit|"
    r"used\s+with|Â©)|credit\s*:|courtesy\s+of|©|\(c\)\s*\d{4}|copyright\s+\d{4}|"
    r"used\s+with\s+(?:kind\s+)?permission|with\s+(?:the\s+)?(?:kind\s+)?permission\s+of|"
    r"licen[cs]ed\s+under|creative\s+commons|cc[- ]by|public\s+domain|"
    r"(?:my|our)\s+own\s+(?:photo|picture|video|image)s?|(?:i|we)\s+took\s+(?:this|these|the))"
    .replace("Â©", "©"))
_SOFTWARE = (r"photoshop|lightroom|illustrator|premiere|acrobat|autocad|office|windows|"
             r"adobe\s+\w+|microsoft\s+\w+|sims\s*\d?|fifa(?:\s*\d+)?|minecraft|"
             r"final\s+cut(?:\s+pro)?|logic\s+pro|sketchup|norton|mcafee|the\s+software")
_WORKS = r"(?:movies?|films?|albums?|series|seasons?|episodes?|box\s*sets?|games?|songs?)"
_PIRACY = re.compile(
    r"(?<![a-z])(?:cracked\s+(?:version|copy|software|game|apk|windows|office|photoshop)|"
    r"torrent(?:s|ing)?\s+(?:site|file|download|link|client)s?|torrented|(?:via|on|from)\s+"
    r"torrents?(?![a-z])|"
    rf"(?:{_SOFTWARE})\s+(?:\w+\s+){{0,2}}?(?:cracks?|cracked|keygen|patch|activator|"
    r"serial\s+keys?)(?![a-z])|"
    rf"cracks?\s+(?:for|of)\s+(?:the\s+)?(?:{_SOFTWARE})|"
    rf"(?:full\s+)?{_WORKS}\s+(?:\w+\s+){{0,2}}?torrents?(?![a-z])|"
    rf"torrents?\s+(?:of|for)\s+(?:the\s+)?(?:\w+\s+){{0,3}}?{_WORKS}|"
    r"full\s+(?:movie|film)\s+(?:free|download|online|stream|torrent)|"
    r"(?:the\s+)?pirate\s?bay|warez|keygen|nulled\s+(?:script|theme|plugin)|"
    r"pirate[ds]?\s+(?:copy|copies|software|film|films|movie|movies|dvds?|music|version)|"
    r"free\s+download\s+of\s+(?:the|his|her|their)\s+(?:new\s+|whole\s+|entire\s+)?"
    r"(?:album|film|movie|single|game)|"
    r"(?:illegal|dodgy|free)\s+streams?\s+of|bootleg(?:ged)?\s+(?:copy|dvd|film|album)|"
    r"jailbroken\s+fire\s?stick|(?:loaded|dodgy)\s+fire\s?stick|serial\s+key\s+generator|"
    r"(?:free\s+)?mp3\s+(?:download\s+)?(?:site|website|download(?:er)?s?|converter)|"
    r"(?:whole|entire|full)\s+(?:album|discography|series|box\s*set)\s+(?:\w+\s+){0,4}?"
    r"(?:for\s+free|free|off\s+(?:a|some)\s+(?:\w+\s+)?site)|"
    r"ripped\s+(?:the|a|my|his|her|their|that|this)\s+(?:\w+\s+)?(?:dvds?|blu-?rays?|cds?|"
    r"films?|movies?|albums?|box\s*sets?)|(?:dvd|blu-?ray)\s*rip(?:s|per|ped)?(?![a-z])|"
    r"free\s+pdf\s+(?:of|copy|version|download)|pdf\s+of\s+the\s+(?:whole|entire|full)\s+"
    r"(?:\w+\s+){0,3}?(?:book|novel|textbook|guide|report|manual)|"
    r"(?:whole|entire|full)\s+(?:book|novel|textbook)\s+(?:as\s+a\s+)?(?:free\s+)?pdf|"
    r"watermark\s*remov\w*|remov\w*\s+(?:the\s+)?(?:\w+\s+)?watermarks?|"
    r"(?:get\s+rid\s+of|crop\s+out|edit\s+out)\s+(?:the\s+)?(?:\w+\s+)?watermarks?)")
_FOUND = re.compile(
    r"(?<![a-z])(?:(?:downloaded|got|took|grabbed|copied|nicked|pinched|lifted|saved|"
    r"screenshotted|screen\s?grabbed)\s+(?:it|this|these|them|the\s+(?:\w+\s+)?(?:photos?|"
    r"pictures?|images?|videos?|pics?))\s+(?:straight\s+)?(?:from|off)\s+(?:google|"
    r"the\s+internet|the\s+web|facebook|instagram|online|a\s+website|(?:the|a)\s+(?:\w+\s+){0,3}?"
    r"(?:website|site|paper|newspaper|news\s+site))|"
    r"(?:copied|nicked|pinched|lifted|took|grabbed|downloaded)\s+(?:\w+\s+){0,2}?(?:photos?|"
    r"pictures?|images?|pics?)\s+(?:straight\s+)?(?:from|off)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
    r"(?:website|site|paper|newspaper|facebook|instagram|google)|"
    r"found\s+(?:it|this|these|them)\s+(?:online|on\s+(?:google|the\s+internet|the\s+web|"
    r"facebook|instagram))|from\s+google\s+images)")

# The patterns above run only near these words, found by the shared trigger scan.
_PIRACY_TRIGGERS = TriggerWords("copyright_piracy", (
    "crack", "cracks", "cracked", "torrent", "torrents", "torrenting", "torrented", "pirate",
    "pirated", "pirates", "piratebay", "warez", "keygen", "nulled", "streams of", "stream of",
    "bootleg", "bootlegged", "firestick", "fire stick", "serial key", "serial keys", "mp3",
    "ripped", "dvd rip", "dvdrip", "bluray rip", "blu ray rip", "free pdf", "pdf of",
    "watermark", "watermarks", "watermarkremover", "full movie",
    "full film", "whole album", "entire album", "full album", "download of"))
# _FOUND is matched at these words (each of its forms starts with one).
_FOUND_TRIGGERS = TriggerWords("copyright_found", (
    "downloaded", "grabbed", "copied", "nicked", "pinched", "lifted", "screenshotted",
    "screen grabbed", "screengrabbed", "from google images",
    *(f"{verb} {what}" for verb in ("got", "took", "saved", "found")
      for what in ("it", "this", "these", "them", "the"))))
_MEDIA_WORD = re.compile(r"photo|picture|image|pic|video|clip|logo|graphic|poster|song|music")

# Unknown consent (people_consented is None): the text says a picture shows people (a
# media word within 80 characters of a word for people), or the file's name does.
_PEOPLE_MEDIA_TRIGGERS = TriggerWords("copyright_people_media", (
    "photo", "photos", "photograph", "photographs", "picture", "pictures", "pic", "pics",
    "image", "images", "video", "videos", "footage", "selfie", "selfies", "snap", "snaps",
    "clip", "clips", "group shot", "filmed", "photographed"))
_PEOPLE_WORDS = (r"councill?ors?|cllrs?|staff|colleagues?|volunteers?|residents?|children|"
                 r"child|kids|pupils|students|everyone|everybody|team|family|families|"
                 r"members|mayor(?:ess)?|clerk|guests|helpers|players|people|crowd|"
                 r"parents|grandchildren|neighbours|friends")
_PEOPLE = re.compile(
    rf"(?<![a-z])(?:{_PEOPLE_WORDS}|(?:mr|mrs|ms|miss|dr|cllr|councillor)\.?\s+[a-z]+|"
    r"the\s+(?:crowd|group|gang|whole\s+(?:team|group|council|committee)))(?![a-z])")
_PEOPLE_NAME = re.compile(rf"(?<![a-z])(?:{_PEOPLE_WORDS}|group|selfies?)(?![a-z])")
# Text saying the people shown agreed: no "people" finding for unknown consent.
_WHO = r"(?:everyone|everybody|they|all\s+of\s+them|both\s+of\s+them|all|each\s+of\s+them)"
_CONSENT = re.compile(
    r"(?<![a-z])(?:with\s+(?:their|his|her|everyone'?s|everybody'?s|the\s+\w+'?s?)\s+"
    r"(?:kind\s+|full\s+|written\s+)?(?:permission|consent|agreement|blessing)|"
    rf"(?<!not\s){_WHO}(?:\s+(?:in|shown\s+in|pictured\s+in|pictured|shown)"
    r"(?:\s+(?:it|them|this|these|the\s+\w+))?)?\s+(?:have\s+|has\s+|had\s+|'ve\s+)?"
    r"(?:all\s+)?(?:agreed|consented|given\s+(?:their\s+|us\s+)?(?:permission|consent)|"
    r"signed\s+(?:a\s+|the\s+)?consent)|"
    rf"{_WHO}\s*(?:'re|are|were|is|was)\s+(?:all\s+|very\s+|really\s+)?(?:happy|fine|ok|"
    r"okay|content)\s+(?:for|with|to|about)|"
    r"consent\s+forms?\s+(?:\w+\s+){0,3}?(?:signed|completed|received|returned|in)|"
    r"(?:signed|completed)\s+(?:\w+\s+){0,2}?consent\s+forms?|"
    r"(?:have|got|obtained|had|received)\s+(?:their|everyone'?s|everybody'?s|parental|"
    r"written|signed)\s+(?:permission|consent)|"
    r"(?:permission|consent)\s+(?:was\s+|has\s+been\s+|have\s+been\s+)?(?:given|granted|"
    r"obtained|received))")

_REVIEW_MEDIA = Remedy(
    kind="review", text="",
    description="Say who owns the picture, sound or video and that you may use it (a credit "
    "or licence), or remove it.")
_REVIEW_PIRACY = Remedy(
    kind="review", text="",
    description="Remove the reference to pirated or cracked material; only use software, "
    "film and music you are licensed to use.")


def _near(pattern: re.Pattern[str], text: str, hits: list[Hit], before: int,
          after: int) -> re.Match[str] | None:
    """The first match of `pattern` near a trigger word (at most twenty windows)."""
    for start, end in windows(hits, len(text), before, after)[:20]:
        m = pattern.search(text, start, end)
        if m is not None:
            return m
    return None


def _at(pattern: re.Pattern[str], text: str, hits: list[Hit]) -> re.Match[str] | None:
    """The first match of `pattern` starting at a trigger word (fifty tried at most)."""
    for h in hits[:50]:
        m = pattern.match(text, h.start, h.end + 200)
        if m is not None:
            return m
    return None


def _is_media(att: Attachment) -> bool:
    if att.media_type.split("/", 1)[0] in ("image", "audio", "video"):
        return True
    ext = att.filename.rsplit(".", 1)[-1].lower() if "." in att.filename else ""
    return ext in _MEDIA_EXT


class CopyrightDetector:
    """Flags media without a licence or permission, pictures of people without consent,
    and piracy."""

    category = COPYRIGHT
    examples = (
        Example("Here's a great shot of the pier for our newsletter.", True, subtype="media",
                message={"attachments": (Attachment("pier.jpg", "image/jpeg"),)}),
        Example("Thanks to everyone who came to the litter pick!", True, subtype="people",
                message={"attachments": (Attachment("volunteers.jpg", "image/jpeg",
                                                     permission=True,
                                                     people_consented=False),)}),
        Example("Attached is a photo of Cllr Smith and the volunteers at Saturday's fete "
                "for the paper.", True, subtype="people",
                message={"attachments": (Attachment("fete.jpg", "image/jpeg"),)},
                note="consent unknown; text says it shows people"),
        Example("For the newsletter, as promised.", True, subtype="people",
                message={"attachments": (Attachment("councillors_group.png", "image/png"),)},
                note="consent unknown; file name says it shows people"),
        Example("Photo of the volunteers at the litter pick; everyone in it has agreed to it "
                "being shared.", False, subtype="people",
                message={"attachments": (Attachment("volunteers.jpg", "image/jpeg"),)},
                note="consent stated in the text"),
        Example("The staff photo for the website, as discussed.", False, subtype="people",
                message={"attachments": (Attachment("staff-photo.jpg", "image/jpeg",
                                                     people_consented=True),)},
                note="consent recorded on the attachment"),
        Example("Attached is a picture of the repaired war memorial for the parish "
                "magazine.", False, subtype="people",
                message={"attachments": (Attachment("memorial.jpg", "image/jpeg"),)},
                note="a picture, but not of people"),
        Example("Anyone got a cracked version of Photoshop? Or a torrent site for the new "
                "Bond film?", True, subtype="piracy"),
        Example("I downloaded this from Google Images for the poster.", True, subtype="media"),
        Example("The view from the clock tower. Photo by Sam Jones.", False,
                message={"attachments": (Attachment("tower.jpg", "image/jpeg"),)},
                note="credit stated"),
        Example("Report attached, licensed image included.", False,
                message={"attachments": (Attachment("view.png", "image/png",
                                                     licence="CC-BY-4.0"),)}),
        Example("The cracked paving slab outside the library has been reported; a torrent "
                "of complaints came in after the photo shoot.", False,
                note="cracked pavement, torrent of complaints, photo shoot"),
        Example("Found a Photoshop crack online, so no need to renew the licence.", True,
                subtype="piracy"),
        Example("I ripped the DVD so we can show the film at the youth club.", True,
                subtype="piracy"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        text = view.text
        out: list[Finding] = []
        media = [a for a in ctx.message.attachments if _is_media(a)]
        credited = bool(media) and bool(_CREDIT.search(text))
        unknown = any(a.people_consented is None for a in media)
        consented = unknown and bool(_CONSENT.search(text))
        shows_people = unknown and not consented and _near(
            _PEOPLE, text, _PEOPLE_MEDIA_TRIGGERS.hits(ctx.text), 80, 80) is not None
        for att in media:
            if att.people_consented is False:
                out.append(Finding(
                    category=COPYRIGHT, start=0, end=0, score=0.85, subtype="people",
                    explanation=f"\"{att.filename}\" shows people who have not agreed to it "
                    "being posted; everyone shown must give their permission first.",
                    remedy=Remedy(kind="remove_attachment", text=att.filename,
                                  description="Remove the picture or video unless everyone "
                                  "shown agrees to it being posted.")))
            elif att.people_consented is None and not consented and (
                    shows_people or _PEOPLE_NAME.search(att.filename.lower())):
                out.append(Finding(
                    category=COPYRIGHT, start=0, end=0, score=0.6, subtype="people",
                    explanation=f"\"{att.filename}\" appears to show people; check everyone "
                    "shown has agreed before it is sent or posted.",
                    remedy=Remedy(kind="remove_attachment", text=att.filename,
                                  description="Remove the picture or video unless everyone "
                                  "shown agrees to it being sent or posted.")))
            if att.licence is None and not att.permission and not credited:
                out.append(Finding(
                    category=COPYRIGHT, start=0, end=0, score=0.6, subtype="media",
                    explanation=f"\"{att.filename}\" has no stated licence or permission; "
                    "you need the owner's consent to use someone else's picture, sound or "
                    "video.",
                    remedy=_REVIEW_MEDIA))
        m = _near(_PIRACY, text, _PIRACY_TRIGGERS.hits(ctx.text), 70, 50)
        if m is not None:
            s, e = view.to_original(m.start(), m.end())
            out.append(Finding(
                category=COPYRIGHT, start=s, end=e, score=0.8, subtype="piracy",
                explanation="This refers to pirated or cracked material, which must not be "
                "downloaded or shared.",
                remedy=_REVIEW_PIRACY))
        f = _at(_FOUND, text, _FOUND_TRIGGERS.hits(ctx.text))
        if f is not None and not _CREDIT.search(text) and (
                any(_is_media(a) for a in ctx.message.attachments)
                or _MEDIA_WORD.search(text, max(0, f.start() - 80), f.end() + 40)):
            s, e = view.to_original(f.start(), f.end())
            out.append(Finding(
                category=COPYRIGHT, start=s, end=e, score=0.7, subtype="media",
                explanation="Pictures and media found online usually belong to someone; you "
                "need the owner's permission before using them.",
                remedy=_REVIEW_MEDIA))
        return out


DETECTOR = CopyrightDetector()
