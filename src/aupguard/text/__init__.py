"""Text normalisation: undo the tricks people use to slip words past a checker, while
remembering where every character came from so findings point at the original text."""

from aupguard.text.normalise import NormalisedText, View, normalise

__all__ = ["NormalisedText", "View", "normalise"]
