"""Worked examples for the personal-data detector: realistic council wording, with the
hard negatives that a naive number-spotter gets wrong. They need no register entries,
so they hold under every council's pack."""

from __future__ import annotations

from aupguard.detectors.base import Example

EXAMPLES: tuple[Example, ...] = (
    Example(
        "If anyone has concerns about the allotments please call Mrs Patel on her mobile, "
        "07700 900123.",
        True,
        entity="PHONE_NUMBER",
        note="a resident's mobile number",
    ),
    Example(
        "Councillor Evans can be reached at home on (01702) 716289 in the evenings.",
        True,
        entity="PHONE_NUMBER",
        message={"channel": "social"},
    ),
    Example(
        "Contact John Evans on oh seven seven double oh nine oh oh one two three.",
        True,
        entity="PHONE_NUMBER",
        note="digits written out in words",
    ),
    Example(
        "Please forward to Jane's personal email jane.smith1975@gmail.com as she is off sick.",
        True,
        entity="EMAIL_ADDRESS",
    ),
    Example(
        "Reply to jane dot smith at gmail dot com with your comments.",
        True,
        entity="EMAIL_ADDRESS",
        note="an email address disguised with words",
    ),
    Example(
        "Mr Brown lives at 14 Elm Grove, Leigh-on-Sea SS9 2RL and has complained again.",
        True,
        entity="STREET_ADDRESS",
    ),
    Example(
        "Mr Brown lives at 14 Elm Grove, Leigh-on-Sea SS9 2RL and has complained again.",
        True,
        entity="POSTCODE",
    ),
    Example(
        "For the payroll form, my National Insurance number is AB 12 34 56 C.",
        True,
        entity="NI_NUMBER",
    ),
    Example(
        "Please pay the refund to sort code 20-00-00, account number 55779911.",
        True,
        entity="SORT_CODE",
    ),
    Example(
        "Please pay the refund to sort code 20-00-00, account number 55779911.",
        True,
        entity="BANK_ACCOUNT",
    ),
    Example(
        "The hall deposit was paid on card 4111 1111 1111 1111, expiry 09/27.",
        True,
        entity="CARD_NUMBER",
    ),
    Example(
        "Transfer the grant to IBAN GB82 WEST 1234 5698 7654 32 by Friday.",
        True,
        entity="IBAN",
    ),
    Example(
        "The volunteer's NHS number is 943 476 5919 in case of emergency.",
        True,
        entity="NHS_NUMBER",
    ),
    Example(
        "Happy 80th to Mr Jones of Church Road, born 3 May 1944!",
        True,
        entity="DATE_OF_BIRTH",
    ),
    Example(
        "Please contact Leigh Town Council office on 01702 716288 for hall bookings.",
        False,
        note="a council office number is published by the council",
    ),
    Example(
        "Send your comments to the clerk at clerk@leighonseatowncouncil.gov.uk.",
        False,
        note="a role mailbox is not personal data",
    ),
    Example(
        "Planning application 23/00123/FUL was approved at the meeting on 12 May 2024 at "
        "7.30pm; see minute 045/24.",
        False,
        note="references, meeting dates and minute numbers are not personal data",
    ),
    Example(
        "The invoice total was £1,250.00 for 2023; 350 residents attended the photo shoot.",
        False,
    ),
    Example(
        "Our new postcode lookup covers the SW1A area and product code AB-1234.",
        False,
    ),
    Example(
        "Forgotten your password? Reset it via the portal at any time.",
        False,
    ),
    Example(
        "Planning application 23/00123/FUL at 18 Leigh Hall Road: rear extension, "
        "comments by 3 June.",
        False,
        note="a planning site address is public information about a property",
    ),
    Example(
        "Please pay our invoice into the council's account: sort code 20-00-00, "
        "account number 55779911.",
        False,
        note="the council's own bank details given to a supplier",
    ),
    Example(
        "My neighbour Jane Smith, 07700 900123, saw the fly-tipping.",
        True,
        entity="PERSON",
    ),
)
