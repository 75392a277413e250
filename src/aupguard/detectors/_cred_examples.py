"""Worked examples for the credentials detector, with the everyday mentions of
passwords and PINs that are not disclosures."""

from __future__ import annotations

from aupguard.detectors.base import Example

EXAMPLES: tuple[Example, ...] = (
    Example(
        "Hi all, the wifi password for the community hall is Summer2024! - please don't share it.",
        True,
    ),
    Example("My password is hunter2 if you need to get into my emails while I'm away.", True),
    Example("Login for the council Facebook page: leightc / pass: Gr33nL3igh#", True),
    Example("The key safe code at the pavilion is 4821.", True, note="a door or key-safe code"),
    Example("PIN: 7305 for the new office mobile.", True),
    Example("Website admin: https://admin:Parish2023@cms.example.org/login", True),
    Example("Our AWS key for the backups is AKIAIOSFODNN7EXAMPLE.", True),
    Example(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98\n-----END RSA PRIVATE KEY-----",
        True,
    ),
    Example("New hall laptop password Marine!Parade2024 - keep it to yourselves.", True),
    Example(
        "What's the password for the pavilion laptop?\nIt's Rufus1987, capital R.",
        True,
        note="given in a reply to the question",
    ),
    Example("Bookings database: postgres://admin:S3aFront!2024@db.example.org/halls", True),
    Example("Please reset your password via the portal before Friday.", False),
    Example("The clerk circulated the new password policy for councillors.", False),
    Example("Forgot password? Use the link on the login page.", False),
    Example("At the over-60s club, enter your PIN at the till when paying for the raffle.", False),
    Example("Your password must be at least 12 characters and is case-sensitive.", False),
    Example("What's the password policy for councillors? It's on the intranet.", False),
    Example("The key to the pavilion is kept at the Town Council office.", False),
)
