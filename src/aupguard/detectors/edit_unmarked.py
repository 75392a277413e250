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

# Any of these anywhere in the text counts as marking the edit.
_MARKED = re.compile(
    r"(?<![a-z])(?:edit(?:ed)?\s*(?:[:\-(]|to\s+add|\d)|\(edit(?:ed)?\)|"
    r"updated?\s*[:\-(]|updated\s+(?:on|at)\s+\d|\(updated?\)|"
    r"correction\s*[:\-(]|corrected\b|amended\b|\bamendment\s*:|this\s+post\s+(?:has\s+been|was)"
    r"\s+(?:edited|updated|changed|corrected)|i(?:'ve|\s+have)\s+(?:edited|updated|"
    r"corrected|changed)\s+this|revised\s*[:\-(]|\(revised\)|clarification\s*:)"
)
_PREFIX = "Edited: "
_REMEDY = Remedy(
    kind="prepend",
    text=_PREFIX,
    description="Say that this post has been changed, for example by starting it with "
    "\"Edited:\".",
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
        Example("The bonfire night event starts at 6pm on the recreation ground.", False,
                message={"channel": "social"}, note="a new post, not an edit"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        if not ctx.message.edits_previous:
            return []
        if _MARKED.search(ctx.text.folded.text):
            return []
        return [Finding(
            category=EDIT_UNMARKED, start=0, end=0, score=0.9,
            explanation="This changes an earlier post but does not say so; readers should "
            "be able to see that it has been edited.",
            remedy=_REMEDY,
        )]


DETECTOR = EditUnmarkedDetector()
