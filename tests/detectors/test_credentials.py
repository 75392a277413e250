"""credentials: passwords, PINs, keys and tokens found; everyday talk about them not."""

from __future__ import annotations

import pytest

from aupguard.detectors.base import Context, Example
from aupguard.detectors.credentials import DETECTOR
from aupguard.model import Finding, Message
from aupguard.policy.schema import Council
from aupguard.text import normalise

LEIGH = Council(name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",))


def run(text: str) -> list[Finding]:
    ctx = Context(message=Message(text=text), text=normalise(text), council=LEIGH)
    return DETECTOR.detect(ctx)


def found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in run(text)]


POSITIVES = [
    ("my password is hunter2", "hunter2"),
    ("password: Summer2024!", "Summer2024!"),
    ("pw = Tr0ub4dor&3", "Tr0ub4dor&3"),
    ("The wifi password is LeighWiFi2024 for guests.", "LeighWiFi2024"),
    ("the wi-fi password for the pavilion is 'coffee-morning-77'", "coffee-morning-77"),
    ("login: jsmith / pass: Gr33nL3igh#", "Gr33nL3igh#"),
    ("Temporary password: letmein", "letmein"),
    ("Her password has been changed to Autumn#2025.", "Autumn#2025"),
    ("PIN: 4821", "4821"),
    ("The PIN for the office phone is 7305.", "7305"),
    ("door code 1966 for the side entrance", "1966"),
    ("The key safe code is 2580.", "2580"),
    ("AWS key AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
    ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
    ("slack xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl"),
    ("stripe sk_live_" + "a1B2c3D4e5F6g7H8i9J0k1L2", "sk_live_" + "a1B2c3D4e5F6g7H8i9J0k1L2"),
    ("maps key AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv"),
    ("https://admin:Parish2023@cms.example.org/", "Parish2023"),
    ("api_key: 9f8a7d6e5c4b3a2f1e0d9c8b7a6f5e4d", "9f8a7d6e5c4b3a2f1e0d9c8b7a6f5e4d"),
    ('db_password = "s3cr3t-Value"', "s3cr3t-Value"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_positive(text: str, expected: str) -> None:
    assert expected in found(text)


def test_jwt() -> None:
    jwt = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    )
    assert found(f"session {jwt} ok") == [jwt]


def test_private_key_block_whole() -> None:
    text = (
        "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n"
        "-----END OPENSSH PRIVATE KEY-----\nthanks"
    )
    assert found(text) == [
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----"
    ]


NEGATIVES = [
    "Please reset your password via the portal.",
    "The new password policy was adopted at Full Council.",
    "Forgot password? Click the link on the login page.",
    "Enter your PIN at the till.",
    "Your password must be at least 12 characters and is case-sensitive.",
    "The password is required to open the minutes.",
    "my passphrase was typed to confirm",
    "Password: ********",
    "Password: [password removed]",
    "The key to the pavilion is held by the caretaker.",
    "Bus pass holders travel free.",
    "Please pass the agenda to Cllr Evans.",
    "The secret is out: the fete is back!",
    "The postcode SS9 2RL and opinion poll 2024 shopping pins.",
    "Send passwords by a separate route, never by email.",
    "See http://www.leighonseatowncouncil.gov.uk/contact for details.",
    "A token gesture of 500 pounds was given.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text: str) -> None:
    assert found(text) == []


def test_remedy_and_fields() -> None:
    pw = run("password: Summer2024!")[0]
    key = run("AWS key AKIAIOSFODNN7EXAMPLE")[0]
    assert pw.remedy is not None and pw.remedy.text == "[password removed]"
    assert key.remedy is not None and key.remedy.text == "[secret removed]"
    for f in (pw, key):
        assert f.category == "credentials" and f.entity is None and f.subtype is None
        assert 0.5 <= f.score <= 1 and f.explanation
    assert "AWS" in key.explanation


def test_offsets_through_zero_width_characters() -> None:
    text = "my password is hun\u200bter2"
    fs = run(text)
    assert len(fs) == 1 and text[fs[0].start : fs[0].end] == "hun\u200bter2"


def test_pathological_inputs() -> None:
    for text in ("password " * 20_000, "pin " * 50_000, "x" * 300_000, "://a:b@" * 20_000):
        run(text)  # must finish; no timing assert


@pytest.mark.parametrize("ex", DETECTOR.examples, ids=lambda e: e.text[:40])
def test_examples(ex: Example) -> None:
    fs = run(ex.text)
    assert bool(fs) == ex.expect


FOLLOW_UPS = [
    ("The new laptop password Marine!Parade2024 - please keep it safe.", "Marine!Parade2024"),
    ("What's the password for the pavilion laptop?\nIt's Rufus1987, capital R.", "Rufus1987"),
    ("Sue, what is the booking system password? Thanks\n\nIt's Heron!Pier55", "Heron!Pier55"),
    ("Connection: postgres://admin:S3aFront!2024@db.example.org/x", "S3aFront!2024"),
    ("HMRC: user ID 12 34 56 78 90 12, password Cockle!Shed8", "12 34 56 78 90 12"),
    ("HMRC: user ID 12 34 56 78 90 12, password Cockle!Shed8", "Cockle!Shed8"),
    ("secret key -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----", None),
]


@pytest.mark.parametrize(("text", "expected"), FOLLOW_UPS)
def test_disclosures_without_a_colon(text: str, expected: str | None) -> None:
    got = found(text)
    assert (expected in got) if expected else got


@pytest.mark.parametrize(
    "text",
    [
        "I asked what the password policy is. It's 2024 now.",
        "Forgot your password? It's easy to reset online.",
        "Please update the password Monday. It's urgent.",
        "The password reset link expires in 24 hours.",
        "Government Gateway user ID 12 34 56 78 90 12 is on the payroll file.",
        "Sk8 park opening; the SG meeting is at 7.",
    ],
)
def test_no_false_alarms_from_the_looser_rules(text: str) -> None:
    assert found(text) == []


def test_login_id_redacted_as_login() -> None:
    fs = run("user ID 123456789012 and password Cockle!Shed8")
    assert [f.remedy.text for f in fs if f.remedy] == ["[login removed]", "[password removed]"]
