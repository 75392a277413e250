"""The block page: what a person sees when the filter stops a site.

`block_page_url` is how the Squid helper and the proxy point a browser at the page
served by `aupguard web block-page`; the query carries the blocked URL, category and
clause so the page can quote the policy without deciding again.

`render_block_page` writes the page itself: one self-contained HTML document (inline
CSS, no external assets, since the browser may be unable to fetch anything else) in
plain English: what was blocked, what kind of site it is, the clause of the council's
policy and how to ask the Town Clerk for an exception. Everything that came from a
request (the address above all) is HTML-escaped: a hostile URL must not become script.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
from urllib.parse import quote, urlencode

from aupguard.policy.schema import Clause, Pack
from aupguard.policy.webrules import WebContact
from aupguard.web.decide import Decision

__all__ = ["block_page_url", "category_words", "clause_locator", "render_block_page"]

# UT1 list names in the words a council officer would use.
CATEGORY_WORDS: dict[str, str] = {
    "adult": "adult (pornographic)",
    "porn": "adult (pornographic)",
    "mixed_adult": "partly adult",
    "lingerie": "lingerie",
    "aggressive": "aggressive, racist or hateful",
    "agressif": "aggressive, racist or hateful",
    "violence": "violent",
    "sect": "sects and cults",
    "drugs": "illegal drugs",
    "drogue": "illegal drugs",
    "dangerous_material": "dangerous material (weapons, explosives)",
    "gambling": "gambling",
    "arjel": "gambling",
    "games": "online games",
    "chat": "chat and instant messaging",
    "social_networks": "social networks",
    "forums": "forums",
    "dating": "dating",
    "shopping": "online shopping",
    "bank": "online banking",
    "financial": "finance and investment",
    "warez": "pirated software and media",
    "download": "software downloads",
    "filehosting": "file hosting and sharing",
    "audio-video": "music and video",
    "hacking": "hacking",
    "malware": "malicious software (malware)",
    "phishing": "phishing (fake sites that steal passwords)",
    "cryptojacking": "hidden cryptocurrency mining",
    "stalkerware": "spying apps",
    "ddos": "attacks on other computers",
    "proxy": "proxies that get round the filter",
    "vpn": "VPN services",
    "redirector": "redirectors that get round the filter",
    "strict_redirector": "redirectors that get round the filter",
    "strong_redirector": "redirectors that get round the filter",
    "residential-proxies": "proxies that get round the filter",
    "doh": "encrypted DNS services that get round the filter",
    "remote-control": "remote control software",
    "webmail": "webmail",
    "blog": "blogs",
    "ads": "advertising",
    "publicite": "advertising",
    "bitcoin": "cryptocurrency",
    "council-block": "on the council's own block list",
    "council-allow": "on the council's own allow list",
}

_ACTIONS = ("block", "error", "allow", "monitor")
_MAX_SHOWN = 300  # characters of the address shown on the page (the mailto gets more)
_MAX_MAILED = 1500

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;
background:#f4f4f2;color:#1b1b1b;line-height:1.5;font-size:17px}
main{max-width:40rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem;color:#8a1c1c}
h1.ok{color:#1d5e2f}
h2{font-size:1.1rem;margin:1.5rem 0 .4rem}
.box{background:#fff;border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin:1rem 0}
code{word-break:break-all;font-size:.95rem;background:#eee;padding:.1rem .3rem}
blockquote{margin:.5rem 0;padding-left:.8rem;border-left:4px solid #8a1c1c}
a{color:#0b4f9c}
small{color:#555}
"""


# `quote(text, safe="")` for ASCII text, as one `str.translate` (the Squid helper
# quotes every blocked URL): unreserved characters stay, all others become %XX.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_QUOTE_ASCII = {c: f"%{c:02X}" for c in range(128) if chr(c) not in _UNRESERVED}


def quote_all(text: str) -> str:
    """`urllib.parse.quote(text, safe="")`, faster for ASCII text."""
    return text.translate(_QUOTE_ASCII) if text.isascii() else quote(text, safe="")


def block_page_url(base: str, decision: Decision, url: str) -> str:
    """`base` (e.g. http://192.0.2.10:8081/blocked) with url, category, clause, rule."""
    return f"{base}{'&' if '?' in base else '?'}url={quote_all(url)}" + _decision_query(
        decision.category or "", decision.clause or "", decision.rule or ""
    )


@lru_cache(maxsize=1024)
def _decision_query(category: str, clause: str, rule: str) -> str:
    """The query after the URL; the same few decisions repeat, so encoded once each."""
    return "&" + urlencode({"category": category, "clause": clause, "rule": rule})


def category_words(category: str | None) -> str | None:
    """The kind of site in plain English; unknown names with '_' and '-' as spaces."""
    if not category:
        return None
    return CATEGORY_WORDS.get(category, category.replace("_", " ").replace("-", " "))


def clause_locator(clause: Clause) -> str:
    """Where the clause stands in the council's document, e.g. 'General, item 6'."""
    loc = clause.locator
    parts = [loc.section]
    if loc.subsection:
        parts.append(loc.subsection)
    if loc.item is not None:
        parts.append(f"item {loc.item}")
    return ", ".join(parts)


def _find_clause(pack: Pack, clause_id: str | None) -> Clause | None:
    if not clause_id:
        return None
    try:
        return pack.clause(clause_id)
    except KeyError:
        return None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mailto(email: str, url: str, clause_text: str, pack: Pack, at: dt.datetime | None) -> str:
    subject = f"Web filter: please allow {_short(url, 120)}"
    lines = [
        "Please could you allow access to this address:",
        _short(url, _MAX_MAILED),
        "",
        f"The web filter blocked it under {clause_text} of the {pack.source.title}.",
    ]
    if at is not None:
        lines.append(f"When: {at.strftime('%d %B %Y at %H:%M')}")
    lines += ["", "Why I need it for council work:", ""]
    body = "\r\n".join(lines)  # RFC 6068: line breaks in a mailto body are CRLF
    query = "subject=" + quote(subject, safe="") + "&body=" + quote(body, safe="")
    return f"mailto:{quote(email, safe='@.+-_')}?{query}"


def render_block_page(
    pack: Pack,
    *,
    url: str,
    category: str | None,
    clause_id: str | None,
    action: str = "block",
    contact: WebContact | None = None,
    download: str | None = None,
    rule: str | None = None,
    at: dt.datetime | None = None,
) -> str:
    """The page for one stopped (or, with action allow/monitor, no longer stopped)
    address. `download` describes a blocked file (e.g. "a Windows program (.exe)") and
    turns the page into "This download was blocked". Never raises for odd input."""
    e = html.escape
    contact = contact or pack.web.contact
    action = action if action in _ACTIONS else "block"
    clause = _find_clause(pack, clause_id)
    shown_url = _short(url or "(no address given)", _MAX_SHOWN)
    kind = category_words(category)
    council = pack.council.name
    if clause is not None:
        clause_text = f"{clause_locator(clause)} ({clause.id})"
    elif clause_id:
        clause_text = f"clause {clause_id}"
    else:
        clause_text = "the council's internet use policy"
    body: list[str] = []
    blocked = action in ("block", "error")
    if not blocked:
        body.append('<h1 class="ok">This site is not blocked</h1>')
        body.append(f"<p>The web filter does not block <code>{e(shown_url)}</code> now.</p>")
        body.append(
            "<p>Your device may still remember an earlier answer. Wait a few minutes and "
            "try again, or close and reopen the browser.</p>"
        )
        if action == "monitor":
            body.append(
                f"<p>Visits to this kind of site are recorded, as {e(council)}'s policy "
                f"allows ({e(clause_text)}).</p>"
            )
        return _page(pack, "Not blocked", body)
    title = "This download was blocked" if download else "This site was blocked"
    body.append(f"<h1>{e(title)}</h1>")
    body.append(
        f'<div class="box"><p>Address: <code>{e(shown_url)}</code></p>'
        + (f"<p>What it is: {e(download)}</p>" if download else "")
        + (f"<p>Kind of site: {e(kind)}</p>" if kind and not download else "")
        + "</div>"
    )
    if action == "error":
        body.append(
            "<p>The filter could not read this address, so it was blocked to be safe.</p>"
        )
    body.append(f"<h2>Why</h2><p>{e(council)}'s internet use policy says:</p>")
    if clause is not None:
        body.append(f"<blockquote>{e(clause.summary)}</blockquote>")
        body.append(f"<p><small>{e(pack.source.title)}: {e(clause_text)}</small></p>")
    else:
        body.append(
            "<blockquote>Council equipment and the council's internet connection are for "
            "council business; some sites and downloads are not allowed.</blockquote>"
        )
        if clause_id:
            body.append(f"<p><small>Clause: {e(clause_id)}</small></p>")
    body.append("<h2>If you need this for council work</h2>")
    body.append(_contact_html(pack, contact, url, clause_text, at))
    if rule:
        body.append(f"<p><small>Filter rule: {e(rule)}</small></p>")
    return _page(pack, title, body)


def _contact_html(
    pack: Pack, contact: WebContact, url: str, clause_text: str, at: dt.datetime | None
) -> str:
    e = html.escape
    ways: list[str] = []
    if contact.email:
        href = _mailto(contact.email, url, clause_text, pack, at)
        ways.append(f'email <a href="{e(href)}">{e(contact.email)}</a>')
    if contact.phone:
        tel = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        ways.append(f'phone <a href="tel:{e(tel)}">{e(contact.phone)}</a>')
    how = (" (" + " or ".join(ways) + ")") if ways else ""
    return (
        f"<p>Ask {e(contact.who)}{how} for an exception. Say which address you need "
        "(copy it from above), quote the clause, and explain why your council work needs "
        "it. If the Clerk agrees, the site can be added to the council's allow list.</p>"
    )


def _page(pack: Pack, title: str, body: list[str]) -> str:
    e = html.escape
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{e(title)} - {e(pack.council.name)}</title>"
        f"<style>{_CSS}</style></head><body><main>\n"
        + "\n".join(body)
        + f"\n<p><small>{e(pack.council.name)} web filter</small></p>"
        "\n</main></body></html>\n"
    )
