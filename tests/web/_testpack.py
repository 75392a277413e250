"""The clauses of the small test council used by the web tests; each test file adds
its own `web:` section (the part it exercises). `PACK`, `LISTS` and `OWN` are one with
every kind of rule (groups, time windows, exceptions, council lists), and `HOSTS`,
`PATHS` and `SCHEMES` requests that meet each of them, for tests that compare a fast
path with the reference."""

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

PACK = TESTTOWN_CLAUSES + """\
web:
  groups:
    staff: {users: [alice]}
    tablets: {clients: [10.9.0.0/16]}
  default: {action: monitor, clause: testtown.web.gambling}
  council_lists: {block: testtown.web.gambling, allow: testtown.web.gambling}
  rules:
    - id: shopping
      clause: testtown.web.gambling
      categories: [shopping]
      action: monitor
    - id: gambling
      clause: testtown.web.gambling
      categories: [gambling, aggressive]
      action: block
      exceptions: {allow: [lottery.test], block: [sneaky.test]}
    - id: tablet-games
      clause: testtown.web.tablet-games
      categories: [games]
      action: block
      groups: [tablets]
      when:
        - {days: [mon, tue, wed, thu, fri], hours: "09:00-17:00"}
    - id: staff-games
      clause: testtown.web.tablet-games
      categories: [games]
      action: allow
      groups: [staff]
"""

LISTS = {
    "gambling": {"domains": "bet.test\nlottery.test\nbingo.test\n10.1.2.3\n",
                 "urls": "astrolabio.net/casino/\nq.test/?v=9\n"},
    "agressif": {"domains": "hate.test\n"},
    "games": {"domains": "play.test\n"},
    "shopping": {"domains": "shop.test\nbingo.test\n"},
    "malware": {"expressions": r"^[0-9.]+/search\?q=[0-9]+$" + "\n"},
}
OWN = {"allow": {"domains": "good.bet.test\n"}, "block": {"domains": "nasty.test\n"}}

HOSTS = ["bet.test", "www.bet.test", "a.b.bet.test", "lottery.test", "www.lottery.test",
         "sneaky.test", "x.sneaky.test", "hate.test", "play.test", "shop.test", "bingo.test",
         "good.bet.test", "nasty.test", "unlisted.test", "astrolabio.net", "www.astrolabio.net",
         "q.test", "10.1.2.3", "167838211", "[::ffff:10.1.2.3]", "1.2.3.4", "BET.TEST.",
         "a..b", "user@bet.test", "bücher.test", "-", ""]
PATHS = ["", "/", "/casino", "/casino/x", "/Casino/", "/casinos", "/?v=9", "/search?q=42",
         "/a/../casino/", "//casino", "/%63asino/", "#frag", ":8080/x", ":99999/"]
SCHEMES = ["", "http://", "https://", "HTTP://", "ftp://", "//"]
