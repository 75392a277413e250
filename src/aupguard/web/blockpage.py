"""The block page: what a person sees when the filter stops a site.

`block_page_url` is how the Squid helper and the proxy point a browser at the page
served by `aupguard web block-page`; the query carries the blocked URL, category and
clause so the page can quote the policy without deciding again.
"""

from __future__ import annotations

from urllib.parse import urlencode

from aupguard.web.decide import Decision

__all__ = ["block_page_url"]


def block_page_url(base: str, decision: Decision, url: str) -> str:
    """`base` (e.g. http://192.0.2.10:8081/blocked) with url, category, clause, rule."""
    query = {
        "url": url,
        "category": decision.category or "",
        "clause": decision.clause or "",
        "rule": decision.rule or "",
    }
    sep = "&" if "?" in base else "?"
    return base + sep + urlencode(query)
