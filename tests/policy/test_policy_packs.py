"""The Belper and Leigh packs: complete, faithful to the documents, in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aupguard.model import CATEGORIES
from aupguard.policy.loader import WEB_CATEGORIES, load_pack
from aupguard.policy.schema import WORKFLOWS, Pack

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
SEED_FILES = {
    "belper": "belper-town-council-social-media-and-internet-policy.txt",
    "leigh": "leigh-town-council-social-media-internet-email-policy.txt",
}
MIN_CLAUSES = {"belper": 22, "leigh": 45}
RUN = 8  # words in a row that would make a summary a copy


def _seed(name: str) -> str:
    path = SEEDS / SEED_FILES[name]
    if not path.is_file():
        pytest.skip(f"policy text {path} not found: the shared seeds are not checked out")
    return path.read_text(encoding="utf-8")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))


@pytest.fixture(params=["belper", "leigh"])
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(request.param)


def test_clause_counts(pack: Pack) -> None:
    assert len(pack.clauses) >= MIN_CLAUSES[pack.pack]


def test_locators_name_headings_in_the_document(pack: Pack) -> None:
    text = _seed(pack.pack)
    lines = {line.strip() for line in text.splitlines()}
    for clause in pack.clauses:
        loc = clause.locator
        assert loc.section in text, (clause.id, loc.section)
        # A heading starts a line ("User compliance - I understand..." runs on).
        assert any(line.startswith(loc.section) for line in lines), (clause.id, loc.section)
        if loc.subsection:
            assert loc.subsection in text, (clause.id, loc.subsection)
        if loc.item is not None:
            assert loc.item >= 1


def test_bullet_numbers_exist(pack: Pack) -> None:
    """An item number must not exceed the bullets under that heading (up to the next
    heading the pack uses; page headers and footnotes in between are not bullets)."""
    text = _seed(pack.pack)
    headings = {c.locator.subsection or c.locator.section for c in pack.clauses}
    headings |= {c.locator.section for c in pack.clauses}
    for clause in pack.clauses:
        loc = clause.locator
        if loc.item is None:
            continue
        heading = loc.subsection or loc.section
        bullets = 0
        for line in text[text.index(heading) :].splitlines()[1:]:
            stripped = line.strip()
            if any(stripped.startswith(h) for h in headings):
                break
            bullets += stripped.startswith("- ")
        assert loc.item >= 1 and loc.item <= bullets, (clause.id, loc.item, bullets)


def test_summaries_are_in_our_own_words(pack: Pack) -> None:
    words = _words(_seed(pack.pack))
    runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    for clause in pack.clauses:
        summary = _words(clause.summary)
        for i in range(len(summary) - RUN + 1):
            assert tuple(summary[i : i + RUN]) not in runs, (
                clause.id,
                " ".join(summary[i : i + RUN]),
            )


def test_ids_are_namespaced_and_controls_named(pack: Pack) -> None:
    for clause in pack.clauses:
        assert clause.id.startswith(pack.pack + ".")
        assert clause.summary.strip()
        for control in clause.controls:
            assert (
                control.detector in CATEGORIES
                or control.web_category in WEB_CATEGORIES
                or control.workflow in WORKFLOWS
            )
            if control.web_category:
                assert clause.channels == ("web",) or "web" in clause.channels


def test_every_detector_category_is_used_somewhere() -> None:
    used = {
        c.detector
        for name in ("belper", "leigh")
        for cl in load_pack(name).clauses
        for c in cl.controls
        if c.detector
    }
    assert used == set(CATEGORIES)


def test_belper_specifics() -> None:
    pack = load_pack("belper")
    political = pack.clause("belper.general.party-political")
    assert political.where == ("council-systems",)
    for cid in (
        "belper.general.tablet-registrations",
        "belper.general.tablet-downloads",
        "belper.general.tablet-games-chat",
    ):
        assert pack.clause(cid).where == ("council-tablets",)
    details = pack.clause("belper.legislation.employee-contact-details").controls[0]
    assert details.detector == "personal_data"
    assert {"PHONE_NUMBER", "STREET_ADDRESS", "EMAIL_ADDRESS"} <= set(details.entities)
    assert pack.clause("belper.general.gambling-auction-sites").action == "block"
    assert pack.clause("belper.communication.manipulate-dialogue").action == "advise"
    assert pack.clause("belper.general.logo-personal").where == ("personal-accounts",)
    assert "belpertowncouncil.gov.uk" in pack.council.email_domains


def test_leigh_specifics() -> None:
    pack = load_pack("leigh")
    assert pack.council.email_domains == ("leighonseatowncouncil.gov.uk",)
    contacts = {(c.entity, c.value) for c in pack.council_register.public_contacts}
    assert ("PHONE_NUMBER", "01702 716288") in contacts
    assert ("EMAIL_ADDRESS", "council@leighonseatowncouncil.gov.uk") in contacts
    assert ("POSTCODE", "SS9 1SP") in contacts
    names = {s.name for s in pack.council_register.spokespersons}
    assert {"Paul Beckerson", "Cllr Caroline Parker", "Cllr Paul Lawrence"} <= names
    tender = next(m for m in pack.council_register.confidential_matters if m.kind == "tender")
    assert tender.until is not None and tender.until.year == 2027
    assert pack.council_register.consents
    for clause in pack.clauses:
        if clause.locator.section == "Part 2 - Guidance for Personal Use":
            assert clause.where == ("personal-accounts",), clause.id
    workflows = {c.workflow for cl in pack.clauses for c in cl.controls if c.workflow}
    for needed in (
        "acknowledgement",
        "account-approval",
        "incident",
        "media-monitoring",
        "interest-declaration",
        "privacy-settings",
        "correction",
        "monitoring",
        "software-approval",
    ):
        assert needed in workflows
    assert pack.clause("leigh.email.offensive-content").channels == ("email",)
    assert pack.clause("leigh.personal-use.blogging-and-work").applies_to == ("staff",)
