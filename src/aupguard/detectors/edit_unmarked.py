"""Edits that are not marked as edits (Leigh: "If you choose to modify an earlier post,
make it clear that you have done so").

The message says whether it replaces an earlier version (`Message.edits_previous`); the
text only has to say so somewhere. The finding is about the whole message, so it
carries start = end = 0 (no span to highlight) and a "prepend" remedy.
"""

from __future__ import annotations

import re

from aupguard.detectors.base import Context, Example
from aupguard.model import EDIT_UNMARKED, Finding, Remedy
from aupguard.text.triggers import Hit, TriggerWords

# Any of these anywhere in the text counts as marking the edit. _AT is matched where a
# stem starts ("edit", "updat", ...); _AROUND is searched in a short window around
# "edited"/"updated"/"changed"... for the sentences that start a few words earlier.
_AT = re.compile(
    r"edit(?:ed)?\s*(?:[:\-(]|\)|to\s+(?:add|correct|fix|change|clarify|update|"
    r"remove|amend|include|say|show|reflect)|\d)|"
    r"updated?\s*(?:[:\-(]|\))|updated\s+(?:on|at)\s+\d|"
    # "UPDATED 10am:" (the folded view may have turned "10am" into letters)
    r"updated\s+(?:at\s+)?[a-z0-9.:]{1,8}\s*[:\-]|"
    r"updated?\s+(?:to\s+(?:add|correct|say|show|reflect)|with\s+(?:the\s+)?(?:new|latest|"
    r"correct))|"
    r"correction\s*[:\-(]|corrected(?![a-z])|amended(?![a-z])|amendment\s*:|"
    r"revised\s*(?:[:\-(]|\))|clarification\s*:"
)
_AROUND = re.compile(
    r"this\s+post\s+(?:has\s+been|was)\s+(?:edited|updated|changed|corrected)|"
    r"i(?:'ve|\s+have)\s+(?:edited|updated|corrected|changed)\s+this"
)
# Where the patterns are tried, found by the shared trigger scan of the folded text.
_TRIGGERS = TriggerWords(
    "edit_unmarked",
    {w: "around" for w in ("edited", "updated", "changed", "corrected")},
    prefixes={p: "at" for p in ("edit", "updat", "correct", "amend", "revis", "clarif")})
_PREFIX = "Edited: "
_REMEDY = Remedy(
    kind="prepend",
    text=_PREFIX,
    description="Say that this post has been changed, for example by starting it with "
    "\"Edited:\".",
)


def _marked(text: str, hits: list[Hit]) -> bool:
    """Whether the text says it was edited. Patterns are tried only where a trigger
    word starts (the first forty), so most texts cost nothing beyond the shared scan."""
    for h in hits[:40]:
        if h.tag == "at":
            if _AT.match(text, h.start, h.start + 60):
                return True
        elif _AROUND.search(text, max(0, h.start - 25), h.end + 6):
            return True
    return False


# Always the same finding (about the whole message), and Finding is immutable: built once.
_FINDING = Finding(
    category=EDIT_UNMARKED, start=0, end=0, score=0.9,
    explanation="This changes an earlier post but does not say so; readers should be able "
    "to see that it has been edited.",
    remedy=_REMEDY,
)


class EditUnmarkedDetector:
    """Flags a changed post that does not say it was changed."""

    category = EDIT_UNMARKED
    examples = (
        Example("The bonfire night event starts at 6pm on the recreation ground.", True,
                message={"edits_previous": True, "channel": "social"},
                note="an edited post with no note that it changed"),
        Example("Edited: the bonfire night event now starts at 6.30pm, not 6pm.", False,
                message={"edits_previous": True, "channel": "social"}),
        Example("Correction: the surgery is on Friday, not Thursday as first posted.", False,
                message={"edits_previous": True, "channel": "social"}),
        Example("Edited to correct the date: the litter pick is on Sunday 14 April.", False,
                message={"edits_previous": True, "channel": "social"}),
        Example("UPDATED 10am: the library will now open at 11 because of a burst pipe.",
                False, message={"edits_previous": True, "channel": "social"}),
        Example("The bonfire night event starts at 6pm on the recreation ground.", False,
                message={"channel": "social"}, note="a new post, not an edit"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        if not ctx.message.edits_previous:
            return []
        if _marked(ctx.text.folded.text, _TRIGGERS.hits(ctx.text)):
            return []
        return [_FINDING]


DETECTOR = EditUnmarkedDetector()
