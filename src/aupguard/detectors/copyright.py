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
_PIRACY = re.compile(
    r"(?<![a-z])(?:cracked\s+(?:version|copy|software|game|apk|windows|office|photoshop)|"
    r"torrent(?:s|ing)?\s+(?:site|file|download|link|client)s?|torrented|(?:via|on|from)\s+"
    r"torrents?(?![a-z])|"
    r"(?:the\s+)?pirate\s?bay|warez|keygen|nulled\s+(?:script|theme|plugin)|"
    r"pirate[ds]?\s+(?:copy|copies|software|film|films|movie|movies|dvds?|music)|"
    r"free\s+download\s+of\s+(?:the|his|her|their)\s+(?:new\s+)?(?:album|film|movie|single|game)|"
    r"(?:illegal|dodgy|free)\s+streams?\s+of|bootleg(?:ged)?\s+(?:copy|dvd|film|album)|"
    r"jailbroken\s+fire\s?stick|(?:loaded|dodgy)\s+fire\s?stick|serial\s+key\s+generator)")
_FOUND = re.compile(
    r"(?<![a-z])(?:(?:downloaded|got|took|grabbed|copied|nicked|pinched)\s+(?:it|this|these|"
    r"them|the\s+(?:photo|picture|image|video|pic))\s+(?:from|off)\s+(?:google|the\s+internet|"
    r"the\s+web|facebook|instagram|online|a\s+website)|"
    r"found\s+(?:it|this|these|them)\s+(?:online|on\s+(?:google|the\s+internet|the\s+web|"
    r"facebook|instagram))|from\s+google\s+images)")

# Cheap substring gates: the regexes run only when one of these words is present.
_PIRACY_WORDS = ("crack", "torrent", "pirate", "warez", "keygen", "nulled", "download",
                 "stream", "bootleg", "stick", "serial")
_FOUND_WORDS = ("google", "internet", "online", "the web", "facebook", "instagram",
                "website")
_MEDIA_WORD = re.compile(r"photo|picture|image|pic|video|clip|logo|graphic|poster|song|music")

_REVIEW_MEDIA = Remedy(
    kind="review", text="",
    description="Say who owns the picture, sound or video and that you may use it (a credit "
    "or licence), or remove it.")
_REVIEW_PIRACY = Remedy(
    kind="review", text="",
    description="Remove the reference to pirated or cracked material; only use software, "
    "film and music you are licensed to use.")


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
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        text = view.text
        out: list[Finding] = []
        media = [a for a in ctx.message.attachments if _is_media(a)]
        credited = bool(media) and bool(_CREDIT.search(text))
        for att in media:
            if att.people_consented is False:
                out.append(Finding(
                    category=COPYRIGHT, start=0, end=0, score=0.85, subtype="people",
                    explanation=f"\"{att.filename}\" shows people who have not agreed to it "
                    "being posted; everyone shown must give their permission first.",
                    remedy=Remedy(kind="remove_attachment", text=att.filename,
                                  description="Remove the picture or video unless everyone "
                                  "shown agrees to it being posted.")))
            if att.licence is None and not att.permission and not credited:
                out.append(Finding(
                    category=COPYRIGHT, start=0, end=0, score=0.6, subtype="media",
                    explanation=f"\"{att.filename}\" has no stated licence or permission; "
                    "you need the owner's consent to use someone else's picture, sound or "
                    "video.",
                    remedy=_REVIEW_MEDIA))
        m = _PIRACY.search(text) if any(w in text for w in _PIRACY_WORDS) else None
        if m is not None:
            s, e = view.to_original(m.start(), m.end())
            out.append(Finding(
                category=COPYRIGHT, start=s, end=e, score=0.8, subtype="piracy",
                explanation="This refers to pirated or cracked material, which must not be "
                "downloaded or shared.",
                remedy=_REVIEW_PIRACY))
        f = _FOUND.search(text) if any(w in text for w in _FOUND_WORDS) else None
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
