"""The clauses of the small test council used by the web tests; each test file adds
its own `web:` section (the part it exercises)."""

from __future__ import annotations

TESTTOWN_CLAUSES = """\
pack: testtown
source: {title: Test Town policy, document: test.txt}
council: {name: Test Town Council}
clauses:
  - id: testtown.web.gambling
    locator: {section: Web, item: 1}
    summary: No betting sites.
    channels: [web]
    controls:
      - web_category: gambling
    action: block
  - id: testtown.web.tablet-games
    locator: {section: Web, item: 2}
    summary: No games on tablets in office hours.
    channels: [web]
    controls:
      - web_category: games
    action: block
  - id: testtown.web.shopping
    locator: {section: Web, item: 3}
    summary: Shopping is logged.
    channels: [web]
    controls:
      - web_category: shopping
    action: warn
"""
