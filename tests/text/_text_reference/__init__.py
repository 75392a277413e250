"""Frozen copy of aupguard.text (normalise and its stages) used as the reference in
test_equivalence.py: the optimised code must give identical text and offsets."""
