"""Checks that turn a digit-shaped candidate into a real identifier (or not).

Regexes find things that look like a card or NHS number; these checksums and range
tables decide whether they are one, which is what keeps invoice totals, years and
reference numbers out of the findings.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

# Ofcom ranges reserved for drama and examples: never allocated, so `phonenumbers`
# calls them invalid, but they are exactly what people paste into tests and training.
_DRAMA_PREFIXES: tuple[tuple[str, str], ...] = (
    ("07700900", "mobile"),
    ("01632960", "landline"),
    ("01134960", "landline"),
    ("01144960", "landline"),
    ("01154960", "landline"),
    ("01164960", "landline"),
    ("01174960", "landline"),
    ("01184960", "landline"),
    ("01214960", "landline"),
    ("01314960", "landline"),
    ("01414960", "landline"),
    ("01514960", "landline"),
    ("01614960", "landline"),
    ("02079460", "landline"),
    ("01914980", "landline"),
    ("02896496", "landline"),
    ("02920180", "landline"),
)

_MOBILE = {phonenumbers.PhoneNumberType.MOBILE}
_LANDLINE = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.VOIP,
    phonenumbers.PhoneNumberType.UAN,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
}


def national_digits(raw: str) -> str:
    """UK national form (leading 0) of a phone string: '+44 (0)1702 716288' -> '01702716288'."""
    digits = "".join(c for c in raw if c.isdigit())
    if raw.lstrip().startswith("+") or digits.startswith("0044"):
        digits = digits[2:] if digits.startswith("44") else digits[4:]
        if digits.startswith("0"):
            digits = digits[1:]
        digits = "0" + digits
    return digits


@lru_cache(maxsize=4096)
def phone_kind(national: str) -> str | None:
    """'mobile', 'landline' or None (not a dialable UK number)."""
    if not national.startswith("0") or not 10 <= len(national) <= 11:
        return None
    for prefix, kind in _DRAMA_PREFIXES:
        if national.startswith(prefix) and len(national) == 11:
            return kind
    if national.startswith(("08", "09", "03")):
        return None  # free-phone, premium and non-geographic: organisations, not people
    try:
        num = phonenumbers.parse(national, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(num):
        return None
    ntype = phonenumbers.number_type(num)
    if ntype in _MOBILE:
        return "mobile"
    if ntype in _LANDLINE:
        return "landline"
    return None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card scheme for a Luhn-valid number with a known issuer range, else None."""
    n = len(digits)
    if not 13 <= n <= 19 or len(set(digits)) < 2 or not luhn_ok(digits):
        return None
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4" and n in (13, 16, 19):
        return "Visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and n == 16:
        return "Mastercard"
    if two in (34, 37) and n == 15:
        return "American Express"
    if (digits.startswith("6011") or two == 65 or 644 <= int(digits[:3]) <= 649) and n >= 16:
        return "Discover"
    if 3528 <= four <= 3589 and n >= 16:
        return "JCB"
    if (two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305) and n >= 14:
        return "Diners Club"
    if two in (50, 56, 57, 58, 63, 67) and n >= 12:
        return "Maestro"
    return None


def nhs_ok(digits: str) -> bool:
    """NHS number modulus 11 check digit."""
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


IBAN_LENGTHS: dict[str, int] = {
    "GB": 22,
    "IE": 22,
    "DE": 22,
    "FR": 27,
    "ES": 24,
    "IT": 27,
    "NL": 18,
    "BE": 16,
    "PT": 25,
    "CH": 21,
    "AT": 20,
    "DK": 18,
    "FI": 18,
    "SE": 24,
    "NO": 15,
    "PL": 28,
    "LU": 20,
    "GI": 23,
    "GR": 27,
    "CY": 28,
    "MT": 31,
    "CZ": 24,
    "HU": 28,
    "RO": 24,
    "SK": 24,
    "SI": 19,
    "HR": 21,
    "BG": 22,
    "LT": 20,
    "LV": 21,
    "EE": 20,
    "IS": 26,
    "LI": 21,
    "MC": 27,
    "SM": 27,
    "AD": 24,
    "JE": 22,
    "GG": 22,
    "IM": 22,
}


def iban_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check on a compact upper-case IBAN of the right length."""
    if IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    moved = iban[4:] + iban[:4]
    try:
        num = int("".join(str(int(c, 36)) for c in moved))
    except ValueError:
        return False
    return num % 97 == 1


_NI_BAD_FIRST = set("DFIQUV")
_NI_BAD_SECOND = set("DFIQUVO")
_NI_BAD_PAIRS = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_ok(compact: str) -> bool:
    """HMRC rules for a National Insurance number like 'QQ123456C' (already upper-case)."""
    if len(compact) != 9 or compact[8] not in "ABCD":
        return False
    a, b = compact[0], compact[1]
    if a in _NI_BAD_FIRST or b in _NI_BAD_SECOND or compact[:2] in _NI_BAD_PAIRS:
        return False
    return compact[2:8].isdigit()


_WORD_DIGITS: dict[str, str] = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}


def spoken_digits(words: list[str]) -> str:
    """Digits spelt out in words ('oh seven seven double oh') -> '07700'."""
    out: list[str] = []
    repeat = 1
    for w in words:
        if w in ("double", "treble", "triple"):
            repeat = 2 if w == "double" else 3
            continue
        if w == "plus":
            out.append("+")
            continue
        d = _WORD_DIGITS.get(w)
        if d is None:
            if w.isdigit():
                out.append(w * repeat if len(w) == 1 else w)
            repeat = 1
            continue
        out.append(d * repeat)
        repeat = 1
    return "".join(out)
